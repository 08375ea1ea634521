// Sentences of licence or legal boilerplate: address books exported by tools (and test data copied into
// notes) carry them, and they say nothing about the person ("LOSS OF USE, DATA, OR PROFITS").
const BOILERPLATE =
  /\b(warrant(y|ies)|merchantability|licen[cs](e|es|ed|or|ing)|copyright|liab(le|ility|ilities)|disclaim\w*|permission is hereby granted|all rights reserved|redistribution|indemnif\w*|spdx|terms of (use|service)|provided\b.{0,40}\bas is)\b/i;

function shouted(sentence: string): boolean {
  const letters = sentence.replace(/[^\p{L}]/gu, '');
  return letters.length > 40 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

/**
 * The part of a note that speaks about the person: what fields are read from. Licence texts and other
 * boilerplate are left out sentence by sentence; the note itself is kept as written.
 */
export function personalNote(note: string | undefined): string {
  if (!note) return '';
  return note
    .split(/(?<=[.!?])\s+|\n+/)
    .filter((sentence) => sentence.trim() !== '' && !BOILERPLATE.test(sentence) && !shouted(sentence))
    .join(' ');
}
