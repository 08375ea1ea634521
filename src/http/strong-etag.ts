import { sha256Hex } from '../core/sha256.ts';

/**
 * A strong validator of a body (RFC 9110 8.8.3): the first 128 bits of its SHA-256, quoted. `variant`
 * tells two representations of one body apart (its gzip encoding).
 */
export function strongEtag(body: string, variant = ''): string {
  return `"${sha256Hex(body).slice(0, 32)}${variant}"`;
}
