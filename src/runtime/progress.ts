import { SingleBar } from 'cli-progress';
import type { SourceReport } from '../usecases/ingest-sources.ts';
import type { OutsideWindow } from '../usecases/outside-window.ts';

export interface Progress {
  update(report: SourceReport): void;
  stop(): void;
}

function outsideText(outside: OutsideWindow): string {
  const sides = [
    outside.before > 0 ? `${outside.before} before the window` : '',
    outside.after > 0 ? `${outside.after} after it` : '',
  ].filter(Boolean);
  const flags = [outside.from ? `--from ${outside.from}` : '', outside.to ? `--to ${outside.to}` : ''].filter(Boolean);
  const total = outside.before + outside.after;
  return `${total} ${total === 1 ? 'entry lies' : 'entries lie'} outside the window (${sides.join(', ')}); ${flags.join(' ')} would include ${total === 1 ? 'it' : 'them'}`;
}

/** One line for a source; `label` tells it apart from others of the same name. */
export function describe(report: SourceReport, label = report.name ?? report.source): string {
  if (report.status === 'error') return `${label}: error ${report.error?.kind}: ${report.error?.message}`;
  if (report.status === 'skipped') return `${label}: skipped (${report.warnings[0] ?? ''})`;
  const c = report.counts;
  const counts = `${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.cancelled} cancelled${c.withdrawn > 0 ? `, ${c.withdrawn} withdrawn` : ''}`;
  return `${label}: ${report.status} (${counts})${report.outsideWindow ? `; ${outsideText(report.outsideWindow)}` : ''}`;
}

/** Where a source comes from, in short: the host of a URL, the file name of a path. */
function origin(location: string): string {
  if (/^https?:\/\//i.test(location)) return new URL(location).host;
  return location.split(/[\\/]/).pop() || location;
}

/**
 * The label of each report: its name, and where two sources share a name (two calendars both called
 * "Events"), its host or file name too, or its whole location when even those are the same.
 */
export function sourceLabels(reports: SourceReport[]): string[] {
  const countBy = (labels: string[]) => {
    const counts = new Map<string, number>();
    for (const label of labels) counts.set(label, (counts.get(label) ?? 0) + 1);
    return counts;
  };
  const names = reports.map((r) => r.name ?? r.source);
  const nameCounts = countBy(names);
  const short = reports.map((r, i) =>
    nameCounts.get(names[i]!)! > 1 ? `${names[i]} (${origin(r.source)})` : names[i]!,
  );
  const shortCounts = countBy(short);
  return reports.map((r, i) => (shortCounts.get(short[i]!)! > 1 ? `${names[i]} (${r.source})` : short[i]!));
}

/**
 * A bar while a person watches a terminal. Otherwise nothing: the command prints one line a source
 * when the run is over, and printing each as it came too would say everything twice in a log.
 */
export function createProgress(total: number, stream: NodeJS.WriteStream, { ci }: { ci: boolean }): Progress {
  if (stream.isTTY && !ci && total > 1) {
    const bar = new SingleBar({
      stream,
      format: 'ingesting [{bar}] {value}/{total} sources | {last}',
      hideCursor: true,
      clearOnComplete: true,
    });
    bar.start(total, 0, { last: '' });
    return { update: (r) => bar.increment({ last: (r.name ?? r.source).slice(-40) }), stop: () => bar.stop() };
  }
  return { update: () => {}, stop: () => {} };
}
