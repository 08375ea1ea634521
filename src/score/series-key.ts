import { foldText } from '../core/fold-text.ts';

/** What a conference or meetup is called and where it lives on the web, the same from one edition to the next. */
export interface SeriesKeys {
  /** The name without years, edition numbers or its own city and country ("JSConf Budapest 2025" -> "jsconf"). */
  name: string | null;
  /** The address's host (year subdomains dropped) and first telling path segment. */
  site: string | null;
}

export interface SeriesText {
  title: string;
  url: string | null;
  city: string | null;
  country: string | null;
}

/** The event's own place in words, so that "Berlin" out of "DevFest Berlin" does not make it a Berlin series. */
export function placeWords(event: Pick<SeriesText, 'city' | 'country'>): Set<string> {
  return new Set(
    foldText(`${event.city ?? ''} ${event.country ?? ''}`)
      .split(' ')
      .filter(Boolean),
  );
}

const EDITION = /^(\d+(st|nd|rd|th)?|edition|annual|[ivx]{1,4})$/;
/** Path segments that say nothing of which series a page belongs to. */
const EMPTY_SEGMENT = /^(index|home|en|de|fr|events?|conf(erence)?s?|e|p|c|t|html?|aspx?|php)$/;

function nameKey(title: string, place: Set<string>): string | null {
  const words = foldText(title)
    .split(' ')
    .filter((w) => w && !EDITION.test(w) && !place.has(w));
  const key = words.join(' ');
  return key.length >= 3 ? key : null;
}

function webAddress(url: string | null): URL | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return /^https?:$/.test(parsed.protocol) ? parsed : null;
  } catch {
    return null;
  }
}

function siteKey(parsed: URL | null, place: Set<string>): string | null {
  if (!parsed) return null;
  const host = parsed.hostname
    .toLowerCase()
    .split('.')
    .filter((label) => label !== 'www' && !/^\d+$/.test(label))
    .join('.');
  const segment = parsed.pathname
    .split('/')
    .map((s) =>
      foldText(decodeURIComponent(s).replace(/[-_.]+/g, ' '))
        .split(' ')
        .filter((w) => w && !/\d/.test(w) && !place.has(w))
        .join('-'),
    )
    .find((s) => s.length >= 3 && !EMPTY_SEGMENT.test(s));
  return host ? `${host}/${segment ?? ''}` : null;
}

export function seriesKeys(event: SeriesText): SeriesKeys {
  const place = placeWords(event);
  return { name: nameKey(event.title, place), site: siteKey(webAddress(event.url), place) };
}
