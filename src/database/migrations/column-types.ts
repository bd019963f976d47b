import type { Database } from 'better-sqlite3';
import type { QueryRunner } from 'typeorm';
import { dialectOf } from '../dialect';

/** The column types and table options the migrations write, per dialect (SQLite has no LONGBLOB or datetime(3)). */
export function columnTypes(q: QueryRunner) {
  const mysql = dialectOf(q.connection) === 'mysql';
  return {
    ts: mysql ? 'datetime(3)' : 'datetime',
    /** An id the database numbers, the table's primary key. */
    serial: mysql ? 'bigint NOT NULL AUTO_INCREMENT PRIMARY KEY' : 'integer NOT NULL PRIMARY KEY AUTOINCREMENT',
    now: mysql ? 'CURRENT_TIMESTAMP(3)' : "(strftime('%Y-%m-%d %H:%M:%f','now'))",
    bool: mysql ? 'tinyint' : 'boolean',
    blob: mysql ? 'longblob' : 'blob',
    tail: mysql ? ' ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci' : '',
  };
}

/** better-sqlite3's connection under TypeORM's, to add the functions SQLite lacks (it has no SHA-256). */
export function sqliteHandle(q: QueryRunner): Database {
  return (q.connection.driver as unknown as { databaseConnection: Database }).databaseConnection;
}
