import { get, IncomingHttpHeaders } from 'node:http';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../../src/bootstrap';
import { AppConfig } from '../../src/config/app-config';
import { loadConfig } from '../../src/config/load-config';
import { AppLogger } from '../../src/logging/app-logger';
import { backendEnv } from './backend';
import { NO_UPSTREAMS } from './service-process';

export interface BootedApp {
  app: NestFastifyApplication;
  baseUrl: string;
  config: AppConfig;
  dataSource: DataSource;
  close(): Promise<void>;
}

/**
 * Boots the real app (same bootstrap as main.ts) on 127.0.0.1 and a random port, on the backend
 * this run tests (MariaDB + Redis or SQLite + in-process queue), with an empty database.
 * `env` overrides anything, e.g. GERRIT_URL pointing at the fake upstream. The per-client rate
 * limit is off unless `env` sets RATE_LIMIT_PER_MINUTE: every test client is 127.0.0.1. Gerrit and
 * Zuul are nowhere (NO_UPSTREAMS) unless `env` points them at fakes.
 */
export async function bootApp(
  env: Record<string, string> = {},
  opts: { role?: 'all' | 'api'; keepTables?: boolean } = {},
): Promise<BootedApp> {
  const config = loadConfig(
    {
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'error',
      ...backendEnv(),
      ...NO_UPSTREAMS,
      PORT: '0',
      HOST: '127.0.0.1',
      RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    },
    [`--role=${opts.role ?? 'all'}`],
  );
  const app = await createHttpApp(config, new AppLogger('pretty', config.logLevel, process.stderr));
  const dataSource = app.get<DataSource>(getDataSourceToken());
  if (!opts.keepTables) await clearTables(dataSource);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { app, baseUrl: `http://127.0.0.1:${port}`, config, dataSource, close: () => app.close() };
}

/** Every table a test may fill, children before their parents. */
export const TEST_TABLES = [
  'watched_builds',
  'watch_state',
  'insight_tests',
  'insight_runs',
  'insights',
  'artifact_chunks',
  'artifacts',
  'tasks',
  'failure_tests',
  'failure_build_tests',
  'failure_build_signatures',
  'failure_signatures',
  'failure_rules',
];

export async function clearTables(dataSource: DataSource): Promise<void> {
  for (const table of TEST_TABLES) await dataSource.query(`DELETE FROM ${table}`);
  // test names went as a purge takes them: a running service forgets the ids it knew
  await dataSource.query('UPDATE failure_test_name_purges SET purges = purges + 1 WHERE id = 1');
}

/** POSTs JSON and returns status, headers and parsed body. */
export async function postJson(baseUrl: string, path: string, body: unknown): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON: keep the text */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}

/** Polls /status until the task leaves queued/running, or fails after `timeoutMs`. */
export async function waitForTask(baseUrl: string, uuid: string, timeoutMs = 30000): Promise<{ status: string; message: string | null }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await postJson(baseUrl, '/status', { q: uuid });
    if (body.status === 'finished' || body.status === 'error') return body;
    if (Date.now() > deadline) throw new Error(`task ${uuid} still ${body.status} after ${timeoutMs} ms (${body.stage})`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A GET through node:http, which (unlike fetch) neither asks for nor decodes gzip on its own. */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}
