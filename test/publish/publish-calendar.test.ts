import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CalendarEntry } from '../../src/core/publication.ts';
import { publishCalendar } from '../../src/usecases/publish-calendar.ts';
import { tempStore } from '../support/store.ts';

const DAY_MS = 86_400_000;
const T0 = Date.parse('2026-11-27T08:00:00Z');

function entry(id: string, extra: Partial<CalendarEntry> = {}): CalendarEntry {
  return {
    uid: `pick-${id}@convene`,
    eventId: id,
    title: `Event ${id}`,
    start: '2026-12-10T18:00:00Z',
    end: '2026-12-10T20:00:00Z',
    allDay: false,
    location: 'Berlin',
    url: null,
    description: 'matches your interest in rust',
    categories: [],
    status: 'confirmed',
    eventChangedAt: '2026-11-20T10:00:00.000Z',
    ...extra,
  };
}

describe('publishing a calendar over time', () => {
  let db: ReturnType<typeof tempStore>;
  beforeEach(async () => {
    db = tempStore();
    await db.store.createUser({
      id: 'u_0000000000000001',
      profile: { interests: [{ term: 'rust', weight: 1 }] } as never,
      keyHash: 'k',
      feedTokenHash: 'f',
      createdAt: '2026-11-01T00:00:00Z',
      updatedAt: '2026-11-01T00:00:00Z',
    });
  });
  afterEach(() => db.cleanup());
  const publish = (entries: CalendarEntry[], at: number) =>
    publishCalendar(db.store, 'u_0000000000000001', 'picks', entries, at);

  it('raises SEQUENCE for a new time or title, only LAST-MODIFIED for new wording, nothing for no change', async () => {
    const [first] = await publish([entry('a')], T0);
    expect(first).toMatchObject({ sequence: 0, lastModified: '2026-11-20T10:00:00.000Z', withdrawnAt: null });
    const [same] = await publish([entry('a')], T0 + DAY_MS);
    expect(same).toMatchObject({ sequence: 0, lastModified: '2026-11-20T10:00:00.000Z' });
    const [reworded] = await publish([entry('a', { description: 'you know only 1 person in rust' })], T0 + 2 * DAY_MS);
    expect(reworded).toMatchObject({ sequence: 0, lastModified: new Date(T0 + 2 * DAY_MS).toISOString() });
    const moved = entry('a', {
      description: 'you know only 1 person in rust',
      start: '2026-12-11T18:00:00Z',
      end: '2026-12-11T20:00:00Z',
      eventChangedAt: '2026-11-30T09:00:00.000Z',
    });
    const [rescheduled] = await publish([moved], T0 + 3 * DAY_MS);
    // The source's change dates itself.
    expect(rescheduled).toMatchObject({ sequence: 1, lastModified: '2026-11-30T09:00:00.000Z' });
    expect(rescheduled!.publishedAt).toBe(first!.publishedAt);
  });

  it('never dates a publication after its last modification, new, reworded or rescheduled', async () => {
    // The event last changed a week before the calendar was first read.
    const ordered = (p: { publishedAt: string; lastModified: string }) =>
      expect(Date.parse(p.publishedAt)).toBeLessThanOrEqual(Date.parse(p.lastModified));
    const [first] = await publish([entry('a')], T0);
    ordered(first!);
    const [reworded] = await publish([entry('a', { description: 'another reason' })], T0 + DAY_MS);
    ordered(reworded!);
    const [moved] = await publish(
      [entry('a', { description: 'another reason', start: '2026-12-11T18:00:00Z' })],
      T0 + 2 * DAY_MS,
    );
    ordered(moved!);
    expect(moved!.publishedAt).toBe(first!.publishedAt);
  });

  it('keeps a withdrawn pick as CANCELLED for 30 days, brings it back with a higher SEQUENCE if picked again', async () => {
    await publish([entry('a', { start: '2027-03-01T18:00:00Z', end: null }), entry('b')], T0);
    const [, withdrawn] = await publish([entry('b')], T0 + DAY_MS);
    expect(withdrawn).toMatchObject({ sequence: 1, withdrawnAt: new Date(T0 + DAY_MS).toISOString() });
    expect(withdrawn!.entry.status).toBe('cancelled');
    const back = await publish([entry('a', { start: '2027-03-01T18:00:00Z', end: null }), entry('b')], T0 + 2 * DAY_MS);
    expect(back.find((p) => p.entry.eventId === 'a')).toMatchObject({ sequence: 2, withdrawnAt: null });
    await publish([entry('b')], T0 + 3 * DAY_MS);
    const kept = await publish([], T0 + 10 * DAY_MS);
    expect(kept.find((p) => p.entry.eventId === 'a')?.entry.status).toBe('cancelled');
    const gone = await publish([], T0 + 34 * DAY_MS);
    expect(gone.map((p) => p.entry.eventId)).not.toContain('a');
  });

  it('a pick that has happened is not cancelled: it stays as it was for 30 days, then leaves', async () => {
    await publish([entry('b')], T0);
    const after = await publish([], Date.parse('2026-12-11T00:00:00Z'));
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ sequence: 0, withdrawnAt: null });
    expect(after[0]!.entry.status).toBe('confirmed');
    expect(await publish([], Date.parse('2027-01-12T00:00:00Z'))).toEqual([]);
  });
});
