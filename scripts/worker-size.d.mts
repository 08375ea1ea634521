export const GZIP_LIMIT_BYTES: number;
export const STARTUP_LIMIT_MS: number;
export function measureWorker(): {
  modules: string[];
  bytes: number;
  gzipBytes: number;
  gzipLimitBytes: number;
  startupMs: number;
  startupLimitMs: number;
  withinLimits: boolean;
};
