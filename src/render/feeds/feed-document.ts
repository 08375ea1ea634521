import type { Publication } from '../../core/publication.ts';
import type { Pick } from '../../core/ranking.ts';

/** What both feed formats say; each writer only spells it. */
export interface FeedDocument {
  /** Stable id of the feed (a UUID), independent of host and token. */
  id: string;
  title: string;
  description: string;
  /** The page the feed belongs to and the feed's own address; a file written by the CLI has neither. */
  pageUrl: string | null;
  selfUrl: string | null;
  /** The newest change among the entries, or when the user last changed their profile. */
  updated: string;
  items: FeedItem[];
}

export interface FeedItem {
  id: string;
  publication: Publication;
  pick: Pick;
}

/**
 * An entry's dates as a feed states them. LAST-MODIFIED is the event's own last change, which often
 * predates the entry's first appearance in the feed; an entry cannot have changed before it was
 * published, so its modification date is never earlier than its publication date.
 */
export function entryDates({ publishedAt, lastModified }: Publication): { published: string; modified: string } {
  return { published: publishedAt, modified: lastModified > publishedAt ? lastModified : publishedAt };
}
