import { describe, expect, it } from 'vitest';
import { strongEtag, strongEtags } from '../../src/http/strong-etag.ts';

describe('strong ETags of a large body', () => {
  it('are the validators strongEtag gives its text, for each representation, from one hash', async () => {
    const bodies = ['', '{"picks":[]}', `{"title":"Café Zürich 🦀","text":"${'give first; '.repeat(40_000)}"}`];
    for (const body of bodies) {
      const etags = await strongEtags(new TextEncoder().encode(body), { plain: '', gzip: '-gzip' });
      expect(etags).toEqual({ plain: strongEtag(body), gzip: strongEtag(body, '-gzip') });
    }
    const [a, b] = await Promise.all(
      ['{"n":1}', '{"n":2}'].map((body) => strongEtags(new TextEncoder().encode(body), { plain: '' })),
    );
    expect(a!.plain).not.toBe(b!.plain);
  });
});
