import Parser from 'rss-parser';
import { SourceError } from '../../core/errors.ts';
import type { EventRecord } from '../../core/event.ts';
import { errorReason, excerpt } from '../excerpt.ts';
import { groupWarnings } from '../group-warnings.ts';
import type { ParsedSource, ParseOptions } from '../parsed-source.ts';
import { cleanText } from '../text.ts';
import { type FeedItem, feedItemToRecord, itemLabel, publishedMs, reportUnreadableDates, textOf } from './feed-item.ts';
import { repairXmlEntities } from './repair-xml.ts';

export const MAX_FEED_ITEMS = 5_000;

const PARSER_OPTIONS = {
  customFields: {
    item: [
      ['ev:startdate', 'evStart'],
      ['ev:enddate', 'evEnd'],
      ['ev:location', 'evLocation'],
      ['dc:creator', 'dcCreator'],
    ],
  },
};

function categoriesOf(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((c) => textOf(c) ?? '')
    .filter((c) => c.trim() !== '')
    .slice(0, 20);
}

function toFeedItem(raw: Record<string, unknown>, unreadableDates: string[]): FeedItem {
  const id = textOf(raw.guid) ?? textOf(raw.id);
  const title = textOf(raw.title);
  return {
    id,
    title,
    link: textOf(raw.link),
    description: textOf(raw.content) ?? textOf(raw.summary) ?? textOf(raw.contentSnippet),
    publishedMs: publishedMs(textOf(raw.isoDate) ?? textOf(raw.pubDate), itemLabel(id, title), unreadableDates),
    eventStart: textOf(raw.evStart),
    eventEnd: textOf(raw.evEnd),
    eventLocation: textOf(raw.evLocation),
    categories: categoriesOf(raw.categories),
    author: textOf(raw.creator) ?? textOf(raw.dcCreator) ?? textOf(raw.author),
  };
}

/** Element prefixes used without an `xmlns:prefix` declaration (XML Namespaces 1.0 section 5: not well-formed). */
function undeclaredPrefixes(xml: string): string[] {
  const declared = new Set(['xml', 'xmlns', ...[...xml.matchAll(/\bxmlns:([\w.-]+)\s*=/g)].map((m) => m[1]!)]);
  // Text inside CDATA sections and comments is not markup (MS Word pastes <o:p> into descriptions).
  const markup = xml.replace(/<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->/g, '');
  const used = new Set([...markup.matchAll(/<\/?([A-Za-z_][\w.-]*):[A-Za-z_]/g)].map((m) => m[1]!));
  return [...used].filter((prefix) => !declared.has(prefix)).slice(0, 5);
}

/** A feed cut one character short (`</rss` with no `>`) loses nothing worth refusing it for. */
function closeTruncatedEndTag(xml: string, warnings: string[]): string {
  const trimmed = xml.trimEnd();
  if (!/<\/[A-Za-z:]+$/.test(trimmed)) return xml;
  warnings.push('last end tag was cut short; closed it');
  return `${trimmed}>`;
}

export async function parseFeed(xml: string, options: ParseOptions): Promise<ParsedSource> {
  const warnings: string[] = [];
  const { xml: repairedEntities, repairs } = repairXmlEntities(xml);
  if (repairs > 0) warnings.push(`${repairs} HTML entities or bare ampersands repaired`);
  // rss-parser refuses <rss> without a version; feedparser and browsers read it as RSS 2.0.
  const repaired = closeTruncatedEndTag(repairedEntities, warnings).replace(
    /<rss(?![^>]*\bversion=)([^>]*)>/,
    (_, attrs: string) => {
      warnings.push('rss element without version read as RSS 2.0');
      return `<rss version="2.0"${attrs}>`;
    },
  );
  if (/<rss\b/i.test(repaired) && !/<channel\b/i.test(repaired)) {
    warnings.push('an RSS document with no channel element: nothing to read');
    return { records: [], warnings, refreshMinutes: null, title: null };
  }
  let output: { items?: unknown[]; title?: unknown; ttl?: unknown };
  try {
    // A parser per feed: rss-parser keeps one xml2js parser per instance, and after some malformed
    // documents that parser never calls back again, so a shared one hung every later feed.
    output = (await new Parser(PARSER_OPTIONS).parseString(repaired)) as {
      items?: unknown[];
      title?: unknown;
      ttl?: unknown;
    };
  } catch (error) {
    throw new SourceError('parse', `not valid RSS or Atom (${errorReason(error)})`);
  }
  const rawItems = (output.items ?? []) as Record<string, unknown>[];
  if (rawItems.length === 0) warnings.push('the feed holds no items');
  const undeclared = undeclaredPrefixes(repaired);
  if (undeclared.length > 0)
    warnings.push(
      `undeclared XML namespace prefix ${undeclared.map((p) => excerpt(p, 20)).join(', ')} read as part of element names`,
    );
  if (rawItems.length > MAX_FEED_ITEMS)
    warnings.push(`${rawItems.length} items; only the first ${MAX_FEED_ITEMS} are read`);
  const records: EventRecord[] = [];
  const unreadableDates: string[] = [];
  for (const raw of rawItems.slice(0, MAX_FEED_ITEMS)) {
    const record = feedItemToRecord(toFeedItem(raw, unreadableDates), options, warnings);
    if (record) records.push(record);
  }
  reportUnreadableDates(unreadableDates, warnings);
  const ttl = Number(textOf(output.ttl));
  return {
    records,
    // One line per kind of item problem, naming the first few items.
    warnings: groupWarnings(warnings),
    refreshMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    title: cleanText(textOf(output.title), 200, { singleLine: true }),
  };
}
