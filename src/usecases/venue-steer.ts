import type { VenueFeedback } from '../core/venue.ts';
import type { TimeWindow } from '../core/window.ts';
import type { VenueSteer } from '../score/rank.ts';
import { latestVenueWord } from '../score/venues/rank-venues.ts';
import { membersOf, type VenueIndex, venueEventsIn } from '../score/venues/venue-index.ts';
import { venueName } from '../score/venues/venue-key.ts';

/** How many dates of a followed venue go into the picks calendar: a weekly group fills a quarter with it. */
const FOLLOWED_DATES = 12;

/**
 * What the user said about venues, as the catalog's event numbers for the picks: a followed venue's
 * next event is kept like one the user is going to and its next dates go to the calendar; a dismissed
 * venue's events are all left out.
 */
export function venueSteer(index: VenueIndex, feedback: readonly VenueFeedback[], window: TimeWindow): VenueSteer {
  const following = new Map<number, string>();
  const next: number[] = [];
  const excluded: number[] = [];
  for (const f of latestVenueWord(feedback).values()) {
    const v = index.byId.get(f.venueId);
    if (v === undefined) continue;
    if (f.action === 'not-interested') {
      excluded.push(...membersOf(index, v));
      continue;
    }
    const upcoming = venueEventsIn(index, v, window).slice(0, FOLLOWED_DATES);
    if (upcoming.length === 0) continue;
    const name = venueName(upcoming.map((i) => index.catalog.events[i]!));
    for (const i of upcoming) following.set(i, name);
    next.push(upcoming[0]!);
  }
  return { following, next, excluded };
}
