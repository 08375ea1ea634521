/**
 * UTF-16 and UTF-32 told from their first bytes, as XML 1.0 Appendix F does: a byte-order mark, or
 * else the zero bytes around the first ASCII character ('<' or 'B' of BEGIN). TextDecoder has no
 * UTF-32, so it is decoded here.
 */
export type WideEncoding = 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';

export interface Sniffed {
  encoding: WideEncoding | 'utf-8';
  bom: boolean;
}

export function sniffUnicode(b: Uint8Array): Sniffed | null {
  if (b.length >= 4 && b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0)
    return { encoding: 'utf-32le', bom: true };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff)
    return { encoding: 'utf-32be', bom: true };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le', bom: true };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be', bom: true };
  if (b.length < 4) return null;
  const zero = [b[0] === 0, b[1] === 0, b[2] === 0, b[3] === 0];
  if (zero[0] && zero[1] && zero[2] && !zero[3]) return { encoding: 'utf-32be', bom: false };
  if (!zero[0] && zero[1] && zero[2] && zero[3]) return { encoding: 'utf-32le', bom: false };
  if (zero[0] && !zero[1] && zero[2] && !zero[3]) return { encoding: 'utf-16be', bom: false };
  if (!zero[0] && zero[1] && !zero[2] && zero[3]) return { encoding: 'utf-16le', bom: false };
  return null;
}

/** UTF-32 to text; code points beyond Unicode or in the surrogate range become U+FFFD and are counted. */
export function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): { text: string; invalid: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  let chunk: number[] = [];
  let invalid = 0;
  for (let i = 0; i + 4 <= bytes.length; i += 4) {
    const code = view.getUint32(i, littleEndian);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      invalid++;
      chunk.push(0xfffd);
    } else chunk.push(code);
    if (chunk.length === 8192) {
      parts.push(String.fromCodePoint(...chunk));
      chunk = [];
    }
  }
  parts.push(String.fromCodePoint(...chunk));
  if (bytes.length % 4 !== 0) invalid++;
  return { text: parts.join(''), invalid };
}
