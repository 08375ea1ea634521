import { latestChange, type Publication } from '../core/publication.ts';
import type { Recommendations } from '../core/ranking.ts';
import type { FeedDocument } from '../render/feeds/feed-document.ts';
import { withFollowedDates } from './calendar-entries.ts';
import { feedHeading } from './calendar-header.ts';
import { uuidFor } from './entry-uuid.ts';

/**
 * The picks feed (Atom or JSON Feed) of a recommendation, from its calendar publications: one item per
 * pick still published. `owner` keeps entry ids stable (a user id, or a profile file's path);
 * `fallbackUpdated` dates a feed with no items. The subscriptions and `convene recommend --format atom`
 * both assemble their feeds here.
 */
export function picksFeed(
  result: Recommendations,
  publications: Publication[],
  feed: {
    owner: string;
    name: string | null;
    pageUrl: string | null;
    selfUrl: string | null;
    fallbackUpdated: string;
  },
): FeedDocument {
  const byEvent = new Map(withFollowedDates(result).picks.map((p) => [p.event.id, p]));
  const items = publications.flatMap((publication) => {
    const pick = byEvent.get(publication.entry.eventId);
    return pick && publication.withdrawnAt === null
      ? [{ id: uuidFor('entry', feed.owner, publication.entry.uid), publication, pick }]
      : [];
  });
  return {
    id: uuidFor('feed', feed.owner, 'picks'),
    ...feedHeading(feed.name),
    pageUrl: feed.pageUrl,
    selfUrl: feed.selfUrl,
    updated: latestChange(
      items.map((i) => i.publication),
      feed.fallbackUpdated,
    ),
    items,
  };
}
