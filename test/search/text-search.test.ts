import { describe, expect, it } from 'vitest';
import { buildTextSearch, SearchSyntaxError } from '../../src/search/text-search.ts';
import { storedEvent } from '../support/events.ts';

const events = [
  storedEvent({ id: 'rust', title: 'Rust Berlin meetup', topics: ['rust'], description: 'Ownership and lifetimes.' }),
  storedEvent({
    id: 'owasp',
    title: 'OWASP chapter meeting',
    topics: ['security'],
    organizer: 'OWASP Foundation',
    description: 'Threat modelling for Rust services.',
    location: { text: 'Hamburg', city: 'Hamburg', country: 'Germany', lat: null, lon: null },
  }),
  storedEvent({
    id: 'lisbon',
    title: 'Python study group',
    location: { text: 'Lisbon', city: 'Lisbon', country: 'Portugal', lat: null, lon: null },
  }),
];
const ids = (query: string) =>
  buildTextSearch(events)
    .search(query)
    .map((h) => h.id);

describe('ad-hoc search (lunr syntax)', () => {
  it('ranks a title match above a description match, and honours +, - and fields', () => {
    expect(ids('rust')).toEqual(['rust', 'owasp']);
    expect(ids('rust -berlin')).toEqual(['owasp']);
    expect(ids('+rust +threat')).toEqual(['owasp']);
    expect(ids('organizer:foundation')).toEqual(['owasp']);
    expect(ids('place:lisbon')).toEqual(['lisbon']);
    expect(ids('place:portugal')).toEqual(['lisbon']);
  });

  it('supports wildcards and typos within an edit', () => {
    expect(ids('lifetim*')).toEqual(['rust']);
    expect(ids('pyhton~2')).toEqual(['lisbon']);
  });

  it('turns a malformed query into a SearchSyntaxError that says what is wrong', () => {
    expect(() => ids('venue:berlin')).toThrow(SearchSyntaxError);
    expect(() => ids('venue:berlin')).toThrow(/unrecognised field 'venue'.*'title'/);
    expect(() => ids('title:')).toThrow(SearchSyntaxError);
  });
});
