import { SingleBar } from 'cli-progress';
import type { SourceReport } from '../usecases/ingest-sources.ts';

export interface Progress {
  update(report: SourceReport): void;
  stop(): void;
}

export function describe(report: SourceReport): string {
  const label = report.name ?? report.source;
  if (report.status === 'error') return `${label}: error ${report.error?.kind}: ${report.error?.message}`;
  if (report.status === 'skipped') return `${label}: skipped (${report.warnings[0] ?? ''})`;
  const c = report.counts;
  return `${label}: ${report.status} (${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.cancelled} cancelled)`;
}

/** A bar when a person watches a terminal; one plain line a source for logs and pipes. */
export function createProgress(
  total: number,
  stream: NodeJS.WriteStream,
  { quiet, ci }: { quiet: boolean; ci: boolean },
): Progress {
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
  let done = 0;
  return {
    update: (r) => {
      done++;
      if (!quiet) stream.write(`[${done}/${total}] ${describe(r)}\n`);
    },
    stop: () => {},
  };
}
