import lunr from 'lunr';
import { describe, expect, it } from 'vitest';
import { packParts, unpackParts } from '../../src/core/packed-bytes.ts';
import { packLunrIndex, unpackLunrIndex } from '../../src/search/packed-lunr.ts';

const DOCS = [
  { title: 'Rust meetup', body: 'Talks about Rust and WebAssembly, pizza after.' },
  { title: 'Security night', body: 'OWASP chapter: web security, threat models.' },
  { title: 'WebAssembly summit', body: 'Compilers, runtimes and the component model.' },
  { title: 'Accessibility clinic', body: 'Screen readers, contrast, keyboard navigation.' },
];

function built(): lunr.Index {
  return lunr(function () {
    this.ref('ref');
    this.field('title', { boost: 3 });
    this.field('body');
    DOCS.forEach((doc, n) => {
      this.add({ ref: String(n), ...doc });
    });
  });
}

const QUERIES = ['rust', 'web*', 'pizzza~1', 'title:webassembly', '+web -rust', '-rust', 'pizza keyboard'];
const answers = (index: lunr.Index) => QUERIES.map((q) => index.search(q).map(({ ref, score }) => ({ ref, score })));

describe('a lunr index packed as typed arrays', () => {
  it('answers every kind of query as lunr answers after loading its own JSON', () => {
    const index = built();
    const packed = unpackLunrIndex(unpackParts(packParts(packLunrIndex(index))));
    const loaded = lunr.Index.load(JSON.parse(JSON.stringify(index)));
    expect(answers(packed)).toEqual(answers(loaded));
    expect(answers(packed).every((hits) => hits.length > 0)).toBe(true);
  });

  it('refuses an index whose refs are not document numbers', () => {
    const named = lunr(function () {
      this.ref('name');
      this.field('title');
      this.add({ name: 'rust-meetup', title: 'Rust meetup' });
    });
    expect(() => packLunrIndex(named)).toThrow(/not a number/);
  });
});
