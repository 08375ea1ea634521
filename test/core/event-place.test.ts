import { describe, expect, it } from 'vitest';
import { eventPlace, listingPlace } from '../../src/core/event-place.ts';

const at = (city: string | null, country: string | null, text: string | null = null) => ({
  city,
  country,
  text,
  lat: null,
  lon: null,
});

describe('place text: one module for every wording of where an event is', () => {
  it.each([
    [
      'city and country',
      { city: 'Lisbon', country: 'Portugal', location: null, online: false as const },
      'Lisbon, Portugal',
    ],
    [
      '"Online" as a city is no place',
      { city: 'Online', country: 'Germany', location: null, online: false as const },
      'Germany',
    ],
    [
      'the venue as written wins',
      { city: 'Lisbon', country: 'Portugal', location: 'LX Factory', online: false as const },
      'LX Factory',
    ],
    [
      'hybrid',
      { city: 'Lisbon', country: 'Portugal', location: null, online: 'hybrid' as const },
      'Lisbon, Portugal and online',
    ],
    ['online only', { city: null, country: null, location: null, online: true as const }, 'Online'],
    ['unknown', { city: null, country: null, location: null, online: false as const }, null],
  ])('eventPlace: %s', (_name, event, expected) => {
    expect(eventPlace(event)).toBe(expected);
  });

  it.each([
    ['online only', { online: true as const, location: at('Berlin', 'Germany') }, 'online'],
    ['city and country', { online: false as const, location: at('Berlin', 'Germany', 'c-base') }, 'Berlin, Germany'],
    ['the source text when no city is known', { online: false as const, location: at(null, null, 'c-base') }, 'c-base'],
    ['hybrid', { online: 'hybrid' as const, location: at('Berlin', null) }, 'Berlin and online'],
    ['unknown', { online: false as const, location: at(null, null) }, ''],
  ])('listingPlace: %s', (_name, event, expected) => {
    expect(listingPlace(event)).toBe(expected);
  });
});
