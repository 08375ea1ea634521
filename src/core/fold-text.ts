/** Case, accents, years and punctuation folded away: "RustFest Zürich 2026" and "rustfest zurich" compare equal. */
export function foldText(text: string): string {
  // Plain ASCII has no accents to fold; Unicode normalisation is the slow step.
  const plain = /^[\x00-\x7f]*$/.test(text) ? text : text.normalize('NFKD').replace(/\p{M}/gu, '');
  const lower = plain.toLowerCase();
  // Words of plain letters one space apart, as most names are, are folded already: no year, no punctuation.
  if (/^[a-z]+(?: [a-z]+)*$/.test(lower)) return lower;
  return lower
    .replace(/\b(19|20)\d{2}\b/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
