import { describe, expect, it } from 'vitest';
import { readTimeValue } from '../../../src/ingest/ical/values.ts';

describe('DATE and DATE-TIME values checked against the calendar', () => {
  it('accept the days each month has, by the Gregorian rule Date.UTC counts, in every year read', () => {
    const differing: string[] = [];
    for (let year = 1899; year <= 2201; year++)
      for (let month = 1; month <= 12; month++)
        for (let day = 27; day <= 32; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const exists = year >= 1900 && year <= 2200 && new Date(Date.UTC(year, month, 0)).getUTCDate() >= day;
          for (const raw of [text, `${text}T10:00:00`, text.replace(/-/g, '')])
            if ((readTimeValue(raw, null, 'date-time') !== null) !== exists) differing.push(raw);
        }
    expect(differing.slice(0, 5)).toEqual([]);
  });
});
