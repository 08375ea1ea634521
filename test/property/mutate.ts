import fc from 'fast-check';

/** One edit of a text, as a file damaged in transit or written by a careless producer would show. */
type Mutation =
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'drop-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'truncate'; at: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    // Syntax characters of the formats under test, control characters and arbitrary code points.
    text: fc.oneof(
      fc.constantFrom(
        ':',
        ';',
        '\\',
        ',',
        '=',
        '"',
        '<',
        '>',
        '&',
        '\r',
        '\n',
        '\n ',
        '\u0000',
        '\uFEFF',
        '{',
        '[',
        '}',
      ),
      fc.string({ unit: 'binary', maxLength: 12 }),
    ),
  }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('drop-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = (n: number) => n % Math.max(lines.length, 1);
  switch (m.kind) {
    case 'delete': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + text.slice(at + m.length);
    }
    case 'insert': {
      const at = m.at % (text.length + 1);
      return text.slice(0, at) + m.text + text.slice(at);
    }
    case 'duplicate-line':
      lines.splice(line(m.line), 0, lines[line(m.line)] ?? '');
      return lines.join('\n');
    case 'drop-line':
      lines.splice(line(m.line), 1);
      return lines.join('\n');
    case 'swap-lines': {
      const [a, b] = [line(m.a), line(m.b)];
      [lines[a], lines[b]] = [lines[b] ?? '', lines[a] ?? ''];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, m.at % (text.length + 1));
  }
}

/** A valid document with one to eight random edits. */
export function mutated(bases: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...bases), fc.array(mutation, { minLength: 1, maxLength: 8 }))
    .map(([base, edits]) => edits.reduce(apply, base));
}
