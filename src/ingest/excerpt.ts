/**
 * A short piece of fetched text for a warning: at most `max` characters, quoted, with quotes,
 * backslashes, controls and every non-ASCII character escaped, so a warning never carries raw bytes
 * or markup of the source into a terminal, a log or a page.
 */
export function excerpt(value: string, max = 40): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;
  return `"${cut.replace(/[\\"]|[^\x20-\x7E…]/g, (ch) =>
    ch === '\\' || ch === '"' ? `\\${ch}` : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  )}"`;
}

/** How a warning names one event of a source: by its UID, escaped and cut short. */
export function eventLabel(uid: string): string {
  return `event ${excerpt(uid, 60)}`;
}
