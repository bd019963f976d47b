import type { DataSource } from 'typeorm';

/** The two databases the service runs on. SQL that differs between them is chosen through this. */
export type Dialect = 'mysql' | 'sqlite';

export function dialectOf(source: Pick<DataSource, 'options'>): Dialect {
  return source.options.type === 'mysql' ? 'mysql' : 'sqlite';
}

/**
 * A row-locking clause for MySQL. SQLite has no row locks and needs none: SQLite mode is one
 * process whose transactions run one after another (see Transactions).
 */
export function rowLock(dialect: Dialect, clause: 'FOR UPDATE' | 'FOR UPDATE SKIP LOCKED' | 'LOCK IN SHARE MODE'): string {
  return dialect === 'mysql' ? ` ${clause}` : '';
}
