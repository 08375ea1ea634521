import { z } from 'zod';
import type { EventKind, Online } from './event.ts';
import type { PickEvent, Reason, ShareHint } from './ranking.ts';

/** How often a venue gathers, read from the spacing of its dates. */
export interface Cadence {
  every: 'week' | 'month' | 'year' | 'irregular';
  /** The rhythm in words: "every two weeks", "monthly", "one date so far". */
  text: string;
}

/** The kinds of gathering a venue is: an event kind, `other` left out (it says nothing about a gathering). */
export type VenueKind = Exclude<EventKind, 'other'>;

/** A recurring gathering: a series, a group, an organiser's events, a conference across its editions. */
export interface Venue {
  /** Derived from the grouping key, so the same community keeps its id across ingests. */
  id: string;
  name: string;
  kind: VenueKind;
  cadence: Cadence;
  /** Where it meets in person, as its sources write it; null when only online or unknown. */
  place: string | null;
  online: Online;
  url: string | null;
  sources: string[];
  /** Its upcoming events in the window. */
  eventCount: number;
  /** The next few, soonest first. */
  next: PickEvent[];
}

export interface VenueChoice {
  venue: Venue;
  score: number;
  reasons: Reason[];
  shareWith: ShareHint[];
}

export interface VenueRecommendations {
  generatedAt: string;
  venues: VenueChoice[];
}

export const VENUE_ACTIONS = ['follow', 'not-interested'] as const;
export type VenueAction = (typeof VENUE_ACTIONS)[number];

export const VenueFeedbackInputSchema = z.object({ action: z.enum(VENUE_ACTIONS) });

/** What a user said about a venue; the latest word on a venue wins. */
export interface VenueFeedback {
  userKey: string;
  venueId: string;
  /** The venue's name when it was said, for messages after the venue has gone. */
  name: string;
  action: VenueAction;
  at: string;
}
