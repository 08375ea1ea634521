import type { Lexicon } from '../core/lexicon.ts';
import { stableId } from '../core/stable-id.ts';

const fingerprints = new WeakMap<Lexicon, string>();

/**
 * A lexicon's content as a short id, the same in every process: data persisted from a lexicon's fields
 * (a ranking catalog) is stale once the lexicon changes, even though the store has not.
 */
export function lexiconFingerprint(lexicon: Lexicon): string {
  let known = fingerprints.get(lexicon);
  if (known === undefined) {
    const content = lexicon.fieldIds.map((id) => [
      id,
      lexicon.label(id),
      lexicon.terms(id),
      lexicon.related(id),
      lexicon.communities(id),
      lexicon.conferences(id),
    ]);
    known = stableId(JSON.stringify(content));
    fingerprints.set(lexicon, known);
  }
  return known;
}
