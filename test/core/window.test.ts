import { describe, expect, it } from 'vitest';
import { isReversedWindow } from '../../src/core/window.ts';
import { ProblemError } from '../../src/http/problem.ts';
import { refuseReversedWindow as refuseOverHttp } from '../../src/http/reversed-window.ts';
import { refuseReversedWindow as refuseOnCli } from '../../src/runtime/date-flag.ts';
import { UsageError } from '../../src/runtime/usage-error.ts';

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
