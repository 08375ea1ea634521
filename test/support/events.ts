import type { EventRecord, StoredEvent } from '../../src/core/event.ts';

let counter = 0;

/** A small, readable stored event: Berlin, in person, a meetup on 3 December 2026; everything else neutral. */
export function storedEvent(overrides: Partial<StoredEvent> & { title?: string } = {}): StoredEvent {
  counter++;
  const id = overrides.id ?? `event-${counter}`;
  const record = eventRecord({
    uid: id,
    title: 'Event',
    start: '2026-12-03T18:00:00Z',
    end: '2026-12-03T20:00:00Z',
    timeZone: 'Europe/Berlin',
    ...overrides,
  });
  return {
    ...record,
    id,
    sources: ['test'],
    firstSeen: '2026-11-01T00:00:00Z',
    lastChanged: '2026-11-01T00:00:00Z',
    ...overrides,
    location: record.location,
    city: record.location.city,
    country: record.location.country,
  };
}

/** A small, readable record as a parser hands it to the store: a two-hour meetup in Berlin, in person. */
export function eventRecord(
  overrides: Partial<EventRecord> & Pick<EventRecord, 'uid' | 'title' | 'start'>,
): EventRecord {
  return {
    recurrenceId: null,
    end: overrides.start ? new Date(Date.parse(overrides.start) + 7_200_000).toISOString().replace('.000Z', 'Z') : null,
    allDay: false,
    timeZone: null,
    status: 'confirmed',
    description: null,
    location: { text: 'Berlin', city: 'Berlin', country: 'Germany', lat: null, lon: null },
    online: false,
    url: null,
    kind: 'meetup',
    topics: [],
    cfp: null,
    organizer: null,
    ...overrides,
  };
}
