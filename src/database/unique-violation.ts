import { QueryFailedError } from 'typeorm';

/** An insert that lost a race for a unique key (MySQL's duplicate entry, SQLite's constraint). */
export function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const code = (err.driverError as { code?: string })?.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}
