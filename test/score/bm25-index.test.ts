import { describe, expect, it } from 'vitest';
import { buildIndex, type IndexedText } from '../../src/score/bm25-index.ts';

const doc = (title: string, description: string | null = null): IndexedText => ({ title, topics: [], description });

/** `count` events in Berlin about other things, and one Rust meetup that is also in Berlin. */
function berlinCatalog(count: number): IndexedText[] {
  return [
    doc('Rust meetup', 'In Berlin.'),
    ...Array.from({ length: count }, (_, i) => doc(`Gardening club ${i}`, 'In Berlin.')),
  ];
}

describe('the BM25 index', () => {
  it('leaves out a faint expansion word that is common, and keeps it in a small catalog', () => {
    // "berlin" at 0.3 is what a community name such as "Rust Berlin" adds to a rust query.
    const query = [
      { term: 'rust', weight: 1 },
      { term: 'berlin', weight: 0.3 },
    ];
    const large = buildIndex(berlinCatalog(40)).score(query);
    expect(large.values[0]).toBeGreaterThan(0);
    expect([...large.values.slice(1)].every((v) => v === 0)).toBe(true);
    expect([...large.touched]).toEqual([0]);

    // Three events: "berlin" is in every one, but a word in three events is not common; idf is small
    // everywhere here, and 0.3 × idf (0.45 for a word in 1 of 4) still counts for a rarer word.
    const small = buildIndex([doc('Rust meetup'), doc('Gardening club', 'Near Potsdam.'), doc('Chess night')]);
    const withRare = small.score([
      { term: 'rust', weight: 1 },
      { term: 'potsdam', weight: 0.6 },
    ]);
    expect(withRare.values[1]).toBeGreaterThan(0);
  });

  it("counts the user's own words however common they are", () => {
    const index = buildIndex(berlinCatalog(40));
    const { values } = index.score([{ term: 'berlin', weight: 1 }]);
    expect([...values].every((v) => v > 0)).toBe(true);
  });

  it('lists each matched document once in touched, and reused buffers keep nothing of the last query', () => {
    const index = buildIndex([
      doc('Rust meetup', 'Rust and more rust.'),
      doc('Python night'),
      doc('Rust and Python', 'A rust workshop for python people.'),
    ]);
    const buffers = index.buffers();
    const rust = index.score(
      [
        { term: 'rust', weight: 1 },
        { term: 'workshop', weight: 1 },
      ],
      buffers,
    );
    expect([...rust.touched].sort()).toEqual([0, 2]);
    expect(rust.max).toBe(Math.max(...rust.values));
    const python = index.score([{ term: 'python', weight: 1 }], buffers);
    expect(python.values).toBe(buffers.values);
    expect(python.values[0]).toBe(0);
    expect([...python.touched].sort()).toEqual([1, 2]);
    expect(index.score([{ term: 'python', weight: 1 }]).values).toEqual(python.values);
  });
});
