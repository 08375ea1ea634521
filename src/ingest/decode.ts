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

function bomEncoding(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function declaredEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 300));
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

export function decodeBytes(bytes: Uint8Array, contentType: string | null): DecodedText {
  const warnings: string[] = [];
  const label = charsetOf(contentType) ?? declaredEncoding(bytes);
  const bom = bomEncoding(bytes);
  if (!bom && label && !/^utf-?(8|16|32)/i.test(label) && provablyUtf8(bytes)) {
    warnings.push(`declared ${label.slice(0, 40)} but the content is UTF-8; read as UTF-8`);
    return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', warnings };
  }
  const candidates = [bom, charsetOf(contentType), declaredEncoding(bytes), 'utf-8'];
  let encoding = 'utf-8';
  let decoder: TextDecoder | null = null;
  for (const candidate of candidates) {
    if (!candidate) continue;
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
      warnings.push('not valid UTF-8; read as windows-1252');
    } else {
      text = (decoder ?? new TextDecoder()).decode(bytes);
      warnings.push(`invalid ${encoding} bytes replaced`);
    }
  }
  return { text: text.replace(/^\uFEFF/, ''), encoding, warnings };
}
