import { describe, expect, it } from 'vitest';
import { narrowed } from '../../src/ingest/ical/read-calendar.ts';

describe('narrowed copies of cuts from a wide file', () => {
  const file = 'BEGIN:VEVENT\r\nSUMMARY:Café – Rungestraße\r\nEND:VEVENT\r\n';

  it('gives the same text for Latin-1 and ASCII cuts, and the cut itself where a character is wider', () => {
    const latin = file.slice(0, file.indexOf(' –'));
    expect(narrowed(latin)).toBe(latin);
    expect(narrowed('')).toBe('');
    expect(narrowed(file)).toBe(file);
    expect(narrowed('a\u0000\u00ffb')).toBe('a\u0000\u00ffb');
  });

  it('gives each cut whole, whatever the length of the cuts before it', () => {
    // Cuts of every size, long ones beyond any buffer kept between cuts and short ones after them.
    for (const length of [5, 40_000, 3, 700_000, 17, 2_000_000, 1]) {
      const cut = 'Ä'.concat('é-x'.repeat(Math.ceil(length / 3))).slice(0, length);
      expect(narrowed(cut)).toBe(cut);
    }
  });

  it('leaves lone surrogates and astral characters as they are', () => {
    for (const text of ['x\ud800y', 'x\udc00', '🎉 launch']) expect(narrowed(text)).toBe(text);
  });

  it('copies nothing when the file holds no wide character', () => {
    const ascii = 'UID:plain@x';
    expect(narrowed(ascii, false)).toBe(ascii);
  });
});
