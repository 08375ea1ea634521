import type { CoverageGap } from '../../core/gaps.ts';
import type { Lexicon } from '../../core/lexicon.ts';
import type { Profile } from '../../core/profile.ts';
import type { PreparedContact } from '../prepare-contacts.ts';

/** Fewer contacts than this in a field of interest is a gap worth filling. */
export const FEW_CONTACTS = 3;
/** A field next to an interest counts half as much as the interest itself. */
const ADJACENT_FACTOR = 0.5;
/** Neighbouring fields widen the view; more than a handful drown the interests themselves. */
const MAX_ADJACENT = 5;

function describe(label: string, contacts: number, weight: number, adjacentLabel: string | null): string {
  const who =
    contacts === 0 ? `no contacts in ${label}` : `only ${contacts} contact${contacts === 1 ? '' : 's'} in ${label}`;
  return adjacentLabel
    ? `${who}, next to your interest in ${adjacentLabel}`
    : `${who}, an interest of weight ${weight}`;
}

/** A thin field: an interest itself (`adjacentTo` null) or a field next to the interest `adjacentTo`. */
function coverageGap(
  lexicon: Lexicon,
  field: string,
  weight: number,
  contacts: number,
  adjacentTo: string | null,
): CoverageGap {
  const label = lexicon.label(field);
  const adjacentLabel = adjacentTo === null ? null : lexicon.label(adjacentTo);
  const text = describe(label, contacts, weight, adjacentLabel);
  return { field, label, weight, contacts, adjacentTo, score: weight / (1 + contacts), text };
}

/**
 * "Diverse perspectives": the interest fields, and the fields next to them, where the network is
 * thin, weighted by how much the user cares. Scores fall as contacts rise (weight / (1 + contacts)).
 */
export function coverageGaps(profile: Profile, contacts: PreparedContact[], lexicon: Lexicon): CoverageGap[] {
  const counts = new Map<string, number>();
  for (const { fields } of contacts) for (const field of fields) counts.set(field, (counts.get(field) ?? 0) + 1);
  const interests = new Map<string, number>();
  for (const { term, weight } of profile.interests) {
    const field = lexicon.fieldOf(term);
    interests.set(field, Math.max(interests.get(field) ?? 0, weight));
  }
  const gaps: CoverageGap[] = [];
  for (const [field, weight] of interests) {
    const n = counts.get(field) ?? 0;
    if (n >= FEW_CONTACTS || weight === 0) continue;
    gaps.push(coverageGap(lexicon, field, weight, n, null));
  }
  const adjacent = new Map<string, { weight: number; from: string }>();
  for (const [field, weight] of interests) {
    for (const next of lexicon.related(field)) {
      if (interests.has(next) || (counts.get(next) ?? 0) > 0) continue;
      const w = weight * ADJACENT_FACTOR;
      if (w > (adjacent.get(next)?.weight ?? 0)) adjacent.set(next, { weight: w, from: field });
    }
  }
  const strongest = [...adjacent]
    .sort((a, b) => b[1].weight - a[1].weight || a[0].localeCompare(b[0]))
    .slice(0, MAX_ADJACENT);
  for (const [field, { weight, from }] of strongest) gaps.push(coverageGap(lexicon, field, weight, 0, from));
  // On a tie an interest itself comes before a field next to one.
  return gaps.sort(
    (a, b) =>
      b.score - a.score ||
      Number(a.adjacentTo !== null) - Number(b.adjacentTo !== null) ||
      a.field.localeCompare(b.field),
  );
}
