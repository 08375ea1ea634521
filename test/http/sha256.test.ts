import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/core/sha256.ts';

async function webCrypto(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

describe('SHA-256 in plain JavaScript', () => {
  it('matches the FIPS 180-4 examples', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with WebCrypto on every length around the block edges and on non-ASCII text', async () => {
    const samples: string[] = [];
    for (let n = 0; n < 300; n++) samples.push('x'.repeat(n));
    samples.push('cvn_3hKhg6ievLTwVL9PWzSkQHWc5y2ozgtr4Lfmiz27jDE', 'é€🦀 ünïcödé', '\u0000\uFFFF'.repeat(40));
    for (let n = 0; n < 200; n++)
      samples.push(String.fromCharCode(...Array.from({ length: n % 150 }, (_, i) => (i * 7919 + n * 31) % 0xd7ff)));
    for (const text of samples) expect(sha256Hex(text), JSON.stringify(text.slice(0, 20))).toBe(await webCrypto(text));
  });
});
