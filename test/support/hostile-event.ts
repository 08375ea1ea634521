import type { EventRecord } from '../../src/core/event.ts';

export const HOSTILE_TITLE = '<script>window.__pwned = 1</script> Rust & security night <b>bold</b>';

/** A record as a careless parser might store it: markup in the title, a script link, HTML in the text. */
export function hostileRecord(): EventRecord {
  return {
    uid: 'stored-hostile@test',
    recurrenceId: null,
    // Weeks ahead, so the screenshots open on the demo's own picks.
    start: '2027-01-20T18:00:00Z',
    end: '2027-01-20T20:00:00Z',
    allDay: false,
    timeZone: null,
    status: 'confirmed',
    title: HOSTILE_TITLE,
    description: '<img src=x onerror=alert(1)> rust and security talks',
    location: { text: 'Berlin "<b>venue</b>"', city: 'Berlin', country: 'Germany', lat: null, lon: null },
    online: false,
    url: 'javascript:alert(1)',
    kind: 'meetup',
    topics: ['rust', 'security'],
    cfp: { url: 'javascript:alert(2)', closes: '2027-01-10' },
    organizer: null,
  };
}
