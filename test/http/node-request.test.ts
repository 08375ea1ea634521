import { describe, expect, it } from 'vitest';
import { nodeRequestHeader } from '../../src/runtime/node-request.ts';

describe("Node's cheap header read", () => {
  it('reads the parsed Node headers, joins repeats as Fetch does, and falls back to the Web request', () => {
    const env = { incoming: { headers: { authorization: 'Bearer x', 'x-many': ['a', 'b'] } } };
    const request = new Request('http://localhost/', { headers: { authorization: 'Bearer from-web' } });
    expect(nodeRequestHeader(request, env, 'authorization')).toBe('Bearer x');
    expect(nodeRequestHeader(request, env, 'x-many')).toBe('a, b');
    expect(nodeRequestHeader(request, env, 'if-none-match')).toBeUndefined();
    expect(nodeRequestHeader(request, {}, 'authorization')).toBe('Bearer from-web');
  });
});
