import type { QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

/** The column types and table options the migrations write, per dialect (SQLite has no LONGBLOB or datetime(3)). */
export function columnTypes(q: QueryRunner) {
  const mysql = dialectOf(q.connection) === 'mysql';
  return {
    ts: mysql ? 'datetime(3)' : 'datetime',
    now: mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))",
    bool: mysql ? 'tinyint' : 'boolean',
    blob: mysql ? 'longblob' : 'blob',
    tail: mysql ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci' : '',
  };
}
