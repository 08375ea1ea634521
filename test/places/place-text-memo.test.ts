import { describe, expect, it } from 'vitest';
import { createGazetteer } from '../../src/places/gazetteer.ts';
import { placeText } from '../../src/places/place-text.ts';

describe('a place text read once per gazetteer', () => {
  it('answers each gazetteer from its own cities, however often and in whatever order it is asked', () => {
    const text = 'Union Hall, Rue Oberkampf 29, 75011 Paris, France';
    const paris = createGazetteer([{ name: 'Paris', country: 'FR', population: 2_100_000, lat: 48.85, lon: 2.35 }]);
    const texas = createGazetteer([{ name: 'Paris', country: 'US', population: 25_000, lat: 33.66, lon: -95.55 }]);
    const empty = createGazetteer([]);
    for (let round = 0; round < 2; round++) {
      expect(placeText(text, paris)).toEqual({ kind: 'city', city: 'Paris', country: 'FR', lat: 48.85, lon: 2.35 });
      // France is named, and this gazetteer's only Paris is in Texas: the country alone is known.
      expect(placeText(text, texas)).toEqual({ kind: 'country', country: 'FR' });
      expect(placeText('Paris', texas)).toEqual({
        kind: 'city',
        city: 'Paris',
        country: 'US',
        lat: 33.66,
        lon: -95.55,
      });
      expect(placeText(text, empty)).toEqual({ kind: 'country', country: 'FR' });
      expect(placeText('Paris', empty)).toBeNull();
    }
  });
});
