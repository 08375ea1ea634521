// Synthetic but realistic inputs for the ingest benchmark, written to a temporary folder (never committed).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Deterministic, so every run measures the same file. */
function prng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0;
    return s / 2 ** 32;
  };
}

const TOPICS = [
  'Rust',
  'TypeScript',
  'Security',
  'Data engineering',
  'Accessibility',
  'WebAssembly',
  'DevOps',
  'Python',
  'UX research',
  'Leadership',
];
const FORMATS = ['meetup', 'study group', 'workshop', 'conference', 'book club', 'hack night'];
const VENUES = [
  'c-base, Rungestraße 20, Berlin',
  'Factory Berlin, Lohmühlenstraße 65, Berlin',
  'Betahaus, Berlin',
  'Online (Jitsi)',
];

const VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Berlin',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
];

function local(date) {
  const p = (n) => String(n).padStart(2, '0');
  return `${date.getUTCFullYear()}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}T${p(date.getUTCHours())}${p(date.getUTCMinutes())}00`;
}

function fold(line) {
  const out = [];
  for (let i = 0; i < line.length; i += 73) out.push((i ? ' ' : '') + line.slice(i, i + 73));
  return out.join('\r\n');
}

/** 10,000 VEVENTs: 1,000 weekly series (some with an end), 200 overrides of their instances, 8,800 one-off events. */
export function generateIcs(dir, nowMs, { series = 1000, overrides = 200, total = 10_000 } = {}) {
  const rand = prng(42);
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Convene//bench//EN', ...VTIMEZONE];
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const event = (uid, start, summary, extra = []) => {
    const end = new Date(start.getTime() + 2 * 3_600_000);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART;TZID=Europe/Berlin:${local(start)}`,
      `DTEND;TZID=Europe/Berlin:${local(end)}`,
      `SUMMARY:${summary}`,
      fold(
        `DESCRIPTION:${summary}. Talks\\, discussion and time to meet people working on ${pick(TOPICS)} and ${pick(TOPICS)}. Newcomers welcome.`,
      ),
      `LOCATION:${pick(VENUES).replaceAll(',', '\\,')}`,
      `CATEGORIES:${pick(TOPICS).toLowerCase()}`,
      `URL:https://events.example.org/${uid}`,
      ...extra,
      'END:VEVENT',
    );
  };
  const seriesStarts = [];
  for (let i = 0; i < series; i++) {
    const start = new Date(nowMs - 60 * 86_400_000 + Math.floor(rand() * 60) * 86_400_000);
    start.setUTCHours(17 + Math.floor(rand() * 3), 0, 0, 0);
    seriesStarts.push(start);
    const rule =
      i % 4 === 0 ? 'RRULE:FREQ=WEEKLY;COUNT=20' : i % 4 === 1 ? 'RRULE:FREQ=WEEKLY;INTERVAL=2' : 'RRULE:FREQ=MONTHLY';
    event(`series-${i}@bench`, start, `${pick(TOPICS)} ${pick(FORMATS)} #${i}`, [
      rule,
      ...(i % 10 === 0 ? [`EXDATE;TZID=Europe/Berlin:${local(new Date(start.getTime() + 14 * 86_400_000))}`] : []),
    ]);
  }
  for (let i = 0; i < overrides; i++) {
    const original = new Date(seriesStarts[i].getTime() + 56 * 86_400_000 * (i % 4 === 1 ? 1 : 1));
    const moved = new Date(original.getTime() + 86_400_000);
    lines.push(
      'BEGIN:VEVENT',
      `UID:series-${i}@bench`,
      'DTSTAMP:20260101T000000Z',
      `RECURRENCE-ID;TZID=Europe/Berlin:${local(original)}`,
      `DTSTART;TZID=Europe/Berlin:${local(moved)}`,
      `DTEND;TZID=Europe/Berlin:${local(new Date(moved.getTime() + 7_200_000))}`,
      `SUMMARY:Moved: session ${i}`,
      'END:VEVENT',
    );
  }
  for (let i = 0; i < total - series - overrides; i++) {
    const start = new Date(nowMs + Math.floor(rand() * 360) * 86_400_000);
    start.setUTCHours(9 + Math.floor(rand() * 10), 0, 0, 0);
    event(`single-${i}@bench`, start, `${pick(TOPICS)} ${pick(FORMATS)}: session ${i}`);
  }
  lines.push('END:VCALENDAR', '');
  const path = join(dir, 'bench-10k.ics');
  writeFileSync(path, lines.join('\r\n'));
  return path;
}

/** 1,000 RSS items: a third with event-module dates, a third dated in their text, a third undated. */
export function generateRss(dir, nowMs, items = 1000) {
  const rand = prng(7);
  const out = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<rss version="2.0" xmlns:ev="http://purl.org/rss/1.0/modules/event/"><channel>',
    '<title>Bench study groups</title><link>https://example.org/</link>',
  ];
  const months = [
    'January',
    'February',
    'March',
    'April',
    'May',
    'June',
    'July',
    'August',
    'September',
    'October',
    'November',
    'December',
  ];
  for (let i = 0; i < items; i++) {
    const date = new Date(nowMs + Math.floor(rand() * 300 + 2) * 86_400_000);
    const topic = TOPICS[i % TOPICS.length];
    let extra = '';
    let text = `A ${topic} study group for practitioners; bring a laptop&nbsp;and questions.`;
    if (i % 3 === 0) extra = `<ev:startdate>${date.toISOString()}</ev:startdate>`;
    else if (i % 3 === 1)
      text = `We meet on ${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()} at 18:30. ${text}`;
    out.push(
      `<item><title>${topic} study group, session ${i}</title><link>https://example.org/s/${i}</link><guid>s-${i}</guid><description>${text}</description><pubDate>${new Date(nowMs - 86_400_000).toUTCString()}</pubDate>${extra}</item>`,
    );
  }
  out.push('</channel></rss>', '');
  const path = join(dir, 'bench-1k.xml');
  writeFileSync(path, out.join('\n'));
  return path;
}
