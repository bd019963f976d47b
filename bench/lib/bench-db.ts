import Database from 'better-sqlite3';
import { createConnection } from 'mysql2/promise';

/** A bench's own connection to the service's database, on either dialect, for seeding it and watching it. */
export interface BenchDb {
  dialect: 'sqlite' | 'mysql';
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** `sql` once per batch of `rows` (each `columns` values), each batch's VALUES list in place of `VALUES ?`. */
  insertRows(sql: string, rows: readonly unknown[][], batch?: number): Promise<void>;
  close(): Promise<void>;
}

function valuesList(rows: readonly unknown[][]): string {
  return rows.map((r) => `(${r.map(() => '?').join(', ')})`).join(', ');
}

async function insertInBatches(db: BenchDb, sql: string, rows: readonly unknown[][], batch: number): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    const part = rows.slice(i, i + batch);
    await db.run(sql.replace('VALUES ?', `VALUES ${valuesList(part)}`), part.flat());
  }
}

export function sqliteDb(path: string): BenchDb {
  const db = new Database(path, { fileMustExist: true });
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 10000');
  const self: BenchDb = {
    dialect: 'sqlite',
    all: <T>(sql: string, params: unknown[] = []) => Promise.resolve(db.prepare(sql).all(...params) as T[]),
    run: (sql, params = []) => {
      db.prepare(sql).run(...params);
      return Promise.resolve();
    },
    // SQLite binds at most 32,766 values a statement
    insertRows: (sql, rows, batch = Math.floor(32_766 / Math.max(1, rows[0]?.length ?? 1))) => insertInBatches(self, sql, rows, batch),
    close: () => Promise.resolve(void db.close()),
  };
  return self;
}

export async function mysqlDb(uri: string): Promise<BenchDb> {
  const conn = await createConnection({ uri, timezone: 'Z', dateStrings: true });
  const self: BenchDb = {
    dialect: 'mysql',
    all: async <T>(sql: string, params: unknown[] = []) => (await conn.query(sql, params))[0] as T[],
    run: async (sql, params = []) => void (await conn.query(sql, params)),
    insertRows: (sql, rows, batch = 2000) => insertInBatches(self, sql, rows, batch),
    close: () => conn.end(),
  };
  return self;
}
