import { createConnection } from 'mysql2/promise';
import { assertTestDatabase, BACKEND, MYSQL_TEST_URL } from './backend';

/** A fresh, empty test database for the MariaDB run; the app's own start-up migrates it. */
export default async function globalSetup(): Promise<void> {
  if (BACKEND !== 'mysql') return;
  assertTestDatabase(MYSQL_TEST_URL);
  const url = new URL(MYSQL_TEST_URL);
  const name = url.pathname.slice(1);
  url.pathname = '/';
  const conn = await createConnection({ uri: url.toString() });
  try {
    await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await conn.end();
  }
}
