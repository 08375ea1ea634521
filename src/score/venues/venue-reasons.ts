import type { Profile } from '../../core/profile.ts';
import type { RankingWeights, Reason } from '../../core/ranking.ts';
import type { Cadence } from '../../core/venue.ts';
import { followingReason } from '../reasons.ts';
import { perMonth } from './cadence.ts';

const round = (n: number) => Math.round(n * 100) / 100;

/** What a rhythm does for relationships: the same people again and again is what turns acquaintances into trust. */
const RHYTHM_TEXT: Record<Exclude<Cadence['every'], 'irregular'>, { share: number; text: string }> = {
  week: { share: 1, text: 'seeing the same people that often is how acquaintances become people you trust' },
  month: { share: 1, text: 'a steady rhythm that keeps relationships warm between other events' },
  year: { share: 0.4, text: 'a reunion that renews ties with people you only see there' },
};

/**
 * The rhythm's own reason; when it gathers more often than the profile's cadence allows, it says so
 * and counts for half: going every other time still keeps the faces familiar.
 */
export function regularityReason(cadence: Cadence, profile: Profile, weights: RankingWeights): Reason | null {
  if (cadence.every === 'irregular') return null;
  const rhythm = RHYTHM_TEXT[cadence.every];
  const allowed = profile.cadence.perMonth;
  const tooOften = perMonth(cadence) > allowed;
  const text = `meets ${cadence.text}: ${rhythm.text}${
    tooOften ? `; that is more than your cadence of ${allowed} a month allows, so go every other time` : ''
  }`;
  return { kind: 'regularity', text, weight: round(weights.regularity * rhythm.share * (tooOften ? 0.5 : 1)) };
}

/** A venue the user follows stays among their venues, first. */
export function followedVenueReason(venueName: string, weights: RankingWeights): Reason {
  return { ...followingReason(venueName, weights), text: `you follow ${venueName}` };
}
