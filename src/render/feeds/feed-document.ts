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
