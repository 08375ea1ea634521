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

/**
 * The shape both bench calendars share: `series` weekly, fortnightly and monthly series (some with an
 * end or an EXDATE), `overrides` moved instances of them, and one-off events up to `total` VEVENTs, all
 * in Europe/Berlin. `style` writes each VEVENT's own lines; `rand` is drawn in the same order always.
 */
function layOut(rand, nowMs, { series, overrides, total }, style) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', ...style.header, ...VTIMEZONE];
  const event = (uid, start, summary, extra = []) =>
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}`,
      'DTSTAMP:20260101T000000Z',
      `DTSTART;TZID=Europe/Berlin:${local(start)}`,
      ...style.event(uid, start, summary),
      ...extra,
      'END:VEVENT',
    );
  const seriesStarts = [];
  for (let i = 0; i < series; i++) {
    const start = new Date(nowMs - 60 * 86_400_000 + Math.floor(rand() * 60) * 86_400_000);
    start.setUTCHours(17 + Math.floor(rand() * 3), 0, 0, 0);
    seriesStarts.push(start);
    const rule =
      i % 4 === 0 ? 'RRULE:FREQ=WEEKLY;COUNT=20' : i % 4 === 1 ? 'RRULE:FREQ=WEEKLY;INTERVAL=2' : 'RRULE:FREQ=MONTHLY';
    event(`series-${i}@${style.uidHost}`, start, `${pick(TOPICS)} ${pick(FORMATS)} #${i}`, [
      rule,
      ...(i % 10 === 0 ? [`EXDATE;TZID=Europe/Berlin:${local(new Date(start.getTime() + 14 * 86_400_000))}`] : []),
    ]);
  }
  for (let i = 0; i < overrides; i++) {
    const original = new Date(seriesStarts[i].getTime() + 56 * 86_400_000);
    const moved = new Date(original.getTime() + 86_400_000);
    lines.push(
      'BEGIN:VEVENT',
      `UID:series-${i}@${style.uidHost}`,
      'DTSTAMP:20260101T000000Z',
      `RECURRENCE-ID;TZID=Europe/Berlin:${local(original)}`,
      `DTSTART;TZID=Europe/Berlin:${local(moved)}`,
      `DTEND;TZID=Europe/Berlin:${local(new Date(moved.getTime() + 7_200_000))}`,
      `SUMMARY:Moved: session ${i}`,
      ...style.override(),
      'END:VEVENT',
    );
  }
  for (let i = 0; i < total - series - overrides; i++) {
    const start = new Date(nowMs + Math.floor(rand() * 360) * 86_400_000);
    start.setUTCHours(9 + Math.floor(rand() * 10), 0, 0, 0);
    event(`single-${i}@${style.uidHost}`, start, style.singleSummary(i, pick));
  }
  lines.push('END:VCALENDAR', '');
  return lines.join('\r\n');
}

/** 10,000 VEVENTs: 1,000 weekly series (some with an end), 200 overrides of their instances, 8,800 one-off events. */
export function generateIcs(dir, nowMs, { series = 1000, overrides = 200, total = 10_000 } = {}) {
  const rand = prng(42);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const text = layOut(
    rand,
    nowMs,
    { series, overrides, total },
    {
      header: ['PRODID:-//Convene//bench//EN'],
      uidHost: 'bench',
      event: (uid, start, summary) => [
        `DTEND;TZID=Europe/Berlin:${local(new Date(start.getTime() + 2 * 3_600_000))}`,
        `SUMMARY:${summary}`,
        fold(
          `DESCRIPTION:${summary}. Talks\\, discussion and time to meet people working on ${pick(TOPICS)} and ${pick(TOPICS)}. Newcomers welcome.`,
        ),
        `LOCATION:${pick(VENUES).replaceAll(',', '\\,')}`,
        `CATEGORIES:${pick(TOPICS).toLowerCase()}`,
        `URL:https://events.example.org/${uid}`,
      ],
      override: () => [],
      singleSummary: (i) => `${pick(TOPICS)} ${pick(FORMATS)}: session ${i}`,
    },
  );
  const path = join(dir, 'bench-10k.ics');
  writeFileSync(path, text);
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

// Word stock for the realistic-text calendar: generic meetup prose, not drawn from any corpus.
const CITIES = [
  ['Berlin', '10115', 'Germany'],
  ['Hamburg', '20095', 'Germany'],
  ['München', '80331', 'Germany'],
  ['Köln', '50667', 'Germany'],
  ['Wien', '1010', 'Austria'],
  ['Zürich', '8001', 'Switzerland'],
  ['Amsterdam', '1012 AB', 'Netherlands'],
  ['London', 'EC2A 4NE', 'United Kingdom'],
  ['Paris', '75011', 'France'],
  ['Lisboa', '1200-109', 'Portugal'],
  ['Portland, OR', '97214', 'USA'],
  ['Toronto, ON', 'M5V 2T6', 'Canada'],
];
const STREETS = [
  'Hauptstraße',
  'Rungestraße',
  'Market Street',
  'Rue Oberkampf',
  'Keizersgracht',
  'Mariahilfer Straße',
  'Old Street',
  'Avenida da Liberdade',
  'Langstrasse',
  'Ehrenfeldgürtel',
];
const VENUE_WORDS = [
  'Factory',
  'Hub',
  'Campus',
  'Loft',
  'Werkstatt',
  'Library',
  'Coworking',
  'Lab',
  'Hall',
  'Café',
  'House',
  'Space',
];
const VENUE_PREFIX = [
  'Open',
  'North',
  'Riverside',
  'Old Town',
  'Maker',
  'Tech',
  'Community',
  'Station',
  'Union',
  'Garden',
];
const ONLINE = [
  'Online (Zoom)',
  'https://zoom.us/j/8%d',
  'Online event',
  'https://meet.jit.si/convene-%d',
  'Virtual (YouTube live stream)',
];
const ADJECTIVES = [
  'practical',
  'friendly',
  'hands-on',
  'in-depth',
  'informal',
  'beginner-friendly',
  'advanced',
  'lively',
  'open',
  'monthly',
];
const NOUNS = [
  'talk',
  'panel',
  'lightning talks',
  'code review',
  'live demo',
  'Q&A',
  'discussion',
  'pairing session',
  'retrospective',
  'case study',
];
const VERBS = ['explore', 'compare', 'build', 'debug', 'measure', 'design', 'migrate', 'test', 'document', 'ship'];
const THINGS = [
  'type-safe APIs',
  'observability pipelines',
  'accessible forms',
  'incremental builds',
  'memory profiles',
  'event-driven services',
  'CI caches',
  'design systems',
  'threat models',
  'data contracts',
];
const SPEAKERS = [
  'Ana Silva',
  'Jonas Müller',
  'Priya Raman',
  'Chloé Martin',
  'Kwame Mensah',
  'Sofia Rossi',
  'Mateusz Nowak',
  'Yuki Tanaka',
  'Liam O’Brien',
  'Fatima Zahra',
];

function sentence(pick) {
  switch (Math.floor(pick.rand() * 6)) {
    case 0:
      return `${pick(SPEAKERS)} gives a ${pick(ADJECTIVES)} ${pick(NOUNS)} on how teams ${pick(VERBS)} ${pick(THINGS)} with ${pick(TOPICS)}.`;
    case 1:
      return `We will ${pick(VERBS)} ${pick(THINGS)} together, then ${pick(VERBS)} ${pick(THINGS)} in small groups; bring a laptop.`;
    case 2:
      return `Doors open at 18:30, the first ${pick(NOUNS)} starts at 19:00 & drinks are on our hosts – thank you!`;
    case 3:
      return `Slides and recordings from the last session: https://slides.example.org/${pick(TOPICS).toLowerCase().replace(/\W+/g, '-')}/${Math.floor(pick.rand() * 900 + 100)}`;
    case 4:
      return `Our code of conduct applies (https://example.org/coc); questions to ${pick(SPEAKERS).split(' ')[0].toLowerCase()}@example.org.`;
    default:
      return `Whether you are new to ${pick(TOPICS)} or have shipped it for years, there is room for a ${pick(ADJECTIVES)} ${pick(NOUNS)}.`;
  }
}

/**
 * 300-1,500 characters, most near the short end and a few long, as listings run (the mean, about 550,
 * keeps 10,000 events under the fetcher's 10 MiB cap); plain paragraphs for some producers, HTML
 * (Meetup- and WordPress-style) for others.
 */
function description(pick, summary) {
  const target = 300 + Math.floor(pick.rand() ** 5 * 1200);
  const html = pick.rand() < 0.5;
  const paragraphs = [];
  let length = 0;
  while (length < target - 90) {
    const paragraph = [];
    // The summary, paragraph breaks and markup come on top of the sentences: stop a sentence short.
    for (let k = 0; k < 2 + Math.floor(pick.rand() * 3) && length < target - 90; k++) {
      const s = sentence(pick);
      paragraph.push(s);
      length += s.length + 1;
    }
    paragraphs.push(paragraph.join(' '));
  }
  // A short draw can land under 300 characters once the break allowance is gone: one more sentence.
  if (length < 300 - summary.length) paragraphs.push(sentence(pick));
  if (!html) return `${summary}\n\n${paragraphs.join('\n\n')}`.slice(0, 1500);
  const body = paragraphs
    .map((p, k) =>
      k === 1
        ? `<p><b>Agenda</b><br/>${p.replace(/&/g, '&amp;')}</p>`
        : `<p>${p.replace(/&/g, '&amp;').replace(/(https:\/\/\S+?)([;)]?)(?=\s|$)/g, '<a href="$1">$1</a>$2')}</p>`,
    )
    .join('');
  return `<p><strong>${summary.replace(/&/g, '&amp;')}</strong></p>${body}`.slice(0, 1500);
}

function venuePool(pick, size) {
  const pool = [];
  for (let k = 0; k < size; k++) {
    if (k % 8 === 7) {
      pool.push(pick(ONLINE).replace('%d', String(100_000 + k)));
      continue;
    }
    const [city, postcode, country] = pick(CITIES);
    const name = `${pick(VENUE_PREFIX)} ${pick(VENUE_WORDS)}`;
    const street = `${pick(STREETS)} ${1 + Math.floor(pick.rand() * 180)}`;
    pool.push(
      pick.rand() < 0.3 ? `${name} (${street}, ${city})` : `${name}, ${street}, ${postcode} ${city}, ${country}`,
    );
  }
  return pool;
}

/** RFC 5545 3.3.11 TEXT escaping. */
const escapeText = (text) =>
  text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');

/**
 * The same 10,000 VEVENTs as generateIcs (series, overrides, one-offs, one Europe/Berlin VTIMEZONE), each
 * with the text real calendars carry: a 300-1,500 character description (half of them HTML), a street
 * address or meeting link from a pool of 600 venues, a URL, categories and (half of them) an organiser.
 */
export function generateIcsWithText(dir, nowMs, { series = 1000, overrides = 200, total = 10_000 } = {}) {
  const rand = prng(1414);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  pick.rand = rand;
  const venues = venuePool(pick, 600);
  const text = layOut(
    rand,
    nowMs,
    { series, overrides, total },
    {
      header: ['PRODID:-//Convene//bench text//EN', 'X-WR-CALNAME:Bench meetups'],
      uidHost: 'bench-text',
      event: (uid, start, summary) => {
        const end = new Date(start.getTime() + (1 + Math.floor(rand() * 3)) * 3_600_000);
        const speaker = pick(SPEAKERS);
        return [
          `DTEND;TZID=Europe/Berlin:${local(end)}`,
          fold(`SUMMARY:${escapeText(summary)}`),
          fold(`DESCRIPTION:${escapeText(description(pick, summary))}`),
          fold(`LOCATION:${escapeText(pick(venues))}`),
          `CATEGORIES:${escapeText(pick(TOPICS).toLowerCase())},${escapeText(pick(TOPICS).toLowerCase())}`,
          `URL:https://events.example.org/g${Math.floor(rand() * 400)}/${uid.replace(/\W/g, '')}`,
          ...(rand() < 0.5
            ? [fold(`ORGANIZER;CN=${speaker}:mailto:${speaker.split(' ')[0].toLowerCase()}@example.org`)]
            : []),
        ];
      },
      override: () => [fold(`LOCATION:${escapeText(pick(venues))}`)],
      singleSummary: (i) => `${pick(TOPICS)} ${pick(FORMATS)}: ${pick(ADJECTIVES)} ${pick(NOUNS)} ${i}`,
    },
  );
  const path = join(dir, 'bench-10k-text.ics');
  writeFileSync(path, text);
  return path;
}
