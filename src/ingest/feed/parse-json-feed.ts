import { z } from 'zod';
import { SourceError } from '../../core/errors.ts';
import type { EventRecord } from '../../core/event.ts';
import { groupWarnings } from '../group-warnings.ts';
import { parseSourceJson } from '../parse-json.ts';
import type { ParsedSource, ParseOptions } from '../parsed-source.ts';
import { cleanText } from '../text.ts';
import { feedItemToRecord, itemLabel, publishedMs, reportUnreadableDates } from './feed-item.ts';
import { MAX_FEED_ITEMS } from './parse-feed.ts';

const loose = z.unknown().transform((v) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null));

/** JSON Feed 1.0 and 1.1 (https://www.jsonfeed.org/version/1.1/); unknown keys are ignored, wrong types read as absent. */
const JsonFeedSchema = z.object({
  title: loose.optional(),
  items: z.array(
    z.object({
      id: loose.optional(),
      url: loose.optional(),
      external_url: loose.optional(),
      title: loose.optional(),
      content_text: loose.optional(),
      content_html: loose.optional(),
      summary: loose.optional(),
      date_published: loose.optional(),
      tags: z.array(z.unknown()).optional(),
      author: z.object({ name: loose.optional() }).optional().catch(undefined),
      authors: z
        .array(z.object({ name: loose.optional() }).catch({ name: null }))
        .optional()
        .catch(undefined),
      _event: z
        .object({ starts_at: loose.optional(), ends_at: loose.optional(), venue: loose.optional() })
        .optional()
        .catch(undefined),
    }),
  ),
});

export function parseJsonFeed(text: string, options: ParseOptions): ParsedSource {
  const json = parseSourceJson(text, 'JSON Feed');
  const parsed = JsonFeedSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new SourceError(
      'parse',
      `not a JSON Feed: ${issue?.path.join('.') || '(root)'}: ${issue?.message ?? 'invalid'}`,
    );
  }
  const warnings: string[] = [];
  const records: EventRecord[] = [];
  const unreadableDates: string[] = [];
  for (const item of parsed.data.items.slice(0, MAX_FEED_ITEMS)) {
    const record = feedItemToRecord(
      {
        id: item.id ?? null,
        title: item.title ?? null,
        link: item.url ?? item.external_url ?? null,
        description: item.content_text ?? item.content_html ?? item.summary ?? null,
        publishedMs: publishedMs(
          item.date_published ?? null,
          itemLabel(item.id ?? null, item.title ?? null),
          unreadableDates,
        ),
        eventStart: item._event?.starts_at ?? null,
        eventEnd: item._event?.ends_at ?? null,
        eventLocation: item._event?.venue ?? null,
        categories: (item.tags ?? []).filter((t): t is string => typeof t === 'string'),
        author: item.author?.name ?? item.authors?.[0]?.name ?? null,
        plainTitle: true,
        plainDescription: item.content_text !== undefined && item.content_text !== null,
      },
      options,
      warnings,
    );
    if (record) records.push(record);
  }
  reportUnreadableDates(unreadableDates, warnings);
  return {
    records,
    // One line per kind of item problem, naming the first few items.
    warnings: groupWarnings(warnings),
    refreshMinutes: null,
    title: cleanText(parsed.data.title ?? null, 200, { singleLine: true }),
  };
}
