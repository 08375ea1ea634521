import { SourceError } from '../core/errors.ts';
import type { SourceFormat } from '../core/source.ts';

/** Some publishers write `"version": "1.0"` instead of the JSON Feed URL; the `items` array gives them away. */
function looksLikeJsonFeed(text: string): boolean {
  try {
    const json = JSON.parse(text) as { version?: unknown; items?: unknown };
    return typeof json.version === 'string' && Array.isArray(json.items);
  } catch {
    return false;
  }
}

/** The format from the content itself; the Content-Type only breaks ties (servers label .ics as text/plain). */
export function detectFormat(text: string, contentType: string | null): SourceFormat {
  const head = text
    .slice(0, 4096)
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^BEGIN:VCALENDAR/i.test(head)) return 'ical';
  if (/^BEGIN:VCARD/i.test(head)) throw new SourceError('not_a_feed', 'a vCard address book, not an event source');
  if (head.startsWith('{') || head.startsWith('[')) {
    if (/"version"\s*:\s*"https?:\/\/jsonfeed\.org/i.test(head)) return 'jsonfeed';
    if (head.startsWith('{') && looksLikeJsonFeed(text)) return 'jsonfeed';
    if (head.startsWith('[') && /"startDate"\s*:/.test(head)) return 'conference-list';
    if (head.startsWith('[') && head.replace(/\s/g, '') === '[]') return 'conference-list';
    throw new SourceError('not_a_feed', 'JSON that is neither a JSON Feed nor a conference list');
  }
  if (head.startsWith('<')) {
    const body = head
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/<\?[\s\S]*?\?>/g, '')
      .trimStart();
    if (/^<(!doctype\s+html|html)\b/i.test(body)) throw new SourceError('not_a_feed', 'an HTML page, not a feed');
    if (/<(rss|rdf:RDF|feed|channel)\b/i.test(head)) return 'rss';
    throw new SourceError('not_a_feed', 'XML that is not RSS or Atom');
  }
  if (/BEGIN:VCALENDAR/i.test(head)) return 'ical';
  if (contentType && /text\/calendar/i.test(contentType)) return 'ical';
  if (head === '') throw new SourceError('not_a_feed', 'empty body');
  throw new SourceError('not_a_feed', 'not a calendar, feed or conference list');
}
