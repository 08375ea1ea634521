/** How many line feeds lie in `text` from `from` up to (not including) `to`: line numbers for warnings. */
export function newlinesBetween(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

/** The 1-based line `offset` is on. */
export function lineAt(text: string, offset: number): number {
  return 1 + newlinesBetween(text, 0, offset);
}
