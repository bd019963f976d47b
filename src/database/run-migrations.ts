import { DataSource } from 'typeorm';
import { dialectOf } from './dialect';

const LOCK_NAME = 'stackviz_deployer_migrations';

/**
 * Runs pending migrations. On MySQL several processes may start at once, and migrations take no
 * lock of their own, so they run under a named lock; SQLite mode is a single process.
 */
export async function runMigrations(dataSource: DataSource): Promise<string[]> {
  if (dialectOf(dataSource) === 'sqlite') {
    return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
  }
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }] = await runner.query('SELECT GET_LOCK(?, 120) AS locked', [LOCK_NAME]);
    if (Number(locked) !== 1) throw new Error('timed out waiting for another process to finish migrations');
    try {
      return (await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name);
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [LOCK_NAME]);
    }
  } finally {
    await runner.release();
  }
}
