import { sha256Hex } from '../core/sha256.ts';

const quoted = (hex: string, variant: string) => `"${hex.slice(0, 32)}${variant}"`;

/**
 * A strong validator of a body (RFC 9110 8.8.3): the first 128 bits of its SHA-256, quoted. `variant`
 * tells two representations of one body apart (its gzip encoding).
 */
export function strongEtag(body: string, variant = ''): string {
  return quoted(sha256Hex(body), variant);
}

/**
 * The same validators of a large body, for each of its representations, from one SHA-256 of its UTF-8
 * bytes by WebCrypto: a user's picks run to hundreds of KB (the give-first list), which the plain
 * JavaScript hash took some 13 ms over, per representation, on the first answer after a store change.
 */
export async function strongEtags<V extends string>(
  bytes: Uint8Array<ArrayBuffer>,
  variants: Record<V, string>,
): Promise<Record<V, string>> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  let hex = '';
  for (const byte of digest) hex += byte.toString(16).padStart(2, '0');
  const etags = {} as Record<V, string>;
  for (const name of Object.keys(variants) as V[]) etags[name] = quoted(hex, variants[name]);
  return etags;
}
