/**
 * Database errors that say "try again" rather than "this is wrong": a deadlock or lock timeout
 * (InnoDB rolls the victim back whole), a lost or refused connection, SQLite's busy file.
 */
const TRANSIENT_CODES = new Set([
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

function codeOf(err: unknown): string | undefined {
  const e = err as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' ? code : undefined;
}

export function isTransientDatabaseError(err: unknown): boolean {
  const code = codeOf(err);
  if (code !== undefined && TRANSIENT_CODES.has(code)) return true;
  // mysql2 reports a pool whose server went away with these messages and no code.
  return /Connection lost|Can't add new command when connection is in closed state|connect ECONNREFUSED/.test(
    (err as Error)?.message ?? '',
  );
}

export function isDeadlock(err: unknown): boolean {
  return codeOf(err) === 'ER_LOCK_DEADLOCK';
}
