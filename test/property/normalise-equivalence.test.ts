import { decodeHTMLStrict } from 'entities';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EventRecord, EventRecordSchema } from '../../src/core/event.ts';
import { foldText } from '../../src/core/fold-text.ts';
import { inferKind } from '../../src/ingest/classify.ts';
import { cleanText, stripMarkup } from '../../src/ingest/text.ts';
import { validRecords } from '../../src/ingest/validate-records.ts';
import { eventRecord } from '../support/events.ts';

// The fast paths of the ingest's text steps must answer exactly what the plain pipelines they replace
// answer; each reference below is the step written the direct way (every replace, every time).

function cleanTextReference(raw: string, max: number, singleLine: boolean, plain: boolean): string | null {
  let text = (plain ? decodeHTMLStrict(raw) : stripMarkup(raw))
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
  text = singleLine ? text.replace(/\s+/g, ' ') : text.replace(/[ \t]+/g, ' ').replace(/\n{3,}/g, '\n\n');
  text = text.trim();
  if (text === '') return null;
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function foldTextReference(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\b(19|20)\d{2}\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Text made of the characters each step treats specially, so the fast paths are taken and left. */
const tricky = fc
  .array(
    fc.oneof(
      fc.constantFrom(' ', '  ', '\t', '\n', '\n\n\n', '\r', '\u00a0', '\u2003', '\u0000', '\u0085', '\u001b'),
      fc.constantFrom('&amp;', '&#8217;', '&', '<b>', '</p>', '<br/>', '&nbsp;', '<', '>'),
      fc.constantFrom('\uD83D\uDE00', '\uD83D', '\uDE00', 'é', 'Zürich', 'İ', 'ß', 'ﬁ'),
      fc.constantFrom('2026', '1999', '42', 'Rust', 'berlin', 'RustFest', '-', "'", '.'),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 20 },
  )
  .map((parts) => parts.join(''));

describe('the fast paths of the ingest text steps answer what the plain pipelines do', () => {
  it('cleanText, single-line and multi-line, plain text and markup (1000 runs)', () => {
    fc.assert(
      fc.property(
        tricky,
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 3, max: 40 }),
        (raw, singleLine, plain, max) => {
          expect(cleanText(raw, max, { singleLine, plain })).toBe(cleanTextReference(raw, max, singleLine, plain));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('foldText (1000 runs)', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        expect(foldText(text)).toBe(foldTextReference(text));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("a description's kind", () => {
  it.each([
    ['a study group wins over a later meetup', 'after the meetup night, our study group reads on', 'study-group'],
    ['a workshop wins over an earlier social', 'drinks and social first, then a hands-on part', 'workshop'],
    ['volunteering wins over an earlier internal note', 'this internal event needs volunteers', 'volunteer'],
    ['a conference in a description is not taken', 'join us before the conference', 'other'],
    ['nothing named', 'talks and pizza', 'other'],
  ])('%s', (_name, description, kind) => {
    expect(inferKind('Thursday evening', description, 'other')).toBe(kind);
  });

  it('does not depend on where in the description the words stand (300 runs)', () => {
    const words = ['study group', 'volunteers', 'brown-bag', 'bootcamp', 'community call', 'summit', 'pizza'];
    fc.assert(
      fc.property(fc.shuffledSubarray(words), fc.shuffledSubarray(words), (a, b) => {
        const sameWords = new Set(a).size === new Set(b).size && a.every((w) => b.includes(w));
        fc.pre(sameWords);
        expect(inferKind('Evening', a.join(' and '), 'other')).toBe(inferKind('Evening', b.join(' then '), 'other'));
      }),
      { numRuns: 300 },
    );
  });
});

describe('the last gate before storage', () => {
  /** What the whole schema names first, as the gate's warning quotes it. */
  function expectedWarning(record: EventRecord): string | null {
    const result = EventRecordSchema.safeParse(record);
    if (result.success) return null;
    const issue = result.error.issues[0]!;
    return `event ${record.uid.slice(0, 80)}: ${issue.path.join('.') || 'record'}: ${issue.message}, skipped`;
  }

  const breakages: ((r: EventRecord) => EventRecord)[] = [
    (r) => r,
    (r) => ({ ...r, end: '2027-01-01T10:00:00Z', start: '2027-01-02T10:00:00Z' }),
    (r) => ({ ...r, start: 'soon' }),
    (r) => ({ ...r, title: '' }),
    (r) => ({ ...r, location: { ...r.location, lat: 300 } }),
    (r) => ({ ...r, topics: ['x'.repeat(300)] }),
    (r) => ({ ...r, status: 'gone' as EventRecord['status'] }),
    (r) => ({ ...r, kind: 'party' as EventRecord['kind'] }),
  ];

  it('names the problem the whole schema names first, whether a series shares its text or not (300 runs)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(breakages.length - 1), fc.nat(breakages.length - 1), fc.boolean()), {
          minLength: 1,
          maxLength: 8,
        }),
        (plan) => {
          const base = eventRecord({ uid: 's@test', title: 'Series', start: '2027-01-01T10:00:00Z' });
          // Occurrences of one series share their text values; `shared` keeps the previous record's.
          let previous = base;
          const records = plan.map(([first, second, shared], i) => {
            const own = { ...base, uid: `s${i}@test`, recurrenceId: String(i) };
            const text = shared ? { ...own, location: previous.location, topics: previous.topics } : own;
            previous = breakages[second]!(breakages[first]!(text));
            return previous;
          });
          const warnings: string[] = [];
          const kept = [...validRecords(records, warnings)];
          expect(kept).toEqual(records.filter((r) => expectedWarning(r) === null));
          expect(warnings).toEqual(records.map(expectedWarning).filter((w) => w !== null));
        },
      ),
      { numRuns: 300 },
    );
  });
});
