import type { StoredEvent } from '../core/event.ts';
import { jsonWithMaps, type PackedPart, packParts, parseWithMaps, unpackParts } from '../core/packed-bytes.ts';
import type { CatalogParts } from './catalog.ts';
import type { LearnedArrays } from './learned-signal.ts';
import { packEvents, unpackEvents } from './packed-events.ts';
import type { TopicModelState } from './topic-model.ts';

/** A ranking catalog as a new process needs it: its events, what was worked out from them, the model. */
export interface CatalogSnapshot {
  events: StoredEvent[];
  parts: CatalogParts;
  /**
   * Read back, parsed when first asked: a ranking asks the model only to word the learned reasons of the
   * picks it shows, and its megabyte of JSON took some 20 ms of a cold `recommend`.
   */
  model: TopicModelState;
  /** The model's examples, known without parsing it. */
  modelExamples: number;
}

interface Meta {
  terms: string[];
  totalLength: number;
  fieldNames: string[];
  learnedFields: string[];
  /** Absent from entries written before it was kept here: the model is parsed to tell. */
  modelExamples?: number;
}

/** Ragged arrays (one per term, one per field) as one flat array and where each starts. */
function flatten<T extends Int32Array | Uint8Array | Float32Array>(
  lists: readonly T[],
  make: (length: number) => T,
): { flat: T; offsets: Uint32Array } {
  const offsets = new Uint32Array(lists.length + 1);
  lists.forEach((list, i) => {
    offsets[i + 1] = offsets[i]! + list.length;
  });
  const flat = make(offsets[lists.length]!);
  lists.forEach((list, i) => {
    flat.set(list, offsets[i]!);
  });
  return { flat, offsets };
}

function split<T extends Int32Array | Uint8Array | Float32Array>(flat: T, offsets: Uint32Array): T[] {
  const out: T[] = [];
  for (let i = 0; i + 1 < offsets.length; i++) out.push(flat.subarray(offsets[i]!, offsets[i + 1]!) as T);
  return out;
}

export function encodeCatalogSnapshot({ events, parts, model, modelExamples }: CatalogSnapshot): Uint8Array {
  const { postings, fieldSets, learned } = parts;
  const docs = flatten(postings.docsByTerm, (n) => new Int32Array(n));
  const tfs = flatten(postings.tfsByTerm, (n) => new Uint8Array(n));
  const columns = [...learned.values()];
  const learnedEvents = flatten(
    columns.map((c) => c.events),
    (n) => new Int32Array(n),
  );
  const learnedStrength = flatten(
    columns.map((c) => c.strength),
    (n) => new Float32Array(n),
  );
  const meta: Meta = {
    terms: [...postings.termIds.keys()],
    totalLength: postings.totalLength,
    fieldNames: fieldSets.names,
    learnedFields: [...learned.keys()],
    modelExamples,
  };
  const packed: Record<string, PackedPart> = {
    meta: JSON.stringify(meta),
    ...packEvents(events),
    model: jsonWithMaps(model),
    termOffsets: docs.offsets,
    termDocs: docs.flat,
    termTfs: tfs.flat,
    lengths: postings.lengths,
    setOffsets: fieldSets.offsets,
    setFields: fieldSets.fields,
    setOfEvent: fieldSets.ofEvent,
    learnedOffsets: learnedEvents.offsets,
    learnedEvents: learnedEvents.flat,
    learnedStrength: learnedStrength.flat,
    rankableStartMs: parts.rankableStartMs,
    byStart: parts.byStart,
    endMs: parts.endMs,
  };
  return packParts(packed);
}

export function decodeCatalogSnapshot(bytes: Uint8Array): CatalogSnapshot {
  const p = unpackParts(bytes);
  const meta = JSON.parse(p.meta as string) as Meta;
  const termOffsets = p.termOffsets as Uint32Array;
  const learnedOffsets = p.learnedOffsets as Uint32Array;
  const learnedEvents = split(p.learnedEvents as Int32Array, learnedOffsets);
  const learnedStrength = split(p.learnedStrength as Float32Array, learnedOffsets);
  const learned: LearnedArrays = new Map(
    meta.learnedFields.map((field, i) => [field, { events: learnedEvents[i]!, strength: learnedStrength[i]! }]),
  );
  let model: TopicModelState | undefined;
  const parsedModel = () => (model ??= parseWithMaps(p.model as string) as TopicModelState);
  return {
    events: unpackEvents(p),
    get model() {
      return parsedModel();
    },
    modelExamples: meta.modelExamples ?? parsedModel().examples,
    parts: {
      postings: {
        termIds: new Map(meta.terms.map((term, i) => [term, i])),
        docsByTerm: split(p.termDocs as Int32Array, termOffsets),
        tfsByTerm: split(p.termTfs as Uint8Array, termOffsets),
        lengths: p.lengths as Float32Array,
        totalLength: meta.totalLength,
      },
      fieldSets: {
        names: meta.fieldNames,
        offsets: p.setOffsets as Uint32Array,
        fields: p.setFields as Uint16Array,
        ofEvent: p.setOfEvent as Uint32Array,
      },
      learned,
      rankableStartMs: p.rankableStartMs as Float64Array,
      byStart: p.byStart as Int32Array,
      endMs: p.endMs as Float64Array,
    },
  };
}
