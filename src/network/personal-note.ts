// Licence and legal boilerplate, recognised by the formulas that grant, disclaim or reserve rights, not
// by a word: address books exported by tools (and test data copied into notes) carry licence texts,
// while a note about a licensing expert or a copyright lawyer speaks about the person.
const BOILERPLATE = [
  /\bpermission is hereby granted\b/i,
  /\b(this|the) (software|work|program|library|code|material|content)\b.{0,80}\bis provided\b/i,
  /\bprovided\b.{0,60}["'“‘`]\s*as[\s-]+is\s*["'”’`]/i,
  /\blicensed under\b/i,
  /\b(released|distributed|available|published|offered|made available) under (the |a )?(terms of (the )?)?[\w .,-]{0,60}licen[cs]e\b/i,
  /\bunder (a|the) creative commons\b/i,
  /\bSPDX-License-Identifier\s*:/i,
  /\ball rights reserved\b/i,
  /\bwithout (any )?warrant(y|ies)\b/i,
  /\bwarranties of merchantability\b|\bfitness for a particular purpose\b/i,
  /\bin no event shall\b/i,
  /\bredistribution and use in source and binary forms\b/i,
  /\bthe above copyright notice\b/i,
  /(\bcopyright\b|©)\s*(\(c\)|©)?\s*(19|20)\d{2}\b/i,
  /\bthis (program|library|file) is free software\b/i,
];

/**
 * The part of an imported note that speaks about the person: what fields are read from. Sentences of
 * licence or legal boilerplate are left out one by one; the note itself is kept as written.
 */
export function personalNote(note: string | undefined): string {
  if (!note) return '';
  return note
    .split(/(?<=[.!?])\s+|\n+/)
    .filter((sentence) => sentence.trim() !== '' && !BOILERPLATE.some((formula) => formula.test(sentence)))
    .join(' ');
}
