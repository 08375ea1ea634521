// A warning about one event or feed item names it first: `event "uid": what`, `item "id": what`, or a
// position (`event #3`). Its excerpts are quoted and escaped (excerpt.ts), so a quote ends them.
const PER_ITEM = /^(event|item) ("(?:[^"\\]|\\.)*"|#\d+): ([\s\S]*)$/;
const EXCERPT = /"(?:[^"\\]|\\.)*"/g;

/**
 * One line per kind of problem instead of one per event: a 2,000-event export with the same flaw in
 * every series says so once, naming the first few, and the source's notes about the whole file come
 * first, so a store that keeps the first 50 warnings keeps them.
 */
export function groupWarnings(warnings: string[], named = 3): string[] {
  const general: string[] = [];
  const groups = new Map<string, { kind: string; what: string; labels: string[] }>();
  for (const warning of warnings) {
    const match = PER_ITEM.exec(warning);
    if (!match) {
      if (!general.includes(warning)) general.push(warning);
      continue;
    }
    const [, kind, label, what] = match as unknown as [string, string, string, string];
    // The same problem with other values quoted (two invalid EXDATEs) is still one kind.
    const key = `${kind} ${what.replace(EXCERPT, '""')}`;
    const group = groups.get(key);
    if (!group) groups.set(key, { kind, what, labels: [label] });
    else if (!group.labels.includes(label)) group.labels.push(label);
  }
  const grouped = [...groups.values()].map(({ kind, what, labels }) =>
    labels.length === 1
      ? `${kind} ${labels[0]}: ${what}`
      : `${labels.length.toLocaleString('en-US')} ${kind}s: ${what} (first: ${labels.slice(0, named).join(', ')}${labels.length > named ? ', …' : ''})`,
  );
  return [...general, ...grouped];
}
