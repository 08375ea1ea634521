export function generateIcs(
  dir: string,
  nowMs: number,
  options?: { series?: number; overrides?: number; total?: number },
): string;
export function generateRss(dir: string, nowMs: number, items?: number): string;
