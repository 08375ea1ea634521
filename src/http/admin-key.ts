import { sha256HexSync } from './sha256.ts';

/**
 * API keys are 256 random bits shown once and stored only as SHA-256 hashes. Comparing hashes (always
 * 32 bytes) in constant time means a wrong or wrong-length key is an ordinary 401, never a 500.
 */
export function sha256Hex(text: string): string {
  return sha256HexSync(text);
}

export function newApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `cvn_${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')}`;
}

export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
