// Controls, quotes, backslashes, angle brackets (markup) and every non-ASCII character: what a warning must not carry raw.
const UNSAFE = /[\\"<>]|[^\x20-\x7E…]/g;

function escaped(text: string): string {
  return text.replace(UNSAFE, (ch) =>
    ch === '\\' || ch === '"' ? `\\${ch}` : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * A short piece of fetched text for a warning: at most `max` characters, quoted, with quotes,
 * backslashes, controls, markup characters and every non-ASCII character escaped, so a warning never
 * carries raw bytes or markup of the source into a terminal, a log or a page.
 */
export function excerpt(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return `"${escaped(cut)}"`;
}

/**
 * Why a library refused something, for a warning or an error message: its first line, escaped like an
 * excerpt. Parsers quote the input they refuse (ical.js: `invalid rule part "BYMONTHDAY=…"`).
 */
export function errorReason(error: unknown, max = 80): string {
  // Parsers quote the input they choke on; a quoted span of fetched text is never repeated (AP6).
  const message = (error instanceof Error ? error.message : String(error))
    .split('\n')[0]!
    .replace(/"[^"]{4,}"/g, '"…"')
    .replace(/\s+/g, ' ')
    .trim();
  return escaped(message.length > max ? `${message.slice(0, max)}…` : message);
}

/** How a warning names one event of a source: by its UID, escaped and cut short. */
export function eventLabel(uid: string): string {
  return `event ${excerpt(uid, 60)}`;
}
