import type { FeedDocument } from './feed-document.ts';

// Characters XML 1.0 cannot carry at all, even escaped (2.2): stripped from feed-supplied text.
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlText(value: string): string {
  return value
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** RFC 3339 as Atom wants it (seconds, Z). */
function atomDate(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 19)}Z`;
}

/** Atom 1.0 (RFC 4287): ids are UUID URNs that survive a new token or host; text constructs are plain text. */
export function writeAtomFeed(feed: FeedDocument): string {
  let out =
    '<?xml version="1.0" encoding="utf-8"?>\n' +
    '<feed xmlns="http://www.w3.org/2005/Atom">\n' +
    `  <id>urn:uuid:${feed.id}</id>\n` +
    `  <title type="text">${xmlText(feed.title)}</title>\n` +
    `  <subtitle type="text">${xmlText(feed.description)}</subtitle>\n` +
    `  <updated>${atomDate(feed.updated)}</updated>\n` +
    '  <author><name>Convene</name></author>\n' +
    (feed.selfUrl ? `  <link rel="self" type="application/atom+xml" href="${xmlText(feed.selfUrl)}"/>\n` : '') +
    (feed.pageUrl ? `  <link rel="alternate" type="text/html" href="${xmlText(feed.pageUrl)}"/>\n` : '') +
    '  <generator>Convene</generator>\n';
  for (const { id, publication, pick } of feed.items) {
    const { entry } = publication;
    const link = entry.url ?? feed.pageUrl;
    out +=
      '  <entry>\n' +
      `    <id>urn:uuid:${id}</id>\n` +
      `    <title type="text">${xmlText(pick.event.title)}</title>\n` +
      `    <published>${atomDate(publication.publishedAt)}</published>\n` +
      `    <updated>${atomDate(publication.lastModified)}</updated>\n` +
      (link ? `    <link rel="alternate" type="text/html" href="${xmlText(link)}"/>\n` : '') +
      pick.event.topics.map((t) => `    <category term="${xmlText(t)}"/>\n`).join('') +
      `    <summary type="text">${xmlText(`${entry.allDay ? entry.start : `${entry.start.slice(0, 16).replace('T', ' ')} UTC`}${entry.location ? `, ${entry.location}` : ''}: ${pick.reasons[0]?.text ?? pick.event.kind}`)}</summary>\n` +
      `    <content type="text">${xmlText(entry.description)}</content>\n` +
      '  </entry>\n';
  }
  return `${out}</feed>\n`;
}
