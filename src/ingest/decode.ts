import { decodeUtf32, type Sniffed, sniffUnicode } from './unicode-sniff.ts';
import { c1AsWindows1252 } from './windows-1252.ts';

/** Bytes to text, honouring the charset the way feed readers do: HTTP header, then BOM, then the XML declaration. */
export interface DecodedText {
  text: string;
  encoding: string;
  warnings: string[];
}

function decoderFor(label: string): TextDecoder | null {
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return null;
  }
}

function headText(bytes: Uint8Array, sniffed: Sniffed | null): string {
  const head = bytes.subarray(0, 1200);
  if (sniffed?.encoding === 'utf-32le' || sniffed?.encoding === 'utf-32be')
    return decodeUtf32(head.subarray(0, head.length - (head.length % 4)), sniffed.encoding === 'utf-32le').text;
  return new TextDecoder(
    sniffed?.encoding === 'utf-16le' || sniffed?.encoding === 'utf-16be' ? sniffed.encoding : 'latin1',
  ).decode(head);
}

function declaredEncoding(bytes: Uint8Array, sniffed: Sniffed | null = sniffUnicode(bytes)): string | null {
  const head = headText(bytes, sniffed).replace(/^\uFEFF/, '');
  return /^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/i.exec(head)?.[1] ?? null;
}

export function charsetOf(contentType: string | null): string | null {
  return contentType ? (/charset\s*=\s*"?([A-Za-z0-9._-]+)/i.exec(contentType)?.[1] ?? null) : null;
}

/**
 * Valid multi-byte UTF-8 is almost never legacy text by accident, so it wins over a label naming a
 * single-byte charset (publishers change the content and forget the prolog; Miniflux reads it so too).
 */
function provablyUtf8(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * UTF-16 and UTF-32 (XML feeds written by Windows and Java tools): with a byte-order mark as the
 * standard asks, or without one, the encoding then read from the byte pattern and reported.
 */
function decodeWide(bytes: Uint8Array, sniffed: Sniffed & { encoding: string }, label: string | null): DecodedText {
  const warnings: string[] = [];
  const family = sniffed.encoding.slice(0, 6);
  const name = sniffed.encoding.toUpperCase();
  const named = label?.toLowerCase().replace('_', '-') ?? null;
  if (named && !named.startsWith(family))
    warnings.push(`declared ${label!.slice(0, 40)} but the content is ${name}; read as ${name}`);
  // A label that names the byte order (UTF-16LE) needs no mark (XML 1.0 appendix F, RFC 2781 3.3).
  else if (!sniffed.bom && named !== sniffed.encoding)
    warnings.push(`no byte-order mark; read as ${name} by its byte pattern`);
  let text: string;
  if (family === 'utf-32') {
    const decoded = decodeUtf32(bytes, sniffed.encoding === 'utf-32le');
    text = decoded.text;
    if (decoded.invalid > 0) warnings.push(`${decoded.invalid} invalid ${name} code units replaced`);
  } else {
    try {
      text = new TextDecoder(sniffed.encoding, { fatal: true }).decode(bytes);
    } catch {
      text = new TextDecoder(sniffed.encoding).decode(bytes);
      warnings.push(`invalid ${name} bytes replaced`);
    }
  }
  return { text: text.replace(/^\uFEFF/, ''), encoding: sniffed.encoding, warnings };
}

export function decodeBytes(bytes: Uint8Array, contentType: string | null): DecodedText {
  const sniffed = sniffUnicode(bytes);
  if (sniffed && sniffed.encoding !== 'utf-8')
    return withC1Repaired(decodeWide(bytes, sniffed, charsetOf(contentType) ?? declaredEncoding(bytes, sniffed)), null);
  return withC1Repaired(decodeNarrow(bytes, contentType), charsetOf(contentType) ?? declaredEncoding(bytes));
}

/**
 * C1 control characters are never meant in feeds or calendars. Declared windows-1252 (or read as it
 * after failing UTF-8), they are its punctuation, decoded as C1 by Node: mapped without a word. Anywhere
 * else (UTF-8 or UTF-16 text, a Latin-1 label) they are windows-1252 punctuation that went through a
 * Latin-1 decoder upstream: mapped too, and reported.
 */
function withC1Repaired(decoded: DecodedText, label: string | null): DecodedText {
  const { text, count } = c1AsWindows1252(decoded.text);
  if (count === 0) return decoded;
  const declared = label !== null && /^(windows-|x-cp|cp)1252$/i.test(label.trim());
  const fellBack = decoded.warnings.includes(NOT_UTF8);
  if (!(decoded.encoding === 'windows-1252' && (declared || fellBack)))
    decoded.warnings.push(`${count} C1 control character${count === 1 ? '' : 's'} read as Windows-1252 punctuation`);
  return { ...decoded, text };
}

const NOT_UTF8 = 'not valid UTF-8; read as windows-1252';

function decodeNarrow(bytes: Uint8Array, contentType: string | null): DecodedText {
  const warnings: string[] = [];
  const label = charsetOf(contentType) ?? declaredEncoding(bytes);
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 'utf-8' : null;
  if (!bom && label && !/^utf-?(8|16|32)/i.test(label) && provablyUtf8(bytes)) {
    warnings.push(`declared ${label.slice(0, 40)} but the content is UTF-8; read as UTF-8`);
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', warnings };
  }
  const candidates = [bom, charsetOf(contentType), declaredEncoding(bytes), 'utf-8'];
  let encoding = 'utf-8';
  let decoder: TextDecoder | null = null;
  for (const candidate of candidates) {
    if (!candidate) continue;
    // The bytes have no UTF-16/32 pattern (see sniffUnicode), so such a label is a leftover.
    if (/^utf-?(16|32)/i.test(candidate)) {
      warnings.push(`declared ${candidate.slice(0, 40)} but the content is not; label ignored`);
      continue;
    }
    decoder = decoderFor(candidate);
    if (decoder) {
      encoding = decoder.encoding;
      break;
    }
    warnings.push(`unknown charset "${candidate.slice(0, 40)}" ignored`);
  }
  const strict = new TextDecoder(encoding, { fatal: true, ignoreBOM: false });
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    // A declared UTF-8 that is really Latin-1 is the common lie; windows-1252 reads every byte.
    if (encoding === 'utf-8') {
      text = new TextDecoder('windows-1252').decode(bytes);
      encoding = 'windows-1252';
      warnings.push(NOT_UTF8);
    } else {
      text = (decoder ?? new TextDecoder()).decode(bytes);
      warnings.push(`invalid ${encoding} bytes replaced`);
    }
  }
  return { text: text.replace(/^\uFEFF/, ''), encoding, warnings };
}
