import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIcs } from '../../src/ingest/ical/parse-ics.ts';
import { CORPUS_DIR, corpusPath } from '../support/corpus.ts';

/**
 * What is compared: for each calendar in corpus/ics, the set of (UID, start) of the occurrences
 * Convene stores against the set python-icalendar + recurring-ical-events computed
 * (corpus/expected-occurrences.json: timed starts in UTC, all-day starts as dates, cancelled
 * occurrences and floating-time events left out on their side, so on ours too).
 * The expander read its one-year window in floating local time; an occurrence within 14 hours of
 * either edge may fall on different sides for the two, so those are left out on both sides.
 * Events without UID are keyed '' by the expander; Convene gives them a generated stable UID.
 */
interface Expected {
  from: string;
  to: string;
  occurrences?: [string, string][];
  floatingUids?: string[];
  skipped?: string;
}

const expected = JSON.parse(readFileSync(`${CORPUS_DIR}/expected-occurrences.json`, 'utf8')) as {
  files: Record<string, Expected>;
};
const EDGE_MS = 14 * 3_600_000;
const DAY_MS = 86_400_000;

/** Disagreements decided by RFC 5545, by hand: the expander's set differs from the RFC's. */
const DECIDED: Record<string, { onlyExpander: string[]; onlyConvene: string[]; why: string }> = {
  'khal__event_dt_mixed_awareness.ics': {
    onlyExpander: ['S9HZETRQne|2015-06-02T10:00:00'],
    onlyConvene: ['S9HZETRQne|2015-06-02T12:00:00'],
    why: 'DTSTART;TZID=Europe/Berlin:20150602T120000Z. RFC 5545 3.3.5: a value with the Z suffix is UTC and TZID "MUST NOT" be applied to it; the expander applied Berlin time anyway.',
  },
};

const msOf = (start: string) =>
  Date.parse(start.length === 10 ? `${start}T00:00:00Z` : start.endsWith('Z') ? start : `${start}Z`);

const compared = Object.entries(expected.files).filter(([, e]) => e.occurrences);

describe('recurrence expansion agrees with an independent RFC 5545 expander', () => {
  it('covers most of the corpus calendars', () => {
    expect(compared.length).toBeGreaterThanOrEqual(75);
  });

  it.each(compared.map(([file]) => file))('%s', (file) => {
    const e = expected.files[file]!;
    const fromMs = msOf(e.from);
    const toMs = msOf(e.to);
    const nearEdge = (start: string) => msOf(start) - fromMs < EDGE_MS || toMs - msOf(start) < EDGE_MS;
    const parsed = parseIcs(readFileSync(corpusPath('ics', file), 'utf8'), {
      window: { fromMs: fromMs - DAY_MS, toMs: toMs + DAY_MS },
      nowMs: fromMs,
      kind: null,
      topics: [],
    });
    const floating = new Set(e.floatingUids ?? []);
    const uidOf = (uid: string) => (uid.startsWith('generated-') ? '' : uid);
    const ours = new Set(
      [...parsed.records]
        .filter((r) => r.status === 'confirmed' && r.start && !floating.has(uidOf(r.uid)) && !nearEdge(r.start))
        .map((r) => `${uidOf(r.uid)}|${r.start!.replace(/Z$/, '')}`),
    );
    const theirs = new Set(
      e.occurrences!.filter(([, start]) => !nearEdge(start)).map(([uid, start]) => `${uid}|${start}`),
    );
    const onlyExpander = [...theirs].filter((k) => !ours.has(k)).sort();
    const onlyConvene = [...ours].filter((k) => !theirs.has(k)).sort();
    const decided = DECIDED[file];
    expect({ onlyExpander, onlyConvene }).toEqual(
      decided
        ? { onlyExpander: decided.onlyExpander, onlyConvene: decided.onlyConvene }
        : { onlyExpander: [], onlyConvene: [] },
    );
  });
});
