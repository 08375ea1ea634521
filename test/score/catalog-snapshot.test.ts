import { describe, expect, it } from 'vitest';
import { defaultLexicon } from '../../src/core/lexicon.ts';
import { packParts, unpackParts } from '../../src/core/packed-bytes.ts';
import { catalogParts } from '../../src/score/catalog.ts';
import {
  type CatalogSnapshot,
  decodeCatalogSnapshot,
  encodeCatalogSnapshot,
} from '../../src/score/catalog-snapshot.ts';
import { learnTopicState, topicModelFrom } from '../../src/score/topic-model.ts';
import { storedEvent } from '../support/events.ts';

function snapshotOf(): CatalogSnapshot {
  const lexicon = defaultLexicon();
  const history = [
    storedEvent({ title: 'RustConf 2025', topics: ['rust'], start: '2025-09-02T09:00:00Z' }),
    storedEvent({ title: 'OWASP chapter night', topics: ['security'], start: '2025-10-02T18:00:00Z' }),
  ];
  const events = [
    storedEvent({ title: 'RustConf 2026', start: '2026-12-03T09:00:00Z' }),
    storedEvent({ title: 'OWASP chapter night', start: '2026-12-04T18:00:00Z' }),
  ];
  const model = learnTopicState(history, lexicon);
  return {
    events,
    parts: catalogParts(events, lexicon, topicModelFrom(model, lexicon)),
    model,
    modelExamples: model.examples,
  };
}

describe('a ranking catalog persisted and read back', () => {
  it('gives back the model as it was, with its examples known before it is parsed', () => {
    const snapshot = snapshotOf();
    const back = decodeCatalogSnapshot(encodeCatalogSnapshot(snapshot));
    expect(back.modelExamples).toBe(2);
    expect(back.model).toEqual(snapshot.model);
    expect(back.events).toEqual(snapshot.events);
  });

  it('reads an entry written before the examples were kept beside the model', () => {
    const snapshot = snapshotOf();
    const parts = unpackParts(encodeCatalogSnapshot(snapshot));
    const { modelExamples: _, ...older } = JSON.parse(parts.meta as string) as Record<string, unknown>;
    const back = decodeCatalogSnapshot(packParts({ ...parts, meta: JSON.stringify(older) }));
    expect(back.modelExamples).toBe(snapshot.model.examples);
    expect(back.model).toEqual(snapshot.model);
  });
});
