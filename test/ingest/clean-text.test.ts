import { describe, expect, it } from 'vitest';
import { cleanText, stripMarkup } from '../../src/ingest/text.ts';

// cleanText skips each step whose scan finds nothing to do: these are the texts where each step has work.
describe('cleanText', () => {
  it('replaces lone surrogates and drops control characters, alone or together, keeping emoji', () => {
    expect(cleanText('a\uD800b', 100)).toBe('a\uFFFDb');
    expect(cleanText('a\u0000b\u0007c\u0085d', 100)).toBe('abcd');
    expect(cleanText('\uDC00x\u001Fy 🎉', 100)).toBe('\uFFFDxy 🎉');
    expect(cleanText('tab\tand\nline 🎉', 100)).toBe('tab and\nline 🎉');
  });

  it('keeps at most one blank line between paragraphs, and none in a single line', () => {
    expect(cleanText('one\n\n\n\ntwo\n\nthree', 100)).toBe('one\n\ntwo\n\nthree');
    expect(cleanText('one\n\n\n\ntwo', 100, { singleLine: true })).toBe('one two');
    expect(cleanText('one  two\t\tthree', 100)).toBe('one two three');
    // A dropped control character may leave two spaces that then become one.
    expect(cleanText('a \u0000 b', 100)).toBe('a b');
    expect(cleanText('a \u0000 b', 100, { singleLine: true })).toBe('a b');
  });

  it('breaks lines at <br> and at the end of blocks, and drops other tags', () => {
    expect(stripMarkup('<p>a<br/>b</p><div>c</DIV><BR >d<br\t/>e</h2>f</Li>g</tr>h<b>i</b>')).toBe(
      'a\nb\nc\n\nd\ne\nf\ng\nhi',
    );
    // A <br> inside another tag goes with that tag.
    expect(stripMarkup('<a <br> b>x</p <br>>y')).toBe('xy');
  });
});
