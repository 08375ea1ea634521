/**
 * A new secret (API key, feed token, admin key): 256 random bits, shown once and stored only as its
 * SHA-256 hash (see sha256.ts).
 */
export function newApiKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `cvn_${btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')}`;
}
