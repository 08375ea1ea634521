import type { FeedDocument } from './feed-document.ts';

/**
 * JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/). What a reader shows goes in the standard
 * fields; the event's times, place and the ranking's reasons go in the `_event` extension for tools.
 */
export function writeJsonFeed(feed: FeedDocument): string {
  return JSON.stringify({
    version: 'https://jsonfeed.org/version/1.1',
    title: feed.title,
    ...(feed.pageUrl ? { home_page_url: feed.pageUrl } : {}),
    ...(feed.selfUrl ? { feed_url: feed.selfUrl } : {}),
    description: feed.description,
    language: 'en',
    authors: [{ name: 'Convene' }],
    items: feed.items.map(({ id, publication, pick }) => ({
      id,
      ...((publication.entry.url ?? feed.pageUrl) ? { url: publication.entry.url ?? feed.pageUrl } : {}),
      title: pick.event.title,
      content_text: publication.entry.description,
      date_published: publication.publishedAt,
      date_modified: publication.lastModified,
      tags: pick.event.topics,
      _event: {
        id: pick.event.id,
        start: pick.event.start,
        end: pick.event.end,
        allDay: publication.entry.allDay,
        city: pick.event.city,
        country: pick.event.country,
        online: pick.event.online,
        kind: pick.event.kind,
        cfp: pick.event.cfp,
        score: pick.score,
        reasons: pick.reasons,
        shareWith: pick.shareWith.map(({ name, why }) => ({ name, why })),
      },
    })),
  });
}
