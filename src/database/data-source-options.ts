import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/app-config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one DataSource definition, shared by Nest's TypeOrmModule and the CLI's ormconfig.ts. */
export function buildDataSourceOptions(db: DatabaseConfig): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: false, synchronize: false, logging: false } as const;
  if (db.type === 'sqlite') {
    if (db.path !== ':memory:') mkdirSync(dirname(db.path), { recursive: true });
    return { ...common, type: 'better-sqlite3', database: db.path, enableWAL: true, timeout: 10000 };
  }
  return {
    ...common,
    type: 'mysql',
    url: db.url,
    charset: 'utf8mb4',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: false,
    extra: { connectionLimit: 10 },
  };
}

/** SQLite's clock to the millisecond, as the migrations' column defaults and MySQL's datetime(3) keep it. */
const SQLITE_NOW_MS = "strftime('%Y-%m-%d %H:%M:%f', 'now')";

/**
 * A DataSource for these options. On SQLite, TypeORM writes created_at and updated_at with
 * `datetime('now')`, whole seconds: the queue time a scrape logs and the order of runs started in
 * the same second would be lost, so the driver is told to keep milliseconds (before its metadata,
 * which reads these, is built).
 */
export function createDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource(options);
  if (options.type === 'better-sqlite3') {
    dataSource.driver.mappedDataTypes.createDateDefault = SQLITE_NOW_MS;
    dataSource.driver.mappedDataTypes.updateDateDefault = SQLITE_NOW_MS;
  }
  return dataSource;
}
