import { describe, expect, it } from 'vitest';
import { cadenceOf } from '../../src/score/venues/cadence.ts';
import { communityKey, conferenceKeys, titleStem, urlParts } from '../../src/score/venues/venue-key.ts';
import { storedEvent } from '../support/events.ts';

const DAY_MS = 86_400_000;
const every = (days: number, count: number) => Array.from({ length: count }, (_, k) => k * days * DAY_MS);

describe('venue identity', () => {
  it.each([
    ['a chapter after a colon', 'Rust async reading group: chapter 3', 'Rust async reading group'],
    ['a session number before a bar', 'Session 4 | Rust async reading group', 'Rust async reading group'],
    ['a meetup number', 'Rust Meetup Berlin #42', 'Rust Meetup Berlin'],
    ['an ordinal edition and a year', '5th Accessibility Club Summit 2027', 'Accessibility Club Summit'],
    ['a one-word head is too vague', 'Meetup: Rust in production', 'Rust in production'],
    ['nothing to take away', 'BerlinJS meetup', 'BerlinJS meetup'],
  ])('the title stem leaves out %s', (_name, title, stem) => {
    expect(titleStem(title)).toBe(stem);
  });

  it.each([
    ['weekly', every(7, 6), { every: 'week', text: 'weekly' }],
    ['every two weeks', every(14, 5), { every: 'week', text: 'every two weeks' }],
    ['monthly, one date skipped', [0, 30, 61, 120, 150].map((d) => d * DAY_MS), { every: 'month', text: 'monthly' }],
    ['quarterly', every(91, 4), { every: 'month', text: 'quarterly' }],
    ['yearly', every(350, 2), { every: 'year', text: 'yearly' }],
    ['a single date', [0], { every: 'irregular', text: 'one date so far' }],
  ])('cadence: %s', (_name, starts, cadence) => {
    expect(cadenceOf(starts)).toEqual(cadence);
  });

  it('two groups in one city on different topics, or one title from two organisers, stay apart; sessions join', () => {
    const rust = storedEvent({ title: 'Rust Meetup Berlin #41', url: 'https://tech.example.org/e/1' });
    const rustAgain = storedEvent({ title: 'Rust Meetup Berlin #42', url: 'https://tech.example.org/e/2' });
    const go = storedEvent({ title: 'Go Meetup Berlin #12', url: 'https://tech.example.org/e/3' });
    expect(communityKey(rust)).toBe(communityKey(rustAgain));
    expect(communityKey(rust)).not.toBe(communityKey(go));
    const a = storedEvent({ title: 'Book club: chapter 1', organizer: 'Kreuzberg readers' });
    const b = storedEvent({ title: 'Book club: chapter 2', organizer: 'Mitte readers' });
    expect(communityKey(a)).not.toBe(communityKey(b));
    const hamburg = storedEvent({
      title: 'Rust Meetup Hamburg #3',
      url: 'https://tech.example.org/e/4',
      location: { text: 'Hamburg', city: 'Hamburg', country: 'Germany', lat: null, lon: null },
    });
    expect(communityKey(hamburg)).not.toBe(communityKey(rust));
    // On a shared platform the group is the first path segment.
    const group = (n: number) =>
      storedEvent({ title: `Talk night ${n}`, url: `https://www.meetup.com/rust-berlin/events/${n}` });
    expect(communityKey(group(1))).toBe('group|meetup.com/rust-berlin');
  });

  it('a conference series is known by its name without year, edition or city, or by its site', () => {
    const edition = (title: string, city: string, url: string) =>
      storedEvent({
        title,
        kind: 'conference',
        url,
        location: { text: city, city, country: 'Germany', lat: null, lon: null },
      });
    const berlin = conferenceKeys(edition('DevOpsDays Berlin 2026', 'Berlin', 'https://2026.devopsdays.example.org/'));
    const hamburg = conferenceKeys(edition('DevOpsDays Hamburg 2027', 'Hamburg', 'https://devopsdays.example.org/hh'));
    expect(berlin).toEqual(['conference|devopsdays', 'conference-site|devopsdays.example.org']);
    expect(hamburg).toEqual(berlin);
    expect(conferenceKeys(edition('KubeCon Europe', 'Berlin', 'https://sessionize.com/kubecon'))).toEqual([
      'conference|kubecon europe',
    ]);
    expect(urlParts('https://www.example.org:8443/a/b?x=1')).toEqual({ host: 'example.org', path: ['a', 'b'] });
    expect(urlParts('javascript:alert(1)')).toBeNull();
  });
});
