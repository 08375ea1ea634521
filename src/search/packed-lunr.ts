import lunr from 'lunr';
import type { PackedPart } from '../core/packed-bytes.ts';

/**
 * A lunr index as typed arrays, loaded lazily: lunr's own JSON of 25,000 events is megabytes of objects
 * (a posting per term and field, a vector per field and document) that a new process parsed and built
 * whole to answer one query touching a handful of terms. Here a posting or a vector becomes an object
 * only when a query reads it; the term set, which every query walks, is built at load as lunr builds it.
 *
 * Documents' refs must be their numbers (`String(n)`), as indexTexts gives them.
 */
interface LunrMeta {
  fields: string[];
  terms: string[];
  pipeline: unknown;
  /** Each field vector's ref in lunr's order (`field/doc`), which an all-negated query lists. */
  vectorCount: number;
}

type Posting = Record<string, unknown>;
type SerialisedIndex = {
  fields: string[];
  fieldVectors: [string, number[]][];
  invertedIndex: [string, Record<string, unknown>][];
  pipeline: unknown;
};

function docNumber(ref: string): number {
  const n = Number(ref);
  if (!Number.isInteger(n) || n < 0 || String(n) !== ref) throw new TypeError(`lunr ref ${ref} is not a number`);
  return n;
}

export function packLunrIndex(index: lunr.Index): Record<string, PackedPart> {
  const json = index.toJSON() as unknown as SerialisedIndex;
  const { fields } = json;
  // Per term and field, where its documents start in `postingDocs`.
  const postingOffsets = new Uint32Array(json.invertedIndex.length * fields.length + 1);
  const termIndex = new Int32Array(json.invertedIndex.length);
  const docs: number[] = [];
  json.invertedIndex.forEach(([, posting], t) => {
    termIndex[t] = posting._index as number;
    fields.forEach((field, f) => {
      const byDoc = posting[field] as Record<string, Record<string, unknown>>;
      for (const [ref, metadata] of Object.entries(byDoc)) {
        if (Object.keys(metadata).length > 0) throw new TypeError('lunr metadata is not packed');
        docs.push(docNumber(ref));
      }
      postingOffsets[t * fields.length + f + 1] = docs.length;
    });
  });
  const vectorField = new Uint16Array(json.fieldVectors.length);
  const vectorDoc = new Int32Array(json.fieldVectors.length);
  const vectorOffsets = new Uint32Array(json.fieldVectors.length + 1);
  const elements: number[] = [];
  json.fieldVectors.forEach(([ref, values], v) => {
    const slash = ref.indexOf('/');
    vectorField[v] = fields.indexOf(ref.slice(0, slash));
    vectorDoc[v] = docNumber(ref.slice(slash + 1));
    elements.push(...values);
    vectorOffsets[v + 1] = elements.length;
  });
  const meta: LunrMeta = {
    fields,
    terms: json.invertedIndex.map(([term]) => term),
    pipeline: json.pipeline,
    vectorCount: json.fieldVectors.length,
  };
  return {
    lunrMeta: JSON.stringify(meta),
    lunrTermIndex: termIndex,
    lunrPostingOffsets: postingOffsets,
    lunrPostingDocs: Int32Array.from(docs),
    lunrVectorField: vectorField,
    lunrVectorDoc: vectorDoc,
    lunrVectorOffsets: vectorOffsets,
    lunrVectorElements: Float64Array.from(elements),
  };
}

export function unpackLunrIndex(parts: Record<string, PackedPart>): lunr.Index {
  const meta = JSON.parse(parts.lunrMeta as string) as LunrMeta;
  const { fields, terms } = meta;
  const termIndex = parts.lunrTermIndex as Int32Array;
  const postingOffsets = parts.lunrPostingOffsets as Uint32Array;
  const postingDocs = parts.lunrPostingDocs as Int32Array;
  const vectorField = parts.lunrVectorField as Uint16Array;
  const vectorDoc = parts.lunrVectorDoc as Int32Array;
  const vectorOffsets = parts.lunrVectorOffsets as Uint32Array;
  const elements = parts.lunrVectorElements as Float64Array;
  if (termIndex.length !== terms.length || vectorDoc.length !== meta.vectorCount)
    throw new RangeError('packed lunr index disagrees with its terms');

  const termNumber = new Map(terms.map((term, t) => [term, t]));
  const invertedIndex = new Proxy(Object.create(null) as Record<string, Posting>, {
    get(known, term) {
      if (typeof term !== 'string') return undefined;
      let posting = known[term];
      const t = termNumber.get(term);
      if (posting === undefined && t !== undefined) {
        posting = { _index: termIndex[t]! };
        fields.forEach((field, f) => {
          const byDoc: Record<string, unknown> = Object.create(null);
          const at = t * fields.length + f;
          for (let k = postingOffsets[at]!; k < postingOffsets[at + 1]!; k++) byDoc[postingDocs[k]!] = {};
          posting![field] = byDoc;
        });
        known[term] = posting;
      }
      return posting;
    },
  });

  const refOf = (v: number) => `${fields[vectorField[v]!]}/${vectorDoc[v]}`;
  // Per document and field, its vector's number (-1: none), so a ref finds its vector without a map of them all.
  const docCount = vectorDoc.reduce((max, doc) => Math.max(max, doc + 1), 0);
  const vectorOf = new Int32Array(docCount * fields.length).fill(-1);
  for (let v = 0; v < vectorDoc.length; v++) vectorOf[vectorDoc[v]! * fields.length + vectorField[v]!] = v;
  const vectorNumber = (ref: string): number => {
    const slash = ref.indexOf('/');
    const field = fields.indexOf(ref.slice(0, slash));
    const doc = Number(ref.slice(slash + 1));
    return field < 0 || !Number.isInteger(doc) || doc < 0 || doc >= docCount
      ? -1
      : vectorOf[doc * fields.length + field]!;
  };
  const vectorAt = (v: number) =>
    new lunr.Vector(Array.from(elements.subarray(vectorOffsets[v]!, vectorOffsets[v + 1]!)));
  let listed = false;
  const fieldVectors = new Proxy({} as Record<string, lunr.Vector>, {
    get(known, ref) {
      if (typeof ref !== 'string') return undefined;
      let vector = known[ref];
      if (vector === undefined) {
        const v = vectorNumber(ref);
        if (v < 0) return undefined;
        vector = vectorAt(v);
        known[ref] = vector;
      }
      return vector;
    },
    // A query of nothing but negated terms lists every vector (in lunr's order): they are all built then.
    ownKeys(known) {
      if (!listed) {
        const all: Record<string, lunr.Vector> = {};
        for (let v = 0; v < meta.vectorCount; v++) all[refOf(v)] = known[refOf(v)] ?? vectorAt(v);
        for (const key of Object.keys(known)) delete known[key];
        Object.assign(known, all);
        listed = true;
      }
      return Reflect.ownKeys(known);
    },
  });

  // @types/lunr lags lunr 2: lunr reads `fieldVectors` (typed `documentVectors`) and has a static fromArray.
  const termSet = lunr.TokenSet as unknown as { fromArray(sorted: string[]): lunr.TokenSet };
  const attributes = {
    fields,
    fieldVectors,
    invertedIndex,
    // lunr's own toJSON lists terms sorted, as the term set needs them.
    tokenSet: termSet.fromArray(terms),
    pipeline: lunr.Pipeline.load(meta.pipeline as object),
  };
  return new lunr.Index(attributes as unknown as lunr.Index.Attributes);
}
