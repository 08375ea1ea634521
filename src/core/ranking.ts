import { z } from 'zod';
import type { Cfp, EventKind, Online } from './event.ts';
import type { Gaps } from './gaps.ts';

export const REASON_KINDS = [
  'interest',
  'coverage-gap',
  'maintenance',
  'give-first',
  'channel-balance',
  'venue-fit',
  'nearby',
  'deadline',
  'feedback',
  'regularity',
  'following',
  'learned',
] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];

/** One named signal; a pick's score is the sum of its reasons' weights, so it explains itself exactly. */
export interface Reason {
  kind: ReasonKind;
  text: string;
  weight: number;
  /** For `maintenance`: the people to meet again there, by name. */
  people?: string[];
  /** For `coverage-gap`: the field (lexicon id) this event would bring contacts in. */
  field?: string;
}

export interface PickEvent {
  id: string;
  title: string;
  start: string | null;
  end: string | null;
  url: string | null;
  city: string | null;
  country: string | null;
  /** The venue as the source wrote it ("c-base, Rungestraße 20, Berlin"). */
  location: string | null;
  online: Online;
  kind: EventKind;
  topics: string[];
  cfp: Cfp | null;
  sources: string[];
  /** When any source last changed this event (calendar LAST-MODIFIED, feed dates). */
  lastChanged: string;
}

export interface ShareHint {
  name: string;
  why: string;
  /** When the contact has one, so a page can offer a ready mail. */
  email?: string;
}

export interface Pick {
  event: PickEvent;
  score: number;
  reasons: Reason[];
  shareWith: ShareHint[];
}

export interface Recommendations {
  generatedAt: string;
  picks: Pick[];
  giveFirst: Pick[];
  gaps: Gaps;
  /** Only when the user follows venues: their upcoming events that are not picks, for the picks calendar. */
  followed?: Pick[];
}

/** A signal's weight: from 0 (off) to 10, `byDefault` when the profile does not say. */
const signalWeight = (byDefault: number) => z.number().min(0).max(10).default(byDefault);

/**
 * The weight of each signal at full strength. Interest scales with text relevance (0 to 1); the
 * others apply whole when their condition holds. Documented in the README; a profile may override.
 */
export const RankingWeightsSchema = z.object({
  interest: signalWeight(3),
  learned: signalWeight(2),
  coverageGap: signalWeight(1.5),
  maintenance: signalWeight(1.5),
  giveFirst: signalWeight(1.25),
  channelBalance: signalWeight(0.75),
  venueFit: signalWeight(0.5),
  nearby: signalWeight(0.5),
  deadline: signalWeight(0.5),
  dismissedSimilar: signalWeight(1.5),
  going: signalWeight(5),
  regularity: signalWeight(0.75),
  following: signalWeight(5),
});
export type RankingWeights = z.infer<typeof RankingWeightsSchema>;
export const DEFAULT_WEIGHTS: RankingWeights = RankingWeightsSchema.parse({});
