import { describe, expect, it } from 'vitest';
import topics from '../../data/topics.json';
import { createLexicon, defaultLexicon, LexiconSchema } from '../../src/core/lexicon.ts';

describe('the topic lexicon (data/topics.json)', () => {
  const data = LexiconSchema.parse(topics);
  const lexicon = defaultLexicon();

  it('covers the common fields', () => {
    for (const field of [
      'security',
      'data',
      'devops',
      'frontend',
      'mobile',
      'python',
      'rust',
      'ux',
      'leadership',
      'product',
      'accessibility',
      'opensource',
    ]) {
      expect(lexicon.fieldIds).toContain(field);
    }
  });

  it('names only fields that exist as related fields', () => {
    for (const [field, def] of Object.entries(data.fields)) {
      for (const related of def.related) expect(lexicon.fieldIds, `${field} -> ${related}`).toContain(related);
    }
  });

  it.each([
    ['AppSec', 'security'],
    ['threat modelling', 'security'],
    ['WebAssembly', 'webassembly'],
    ['wasm', 'webassembly'],
    ['a11y', 'accessibility'],
    ['Node.js', 'javascript'],
    ['C++', 'cpp'],
    ['golang', 'golang'],
    ['quantum basket weaving', 'quantum basket weaving'],
  ])('maps the interest %s to %s', (term, field) => {
    expect(lexicon.fieldOf(term)).toBe(field);
  });

  it('finds fields in free text by whole words and phrases, not inside other words', () => {
    expect(
      [...lexicon.fieldsIn('Staff engineer at OWASP Berlin, speaks about threat modeling and Rust.')].sort(),
    ).toEqual(['leadership', 'rust', 'security']);
    expect(lexicon.fieldsIn('Trusted partner for dusty archives').has('rust')).toBe(false);
  });

  it('accepts a lexicon extended by a user', () => {
    const extended = createLexicon({
      version: 1,
      fields: {
        ...data.fields,
        quantum: {
          label: 'quantum computing',
          terms: ['qubit', 'quantum computing'],
          communities: [],
          conferences: ['Q2B'],
          related: ['ai'],
        },
      },
    });
    expect(extended.fieldOf('Quantum computing')).toBe('quantum');
    expect([...extended.fieldsIn('Speaker at Q2B on qubit error correction')]).toEqual(['quantum']);
  });
});
