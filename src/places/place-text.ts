import { foldText } from '../core/fold-text.ts';
import type { Geocoder } from '../core/geocoder.ts';
import { countryCode } from './gazetteer.ts';
import { CITY_ALIASES, US_STATES } from './place-names.ts';

/** Where a free-text place is: a city (with coordinates), only a country, online, or null when unknown. */
export type PlacedText =
  | { kind: 'city'; city: string; country: string; lat: number; lon: number }
  | { kind: 'country'; country: string }
  | { kind: 'online' };

/** Hosts of meeting and streaming services: a bare address there is an online event's room. */
const MEETING_HOST =
  /(^|\.)(zoom\.us|meet\.google\.com|teams\.microsoft\.com|teams\.live\.com|bluejeans\.com|webex\.com|whereby\.com|meet\.jit\.si|jitsi\.[a-z]+|gotomeeting\.com|gotomeet\.me|discord\.(gg|com)|twitch\.tv|youtube\.com|youtu\.be|hopin\.com|streamyard\.com|airmeet\.com|bbb\.[a-z.]+|mumble\.[a-z.]+)$/i;
const ONLINE_WORDS =
  /^(online|online event|virtual|virtual event|remote|webinar|livestream|live stream|conference call|phone call|phone conference|video call|zoom|google meet|microsoft teams|jitsi|discord|mumble)\b/i;
/** A city is sought in a part only after postcodes, house numbers and such words are gone. */
const NOT_A_CITY_WORD = /^(\d[\d-]*|[a-z]-\d+|city|town|centre|center|downtown)$/i;
/** Without a country to narrow it, only a town this large is taken for the place a name means. */
const MIN_POPULATION_ALONE = 10_000;

function isOnline(text: string): boolean {
  if (ONLINE_WORDS.test(text)) return true;
  const address = /^(https?:\/\/)?([a-z0-9.-]+\.[a-z]{2,})(:\d+|\s+port:?\s*\d+)?(\/\S*)?$/i.exec(text);
  return address !== null && MEETING_HOST.test(address[2]!);
}

/**
 * "Venue, Street 20, 10115 Berlin, Germany", "c-base (Rungestraße 20, Berlin, de)", "Portland, OR 97214",
 * "Hiroshima (Peace Memorial Park)": the comma-, semicolon- and bracket-separated parts, in order.
 */
function partsOf(text: string): string[] {
  return text
    .replace(/[()[\]]/g, ',')
    .split(/[,;\n]|\s@\s|\s[-–|]\s/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * The country a part names, by code, English or native name, or a US state (with its postcode: "Oregon
 * 97209 US", "OR 97214"); `alsoCity` when the part is a country's own name, which a city-state shares.
 */
function countryOfPart(part: string): { code: string; alsoCity: boolean } | null {
  const code = countryCode(part);
  if (code) return { code, alsoCity: true };
  const words = part.split(/\s+/);
  const last = words.at(-1)!;
  const named = words.filter((w) => !/^\d+$/.test(w));
  const hasPostcode = named.length < words.length;
  if (words.length > 1 && /^[A-Z]{2}$/.test(last) && countryCode(last)) {
    const before = foldText(named.slice(0, -1).join(' '));
    if (hasPostcode || US_STATES.has(before)) return { code: countryCode(last)!, alsoCity: false };
  }
  return US_STATES.has(foldText(named.join(' '))) ? { code: 'US', alsoCity: false } : null;
}

/** The names a part may give its city by: as written, without postcodes and street numbers, and its alias. */
function cityNames(part: string): string[] {
  const words = part.split(/\s+/).filter((w) => !NOT_A_CITY_WORD.test(w));
  const names = new Set<string>([part, words.join(' ')]);
  // "Melbourne VIC": a state's abbreviation after the city.
  if (words.length > 1 && /^[A-Z]{2,3}$/.test(words.at(-1)!)) names.add(words.slice(0, -1).join(' '));
  // "Walther-Pauer-Straße 5 03044 Cottbus", "room 205 in Portland": the words after a postcode or "in".
  const after = /(?:\b\d{4,5}|(?:^|\s)(?:in|at|im|near))\s+(\p{L}[\p{L} .'-]*)$/u.exec(part)?.[1];
  if (after) names.add(after).add(after.split(' ').at(-1)!);
  for (const name of [...names]) {
    const alias = CITY_ALIASES[foldText(name)];
    if (alias) names.add(alias);
  }
  return [...names].map((n) => n.replace(/^[^\p{L}]+|[^\p{L}.]+$/gu, '')).filter((n) => /\p{L}{2}/u.test(n));
}

/**
 * Reads where an event is from the free text its source gives (an iCalendar LOCATION, a feed's
 * location): online when it says so or is a bare meeting address; else the last part that names a
 * country, and the city of the parts before it (right to left, as addresses end with city and country);
 * a city alone counts only when it is a sizeable town. Null when nothing in the text is a known place.
 */
export function placeText(text: string, geocoder: Geocoder): PlacedText | null {
  let answers = placedByGeocoder.get(geocoder);
  if (!answers) {
    answers = new Map();
    placedByGeocoder.set(geocoder, answers);
  }
  const known = answers.get(text);
  if (known !== undefined) return known;
  const placed = readPlace(text, geocoder);
  if (answers.size >= MAX_REMEMBERED) answers.clear();
  answers.set(text, placed);
  return placed;
}

/**
 * A calendar names the same few hundred venues on thousands of events, and reading a place folds and
 * looks up every part of it: each distinct text is read once per gazetteer. Callers share the answers,
 * which are never changed.
 */
const placedByGeocoder = new WeakMap<Geocoder, Map<string, PlacedText | null>>();
/** Bounds the memory a stream of all-different texts can hold. */
const MAX_REMEMBERED = 50_000;

function readPlace(text: string, geocoder: Geocoder): PlacedText | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (isOnline(trimmed)) return { kind: 'online' };
  const parts = partsOf(trimmed);
  let country: string | null = null;
  let cityParts = parts;
  for (let k = parts.length - 1; k >= 0 && country === null; k--) {
    const named = countryOfPart(parts[k]!);
    if (!named) continue;
    country = named.code;
    // A city-state's name is its country's too ("Singapore"): then the part stays a candidate city.
    cityParts = parts.slice(0, named.alsoCity ? k + 1 : k);
  }
  for (let k = cityParts.length - 1; k >= 0; k--) {
    for (const name of cityNames(cityParts[k]!)) {
      const found = geocoder.locate(name, country);
      if (!found || (!country && (found.population ?? 0) < MIN_POPULATION_ALONE)) continue;
      return { kind: 'city', city: name, country: found.country ?? country ?? '', lat: found.lat, lon: found.lon };
    }
  }
  return country ? { kind: 'country', country } : null;
}
