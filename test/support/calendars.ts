/** Small inline calendars and feeds for behaviour tests; the corpus covers messy real files. */
export function vevent(uid: string, start: string, summary: string, extra: string[] = []): string {
  return [
    'BEGIN:VEVENT',
    `UID:${uid}`,
    `DTSTAMP:20261101T000000Z`,
    `DTSTART:${start}`,
    `SUMMARY:${summary}`,
    ...extra,
    'END:VEVENT',
  ].join('\r\n');
}

export function calendar(...events: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Convene tests//EN', ...events, 'END:VCALENDAR', ''].join('\r\n');
}

export function rss(
  items: { title: string; link?: string; description?: string; pubDate?: string; guid?: string }[],
): string {
  const body = items
    .map(
      (i) =>
        `<item><title>${i.title}</title>${i.link ? `<link>${i.link}</link>` : ''}${i.guid ? `<guid>${i.guid}</guid>` : ''}${
          i.description ? `<description>${i.description}</description>` : ''
        }${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}</item>`,
    )
    .join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>Test feed</title><link>https://example.org/</link>\n${body}\n</channel></rss>\n`;
}

export const THREE_EVENTS = calendar(
  vevent('a@test', '20261203T180000Z', 'Rust Berlin meetup'),
  vevent('b@test', '20261210T180000Z', 'OWASP Berlin chapter meeting'),
  vevent('c@test', '20261217T180000Z', 'WebAssembly study group'),
);

/** What text written into an iCalendar TEXT value reads as after a round trip: CR gone, CRLF a newline, other controls gone. */
export function expectedText(text: string): string {
  return text
    .replace(/\r\n/g, '\n')
    .replace(/\r/g, '')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '');
}

const icsUtc = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** A large calendar: `count` one-off events 20 minutes apart from `fromMs`, titled `${label} ${i}`. */
export function manyEvents(count: number, fromMs: number, label: string): string {
  return calendar(
    ...Array.from({ length: count }, (_, i) =>
      vevent(`bulk-${i}@test`, icsUtc(fromMs + i * 1_200_000), `${label} ${i}`),
    ),
  );
}
