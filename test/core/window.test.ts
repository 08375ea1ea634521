import { describe, expect, it } from 'vitest';
import { isReversedWindow, wholeUnits } from '../../src/core/window.ts';
import { ProblemError } from '../../src/http/problem.ts';
import { refuseReversedWindow as refuseOverHttp } from '../../src/http/reversed-window.ts';
import { refuseReversedWindow as refuseOnCli } from '../../src/runtime/date-flag.ts';
import { UsageError } from '../../src/runtime/usage-error.ts';
import { FRESHNESS_MS } from '../../src/usecases/freshness.ts';
import { catalogWindow } from '../../src/usecases/shared-catalog.ts';

const MAY = Date.parse('2027-05-01');
const JANUARY = Date.parse('2027-01-01');

describe('a reversed window: one rule, each adapter its own error', () => {
  it.each([
    ['to before from', MAY, JANUARY, true],
    ['to equal to from (selects nothing)', MAY, MAY, true],
    ['in order', JANUARY, MAY, false],
    ['no from', undefined, JANUARY, false],
    ['no to', MAY, undefined, false],
  ] as const)('%s', (_name, fromMs, toMs, reversed) => {
    expect(isReversedWindow({ fromMs, toMs })).toBe(reversed);
    const http = () => refuseOverHttp(fromMs, toMs);
    const cli = () => refuseOnCli(fromMs, toMs);
    if (reversed) {
      expect(http).toThrow(ProblemError);
      expect(cli).toThrow(UsageError);
    } else {
      expect(http).not.toThrow();
      expect(cli).not.toThrow();
    }
  });
});

describe('wholeUnits: the one bucket of time that cached derivations share', () => {
  const at = (iso: string) => Date.parse(iso);
  const iso = (window: { fromMs: number; toMs: number }) => [
    new Date(window.fromMs).toISOString(),
    new Date(window.toMs).toISOString(),
  ];
  it.each([
    [
      'an instant, by the hour',
      at('2026-11-27T08:10:00Z'),
      at('2026-11-27T08:10:00Z'),
      FRESHNESS_MS,
      ['2026-11-27T08:00:00.000Z', '2026-11-27T09:00:00.000Z'],
    ],
    [
      'an instant on the hour',
      at('2026-11-27T08:00:00Z'),
      at('2026-11-27T08:00:00Z'),
      FRESHNESS_MS,
      ['2026-11-27T08:00:00.000Z', '2026-11-27T09:00:00.000Z'],
    ],
    [
      'a window, by the day',
      at('2026-11-27T12:34:56Z'),
      at('2027-11-27T12:34:56Z'),
      86_400_000,
      ['2026-11-27T00:00:00.000Z', '2027-11-28T00:00:00.000Z'],
    ],
    [
      'a window already on days',
      at('2026-11-27T00:00:00Z'),
      at('2026-11-29T00:00:00Z'),
      86_400_000,
      ['2026-11-27T00:00:00.000Z', '2026-11-29T00:00:00.000Z'],
    ],
  ] as const)('%s', (_name, fromMs, toMs, unit, expected) => {
    expect(iso(wholeUnits({ fromMs, toMs }, unit))).toEqual(expected);
  });

  it('is what the shared catalog widens its window by', () => {
    const window = { fromMs: at('2026-11-27T12:34:56Z'), toMs: at('2027-01-02T03:04:05Z') };
    expect(catalogWindow(window)).toEqual(wholeUnits(window, 86_400_000));
  });
});
