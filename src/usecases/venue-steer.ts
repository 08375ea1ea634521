import type { VenueFeedback } from '../core/venue.ts';
import type { TimeWindow } from '../core/window.ts';
import type { VenueSteer } from '../score/rank.ts';
import { dismissedEvents, latestVenueWord } from '../score/venues/rank-venues.ts';
import { type VenueIndex, venueEventsIn } from '../score/venues/venue-index.ts';

/** How many dates of a followed venue go into the picks calendar: a weekly group fills a quarter with it. */
const FOLLOWED_DATES = 12;

/**
 * What the user said about venues, as the catalog's event numbers for the picks: a followed venue's
 * next event is kept like one the user is going to (with the following reason) and its later dates go
 * to the calendar without it, so the candidates' bound holds for them; a dismissed venue's events are
 * all left out.
 */
export function venueSteer(index: VenueIndex, feedback: readonly VenueFeedback[], window: TimeWindow): VenueSteer {
  const following = new Map<number, string>();
  const later: number[] = [];
  const word = latestVenueWord(feedback);
  for (const f of word.values()) {
    const v = index.byId.get(f.venueId);
    if (v === undefined || f.action !== 'follow') continue;
    const upcoming = venueEventsIn(index, v, window).slice(0, FOLLOWED_DATES);
    if (upcoming.length === 0) continue;
    following.set(upcoming[0]!, index.records[v]!.name);
    later.push(...upcoming.slice(1));
  }
  return { following, next: [...following.keys()], later, excluded: dismissedEvents(index, word) };
}
