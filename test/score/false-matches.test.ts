import { describe, expect, it } from 'vitest';
import { inferKind } from '../../src/ingest/classify.ts';
import { event, rank } from './scenario.ts';

const interestReasons = (picks: ReturnType<typeof rank>['picks']) =>
  picks.flatMap((p) => p.reasons.filter((r) => r.kind === 'interest').map((r) => `${p.event.title}: ${r.text}`));

describe('no false matches (the cases of issue 11)', () => {
  it('a birthday and a phone call are not security picks', () => {
    const picks = rank({ interests: ['security'] }, [
      event({ title: 'Goran Bunjevcevic 17.02.1973', description: 'Joined from Red Star 28.06.01 for £1.4m' }),
      event({ title: 'Phone Conference', start: '2026-12-04T18:00:00Z', end: '2026-12-04T19:00:00Z' }),
      event({ title: 'OWASP Berlin chapter meeting', start: '2026-12-05T18:00:00Z', end: '2026-12-05T20:00:00Z' }),
    ]).picks;
    expect(picks.map((p) => p.event.title)).toEqual(['OWASP Berlin chapter meeting']);
  });

  it('Go matches no event when none is about Go, though its lexicon neighbours do', () => {
    const { picks } = rank({ interests: ['go'] }, [
      event({ title: 'WasmCon', description: 'WebAssembly and the component model, cloud native runtimes.' }),
      event({ title: 'RustFest', description: 'Rust in production.', start: '2026-12-04T18:00:00Z' }),
      event({
        title: 'Data engineering summit',
        description: 'Pipelines, devops for data.',
        start: '2026-12-05T18:00:00Z',
      }),
    ]);
    expect(interestReasons(picks)).toEqual([]);
    expect(picks).toEqual([]);
  });

  it('accessibility is not access: an identity and access management summit is no accessibility pick', () => {
    const { picks } = rank({ interests: ['accessibility'] }, [
      event({ title: 'Gartner Identity & Access Management Summit' }),
      event({ title: 'Accessible web meetup', start: '2026-12-04T18:00:00Z', end: '2026-12-04T20:00:00Z' }),
    ]);
    expect(picks.map((p) => p.event.title)).toEqual(['Accessible web meetup']);
  });

  it('a Rust meetup has its Rust reason whatever the other interests are', () => {
    // A week apart, so that the weekly cadence leaves room for each.
    const events = [
      event({ title: 'Systems programming meetup', description: 'Async Rust and embedded.' }),
      event({ title: 'RustFest Rust Rust', start: '2026-12-24T18:00:00Z', end: '2026-12-24T20:00:00Z' }),
      event({ title: 'Application security night', start: '2026-12-10T18:00:00Z', end: '2026-12-10T20:00:00Z' }),
      event({
        title: 'Data engineering meetup',
        description: 'dbt and DuckDB.',
        start: '2026-12-17T18:00:00Z',
        end: '2026-12-17T20:00:00Z',
      }),
    ];
    const alone = rank({ interests: ['rust'] }, events).picks;
    const among = rank(
      {
        interests: [{ term: 'security', weight: 3 }, { term: 'data engineering', weight: 2 }, 'rust', 'accessibility'],
      },
      events,
    ).picks;
    for (const picks of [alone, among]) {
      const rust = picks.find((p) => p.event.title === 'Systems programming meetup');
      expect(rust?.reasons).toContainEqual(
        expect.objectContaining({ kind: 'interest', text: 'matches your interest in Rust' }),
      );
    }
  });

  it('the best match in the window scales an interest, but a weak one is not raised to full weight', () => {
    const long = `${'A long evening of lightning talks about many things. '.repeat(30)}One of them touches on Rust.`;
    const others = ['Board games', 'Jazz night', 'Chess club', 'Pottery', 'Choir'].map((title, k) =>
      event({ title, start: `2026-12-1${k}T18:00:00Z`, end: `2026-12-1${k}T20:00:00Z` }),
    );
    const { picks } = rank({ interests: ['rust'] }, [event({ title: 'Tech evening', description: long }), ...others]);
    const weight = picks[0]?.reasons.find((r) => r.kind === 'interest')?.weight ?? 0;
    expect(weight).toBeGreaterThan(0);
    expect(weight).toBeLessThan(1.5);
    const strong = rank({ interests: ['rust'] }, [event({ title: 'Rust Berlin meetup' })]).picks;
    expect(strong[0]!.reasons.find((r) => r.kind === 'interest')!.weight).toBe(3);
  });

  it.each([
    ['Repair Café', 'Bring what is broken, we fix it together.', 'volunteer'],
    ['Repair und Recycling Café', 'Wir unterstützen das Repair Café der Stadt; Karlstraßenfest nebenan.', 'volunteer'],
    ['Goran Bunjevcevic 17.02.1973', 'Joined from Red Star 28.06.01 for £1.4m', 'other'],
    ['Phone Conference', null, 'other'],
    ['Beerforge III', 'A party during OSCON for open source folks.', 'other'],
    ['EuroRust conference', null, 'conference'],
    ['OWASP Berlin chapter meeting', null, 'meetup'],
  ])('%s (%s) is read as %s', (title, _description, kind) => {
    const description = _description;
    expect(inferKind(title, description, 'other')).toBe(kind);
  });
});
