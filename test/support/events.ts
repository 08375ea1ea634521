import type { StoredEvent } from '../../src/core/event.ts';

let counter = 0;

/** A small, readable stored event: Berlin, in person, a meetup on 3 December 2026; everything else neutral. */
export function storedEvent(overrides: Partial<StoredEvent> & { title?: string } = {}): StoredEvent {
  counter++;
  const id = overrides.id ?? `event-${counter}`;
  const location = overrides.location ?? { text: 'Berlin', city: 'Berlin', country: 'Germany', lat: null, lon: null };
  return {
    id,
    uid: overrides.uid ?? id,
    recurrenceId: null,
    title: 'Event',
    description: null,
    start: '2026-12-03T18:00:00Z',
    end: '2026-12-03T20:00:00Z',
    allDay: false,
    timeZone: 'Europe/Berlin',
    online: false,
    url: null,
    kind: 'meetup',
    topics: [],
    cfp: null,
    organizer: null,
    status: 'confirmed',
    sources: ['test'],
    firstSeen: '2026-11-01T00:00:00Z',
    lastChanged: '2026-11-01T00:00:00Z',
    ...overrides,
    location,
    city: location.city,
    country: location.country,
  };
}
