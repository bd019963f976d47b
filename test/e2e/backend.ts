import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The e2e suite runs twice: on MariaDB + Redis (default) and on SQLite + the in-process queue. */
export type Backend = 'mysql' | 'sqlite';
export const BACKEND: Backend = process.env.E2E_BACKEND === 'sqlite' ? 'sqlite' : 'mysql';
export const MYSQL_TEST_URL = process.env.TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306/stackviz_test';
export const REDIS_TEST_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0';

export function assertTestDatabase(url: string): void {
  const name = new URL(url).pathname.slice(1);
  if (!name.includes('test')) throw new Error(`refusing to run tests against database "${name}": its name must contain "test"`);
}

/** DATABASE_URL / REDIS_URL / QUEUE_PREFIX for one app (or group of processes) under test. */
export function backendEnv(): Record<string, string> {
  const prefix = `svtest-${randomBytes(4).toString('hex')}`;
  if (BACKEND === 'sqlite') {
    return { DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'svtest-')), 'stackviz.sqlite')}`, QUEUE_PREFIX: prefix };
  }
  return { DATABASE_URL: MYSQL_TEST_URL, REDIS_URL: REDIS_TEST_URL, QUEUE_PREFIX: prefix };
}
