import type { Dialect } from './dialect';

/**
 * The most values one statement may bind: SQLite's SQLITE_MAX_VARIABLE_NUMBER as better-sqlite3
 * builds it (32,766), MySQL's limit for a prepared statement (65,535; mysql2's text queries have
 * none, but a statement that fits it fits anywhere).
 */
const MAX_BOUND_VALUES: Record<Dialect, number> = { sqlite: 32_766, mysql: 65_535 };

/** The characters of text one statement's values may hold, well under MariaDB's default 16 MiB packet. */
const MAX_VALUE_CHARS = 4 * 1024 * 1024;

/** A multi-row VALUES list: `(?, ?, …)` for each of `rows` rows of `columns` values. */
export function valueRows(rows: number, columns: number): string {
  const row = `(${new Array<string>(columns).fill('?').join(', ')})`;
  return new Array<string>(rows).fill(row).join(', ');
}

/** The inside of an IN list of `n` values. */
export function inList(n: number): string {
  return new Array<string>(n).fill('?').join(', ');
}

function charsOf(values: readonly unknown[]): number {
  let n = 0;
  for (const v of values) n += typeof v === 'string' ? v.length : 8;
  return n;
}

/**
 * `rows` (each the values of one row, `columns` of them) in as few statements as the dialect
 * allows: each batch binds at most its limit of values (`others` of them bound besides the rows)
 * and about 4 MiB of text.
 */
export function statementBatches<T extends readonly unknown[]>(dialect: Dialect, rows: readonly T[], columns: number, others = 0): T[][] {
  const perStatement = Math.floor((MAX_BOUND_VALUES[dialect] - others) / columns);
  const batches: T[][] = [];
  let batch: T[] = [];
  let chars = 0;
  for (const row of rows) {
    const size = charsOf(row);
    if (batch.length > 0 && (batch.length === perStatement || chars + size > MAX_VALUE_CHARS)) {
      batches.push(batch);
      batch = [];
      chars = 0;
    }
    batch.push(row);
    chars += size;
  }
  if (batch.length > 0) batches.push(batch);
  return batches;
}
