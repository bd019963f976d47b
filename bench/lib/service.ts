import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, NO_UPSTREAMS } from '../../test/e2e/service-process';

const DIST = join(__dirname, '..', '..', 'dist');

/** The built service (dist/) as OS processes, configured as production runs it. */
export interface RunningService {
  url: string;
  /** Where the processes' logs go (JSON lines): a file, so writing them costs what it costs in production. */
  logDir: string;
  processes: ChildProcess[];
  stop(): Promise<void>;
}

/**
 * Production logging and no rate limit: a benchmark is one client hammering one host. Gerrit and
 * Zuul are nowhere unless a bench passes its fakes: nothing leaves the machine.
 */
const PRODUCTION = { NODE_ENV: 'production', LOG_FORMAT: 'json', RATE_LIMIT_PER_MINUTE: '0', ...NO_UPSTREAMS };

/**
 * One `all` process on a fresh SQLite file: the zero-config deployment. `dist`: another build of
 * the service (a directory laid out as dist/, where Node finds this repository's node_modules).
 */
export async function startAllOnSqlite(env: Record<string, string> = {}, preload: string[] = [], dist = DIST): Promise<RunningService> {
  const dir = mkdtempSync(join(tmpdir(), 'svbench-'));
  return start(dir, [[]], { DATABASE_URL: `sqlite:${join(dir, 'stackviz.sqlite')}`, ...env }, preload, dist);
}

/** An api process and `workers` worker processes on MariaDB + Redis (env holds DATABASE_URL, REDIS_URL, QUEUE_PREFIX). */
export function startApiAndWorkers(
  workers: number,
  env: Record<string, string>,
  preload: string[] = [],
  dist = DIST,
): Promise<RunningService> {
  const dir = mkdtempSync(join(tmpdir(), 'svbench-'));
  return start(dir, [['--role=api'], ...Array.from({ length: workers }, () => ['--role=worker'])], env, preload, dist);
}

/** An api, `workers` workers and a watcher (env holds its WATCH_* settings) on MariaDB + Redis; the watcher is the last process. */
export function startApiWorkersAndWatcher(workers: number, env: Record<string, string>): Promise<RunningService> {
  const dir = mkdtempSync(join(tmpdir(), 'svbench-'));
  return start(dir, [['--role=api'], ...Array.from({ length: workers }, () => ['--role=worker']), ['--role=watcher']], env);
}

/** `preload`: modules each process requires before the service (node -r), to change it for a bench without touching src/. */
async function start(
  logDir: string,
  roles: string[][],
  env: Record<string, string>,
  preload: string[] = [],
  dist = DIST,
): Promise<RunningService> {
  const port = await freePort();
  const processes = roles.map((args, i) => {
    const log = join(logDir, `process-${i}.log`);
    const out = openSync(log, 'a');
    const proc = spawn(process.execPath, [...preload.flatMap((m) => ['-r', m]), join(dist, 'main.js'), ...args], {
      env: { PATH: process.env.PATH ?? '', ...PRODUCTION, HOST: '127.0.0.1', PORT: String(port), ...env },
      stdio: ['ignore', out, out],
    });
    return Object.assign(proc, { log });
  });
  const stop = async () => {
    const running = processes.filter((p) => p.exitCode === null);
    await Promise.all(running.map((p) => new Promise((r) => p.once('exit', r).kill('SIGKILL'))));
  };
  try {
    await Promise.all(processes.map((p) => waitForLog(p, p.log, /listening on|worker started|watcher started/)));
  } catch (err) {
    await stop();
    throw err;
  }
  return { url: `http://127.0.0.1:${port}`, logDir, processes, stop };
}

async function waitForLog(proc: ChildProcess, log: string, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(readFileSync(log, 'utf8'))) {
    if (proc.exitCode !== null) throw new Error(`the service exited ${proc.exitCode}:\n${readFileSync(log, 'utf8')}`);
    if (Date.now() > deadline) throw new Error(`no ${pattern} after ${timeoutMs} ms:\n${readFileSync(log, 'utf8')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function postJson<T = any>(base: string, path: string, body: unknown): Promise<{ status: number; body: T; bytes: Buffer }> {
  const res = await fetch(base + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const bytes = Buffer.from(await res.arrayBuffer());
  return { status: res.status, body: JSON.parse(bytes.toString('utf8')) as T, bytes };
}

/** Queues a scrape of `url` (or a /list entry) and waits for it; returns the uuid, and throws unless it finished. */
export async function scrapeFinished(base: string, url: string | { url: string }, timeoutMs = 300_000): Promise<string> {
  const uuid = await queueScrape(base, url);
  const { status, message } = await waitForTask(base, uuid, timeoutMs);
  if (status !== 'finished') throw new Error(`the scrape of ${JSON.stringify(url)} ended ${status}: ${message}`);
  return uuid;
}

/** POST /scrape; returns the task's uuid. */
export async function queueScrape(base: string, url: string | { url: string }): Promise<string> {
  const { status, body } = await postJson<{ uuid: string }>(base, '/scrape', typeof url === 'string' ? { url } : url);
  if (status !== 202) throw new Error(`/scrape ${JSON.stringify(url)}: ${status} ${JSON.stringify(body)}`);
  return body.uuid;
}

export async function waitForTask(
  base: string,
  uuid: string,
  timeoutMs = 300_000,
  pollMs = 20,
): Promise<{ status: string; message: string | null }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { body } = await postJson<{ status: string; message: string | null }>(base, '/status', { q: uuid });
    if (body.status === 'finished' || body.status === 'error') return body;
    if (Date.now() > deadline) throw new Error(`task ${uuid} still ${body.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
