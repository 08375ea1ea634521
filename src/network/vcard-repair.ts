/**
 * vCard 2.1 (Outlook, older Android and Apple exports) is not what ical.js reads: bare parameters
 * (`TEL;WORK;VOICE:`), quoted-printable values broken over lines with a trailing `=`, and `BASE64`
 * without `ENCODING=`. This rewrites a card into the 3.0 shape; other cards pass through unchanged.
 */
const BARE_ENCODINGS = new Set(['QUOTED-PRINTABLE', 'BASE64', 'B', '8BIT', '7BIT']);

function splitParams(head: string): string[] {
  return head.split(';');
}

function decodeQuotedPrintable(value: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const ch = value[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(Number.parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...new TextEncoder().encode(ch));
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    decoder = new TextDecoder('utf-8');
  }
  return decoder.decode(Uint8Array.from(bytes));
}

function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;');
}

export function repairVcard(card: string): string {
  const lines = card.split(/\r\n|\r|\n/);
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const colon = line.indexOf(':');
    if (colon < 0 || /^[ \t]/.test(line)) {
      out.push(line);
      continue;
    }
    const [name, ...params] = splitParams(line.slice(0, colon));
    let value = line.slice(colon + 1);
    const fixed: string[] = [];
    let qp = false;
    let charset = 'utf-8';
    for (const param of params) {
      const eq = param.indexOf('=');
      const key = (eq < 0 ? param : param.slice(0, eq)).toUpperCase();
      const val = eq < 0 ? '' : param.slice(eq + 1);
      if (eq < 0 && BARE_ENCODINGS.has(key)) {
        if (key === 'QUOTED-PRINTABLE') qp = true;
        else fixed.push(`ENCODING=${key === 'BASE64' ? 'b' : key}`);
      } else if (eq < 0) fixed.push(`TYPE=${param}`);
      else if (key === 'ENCODING' && val.toUpperCase() === 'QUOTED-PRINTABLE') qp = true;
      else if (key === 'CHARSET') charset = val;
      else if (key === 'ENCODING' && val.toUpperCase() === 'BASE64') fixed.push('ENCODING=b');
      else fixed.push(param);
    }
    if (qp) {
      // A trailing '=' is a soft line break: the value goes on at the start of the next line.
      while (value.endsWith('=') && i + 1 < lines.length) value = value.slice(0, -1) + lines[++i]!;
      const decoded = decodeQuotedPrintable(value, charset);
      value = /^(N|ADR)$/i.test(name ?? '') ? decoded.replace(/\r\n|\r|\n/g, ' ') : escapeText(decoded);
    }
    line = `${[name, ...fixed].join(';')}:${value}`;
    out.push(line);
  }
  return out.join('\r\n');
}
