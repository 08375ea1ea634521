/**
 * True when a store call failed only because another connection held the write lock past the busy
 * timeout (better-sqlite3 sets `code`; D1 names it in the message): a retry shortly after succeeds.
 */
export function isStoreBusy(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as Error & { code?: unknown }).code;
  return (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) || /\bSQLITE_BUSY\b/.test(error.message);
}
