/**
 * iCalendar content lines (RFC 5545 3.1 and 3.3.11): TEXT values escaped, lines folded at 75 octets
 * without splitting a UTF-8 sequence, CRLF endings. Feed text is hostile: a bare CR could end a line
 * in a lenient reader and smuggle in a property, so CR and other control characters never get through.
 */

// Control characters other than TAB and LF: stripped, as RFC 5545 TEXT does not allow them.
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, (match) => (match === '\r\n' ? '\n' : ''))
    .replace(CONTROL, '')
    .replace(/[\\;,]/g, (c) => `\\${c}`)
    .replace(/\n/g, '\\n');
}

/** For URI and other non-TEXT values: nothing may break the line, and nothing else is changed. */
export function cleanValue(value: string): string {
  return value.replace(/[\r\n]/g, '').replace(CONTROL, '');
}

const MAX_OCTETS = 75;

function octets(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/** Folds one unfolded line: continuation lines start with a space, which counts toward their 75 octets. */
export function foldLine(line: string): string {
  let out = '';
  let used = 0;
  for (const char of line) {
    const size = octets(char.codePointAt(0)!);
    if (used + size > MAX_OCTETS) {
      out += '\r\n ';
      used = 1;
    }
    out += char;
    used += size;
  }
  return `${out}\r\n`;
}

export function contentLine(name: string, value: string): string {
  return foldLine(`${name}:${value}`);
}
