/**
 * Keys are compared as their SHA-256 hashes (always 32 bytes), in constant time: a wrong or
 * wrong-length key is an ordinary 401, never a 500, and the time taken says nothing about it.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
