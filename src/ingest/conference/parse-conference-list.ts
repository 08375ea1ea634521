import { z } from 'zod';
import { isoInstantOrDate, valueMs } from '../../core/dates.ts';
import { SourceError } from '../../core/errors.ts';
import { type EventRecord, type Online, TEXT_LIMITS } from '../../core/event.ts';
import { parseSourceJson } from '../parse-json.ts';
import type { ParsedSource, ParseOptions } from '../parsed-source.ts';
import { cleanText, cleanUrl } from '../text.ts';

const text = z.unknown().transform((v) => (typeof v === 'string' ? v : null));

/** One confs.tech entry (github.com/tech-conferences/conference-data); extra keys are ignored. */
const ConferenceSchema = z.object({
  name: text,
  url: text.optional(),
  startDate: text,
  endDate: text.optional(),
  city: text.optional(),
  country: text.optional(),
  online: z.unknown().optional(),
  locales: text.optional(),
  cfpUrl: text.optional(),
  cfpEndDate: text.optional(),
  twitter: text.optional(),
  bluesky: text.optional(),
  mastodon: text.optional(),
});

const ONLINE = /^online$/i;

function onlineOf(online: unknown, city: string | null): Online {
  const isOnline = online === true || online === 'true';
  const physicalCity = city !== null && !ONLINE.test(city);
  if (isOnline && physicalCity) return 'hybrid';
  return isOnline || (city !== null && ONLINE.test(city));
}

function dayAfter(date: string): string {
  return new Date(valueMs(date) + 86_400_000).toISOString().slice(0, 10);
}

export function parseConferenceList(body: string, options: ParseOptions): ParsedSource {
  const json = parseSourceJson(body, 'conference list');
  if (!Array.isArray(json)) throw new SourceError('parse', 'conference list must be a JSON array');
  const warnings: string[] = [];
  const records: EventRecord[] = [];
  json.forEach((entry, index) => {
    const parsed = ConferenceSchema.safeParse(entry);
    const name = parsed.success ? cleanText(parsed.data.name, TEXT_LIMITS.title, { singleLine: true }) : null;
    const start = parsed.success && parsed.data.startDate ? isoInstantOrDate(parsed.data.startDate.trim()) : null;
    if (!parsed.success || !name || !start?.allDay) {
      warnings.push(
        `entry ${index}${name ? ` (${name.slice(0, 60)})` : ''}: missing or invalid ${!name ? 'name' : 'startDate'}, skipped`,
      );
      return;
    }
    const c = parsed.data;
    if (!(valueMs(start.value) >= options.window.fromMs && valueMs(start.value) < options.window.toMs)) {
      options.onOutsideWindow?.(valueMs(start.value));
      return;
    }
    const endDate = c.endDate ? isoInstantOrDate(c.endDate.trim()) : null;
    // confs.tech end dates are inclusive; stored all-day ends are exclusive, as in iCalendar.
    const end = endDate?.allDay && endDate.value >= start.value ? dayAfter(endDate.value) : dayAfter(start.value);
    const cityText = cleanText(c.city, TEXT_LIMITS.short, { singleLine: true });
    const online = onlineOf(c.online, cityText);
    // Lists write "Online" as the city and the country of an online conference: it has neither.
    const [city, country] = [cityText, cleanText(c.country, TEXT_LIMITS.short, { singleLine: true })].map((part) =>
      part && !ONLINE.test(part) ? part : null,
    );
    const url = cleanUrl(c.url);
    const cfpClose = c.cfpEndDate ? isoInstantOrDate(c.cfpEndDate.trim()) : null;
    const cfpUrl = cleanUrl(c.cfpUrl);
    records.push({
      uid: `${url ?? name}|${start.value}`.slice(0, TEXT_LIMITS.url),
      recurrenceId: null,
      title: name,
      description: null,
      start: start.value,
      end,
      allDay: true,
      timeZone: null,
      location: {
        text: [city, country].filter(Boolean).join(', ') || (online === true ? 'Online' : null),
        city: city ?? null,
        country: country ?? null,
        lat: null,
        lon: null,
      },
      online,
      url,
      kind: options.kind ?? 'conference',
      topics: options.topics,
      cfp: cfpUrl || cfpClose ? { url: cfpUrl, closes: cfpClose?.value ?? null } : null,
      organizer: null,
      status: 'confirmed',
    });
  });
  return { records, warnings, refreshMinutes: null, title: null };
}
