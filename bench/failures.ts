/**
 * Failure knowledge's read side under load: 200,000 occurrences of 20,000 signatures (Zipf: a few
 * causes everywhere, most rare) over 5,000 changes and 90 days, written straight into the built
 * service's database once it has migrated it; then 1,000 requests at 8 at a time, half
 * signature-id searches, 30% pasted-line searches and 20% substring searches, then GET
 * /failures/top and GET /failures/{id}. Goals: search p95 ≤ 100 ms, top and id p95 ≤ 200 ms. Once
 * on the `all` role on SQLite, once on an api process on MariaDB (it reads TEST_DATABASE_URL, as
 * the e2e suite, and recreates that database); `--backends=sqlite` or `=mysql` runs one.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/failures.ts [--occurrences=200000] [--backends=sqlite,mysql] [--quick]
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendEnv, MYSQL_TEST_URL } from '../test/e2e/backend';
import resetTestDatabase from '../test/e2e/global-setup';
import { flag, textFlag } from './lib/args';
import { BenchDb, mysqlDb, sqliteDb } from './lib/bench-db';
import { BenchRow, runBench } from './lib/report';
import { RunningService, startAllOnSqlite, startApiAndWorkers } from './lib/service';

const DAY_MS = 24 * 3600 * 1000;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

function signatureText(i: number): string {
  return `nova.exception.ClientException${i % 50}: Unexpected API Error number ${i.toString(36)} (HTTP ${i % 2 ? 500 : 404})\nDetails: (<test>) Server <uuid> failed ${i.toString(36)}x`;
}

/** Occurrence rows written per statement. */
const SEED_BATCH = 2000;

/** Seeds the database; returns every signature id, and those with at least one occurrence (Zipf leaves many rare ones without). */
async function seed(db: BenchDb, occurrences: number, signatures: number, changes: number): Promise<{ ids: string[]; seen: string[] }> {
  const ids = Array.from({ length: signatures }, (_, i) => sha(signatureText(i)).slice(0, 16));
  const now = Date.now();
  const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);
  // Zipf: signature rank r drawn with weight 1/r
  const harmonic: number[] = [];
  let total = 0;
  for (let r = 1; r <= signatures; r++) harmonic.push((total += 1 / r));
  const draw = (u: number) => {
    const x = u * total;
    let lo = 0;
    let hi = signatures - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (harmonic[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const seen = new Set<string>();
  let seedState = 42;
  const rand = () => (seedState = (seedState * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  await db.run('BEGIN');
  await db.insertRows(
    'INSERT INTO failure_signatures (id, signature, example_task, example_test, example_traceback, first_seen, last_seen) VALUES ?',
    ids.map((id, i) => [
      id,
      signatureText(i),
      null,
      `tempest.api.compute.T${i}.test_x`,
      signatureText(i),
      time(now - 90 * DAY_MS),
      time(now),
    ]),
  );
  const testName = (n: number) => `tempest.api.compute.servers.test_servers.ServersTestJSON${n % 97}.test_action_${n % 13}`;
  const names = [...new Set(Array.from({ length: Math.min(occurrences, 97 * 13) }, (_, n) => testName(n)))];
  await db.insertRows(
    'INSERT INTO failure_tests (test) VALUES ?',
    names.map((t) => [t]),
  );
  const testIds = new Map((await db.all<{ id: number; test: string }>('SELECT id, test FROM failure_tests')).map((r) => [r.test, r.id]));
  for (let from = 0; from < occurrences; from += SEED_BATCH) {
    const rows: unknown[][] = [];
    const tests: unknown[][] = [];
    for (let n = from; n < Math.min(occurrences, from + SEED_BATCH); n++) {
      const s = draw(rand());
      seen.add(ids[s]);
      const change = 800000 + Math.floor(rand() * changes);
      const at = now - rand() * 90 * DAY_MS;
      const log = `https://logs.example/${change}/${n}/`;
      const testId = testIds.get(testName(n))!;
      // each occurrence a build of its own: a row per occurrence, the most rows these reads can meet
      rows.push([
        n + 1,
        sha(log).slice(0, 32),
        ids[s],
        1,
        `tempest-full-py3-${n % 20}`,
        `openstack/project${n % 30}`,
        n % 3 ? 'check' : 'gate',
        change,
        1 + (n % 5),
        String(change),
        null,
        log,
        '00000000-0000-4000-8000-000000000000',
        time(at),
        new Date(at).toISOString().slice(0, 10),
      ]);
      tests.push([n + 1, testId]);
    }
    await db.insertRows(
      `INSERT INTO failure_build_signatures (id, build_key, signature_id, failures, job, project, pipeline, change_id, patchset, change_key, build_uuid, log_url, task_id, finished_at, day)
       VALUES ?`,
      rows,
      SEED_BATCH,
    );
    await db.insertRows('INSERT INTO failure_build_tests (build_signature_id, test_id) VALUES ?', tests, SEED_BATCH);
  }
  await db.run('COMMIT');
  return { ids, seen: [...seen] };
}

async function timed(base: string, path: string, body?: unknown): Promise<number> {
  const started = performance.now();
  const res = await fetch(
    base + path,
    body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
  );
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  return performance.now() - started;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

async function load(count: number, concurrency: number, request: (i: number) => Promise<number>): Promise<number[]> {
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) times.push(await request(next++));
    }),
  );
  return times;
}

/** A started service on one backend, a connection to its database for the seed (closed by it), and how to stop the service. */
interface Backend {
  where: string;
  service: RunningService;
  db: BenchDb;
  stop(): Promise<void>;
}

async function onSqlite(): Promise<Backend> {
  const dir = mkdtempSync(join(tmpdir(), 'svbench-failures-'));
  const path = join(dir, 'stackviz.sqlite');
  const service = await startAllOnSqlite({ DATABASE_URL: `sqlite:${path}` });
  const db = sqliteDb(path);
  return {
    where: 'all role on SQLite',
    service,
    db,
    async stop() {
      await service.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function onMysql(): Promise<Backend> {
  await resetTestDatabase();
  // the api process migrates the database; the service's reads are all it serves here
  const service = await startApiAndWorkers(0, { ...backendEnv(), QUEUE_PREFIX: `svbench-${randomUUID().slice(0, 8)}` });
  const db = await mysqlDb(MYSQL_TEST_URL);
  return {
    where: 'api process on MariaDB',
    service,
    db,
    stop: () => service.stop(),
  };
}

async function readsOn(start: () => Promise<Backend>, occurrences: number, requests: number): Promise<BenchRow[]> {
  const signatures = Math.round(occurrences / 10);
  const { where, service, db, stop } = await start();
  try {
    const { ids, seen } = await seed(db, occurrences, signatures, 5000).finally(() => db.close());
    // each kind's times too, to tell which one sets the p95
    const byKind: Record<'ids' | 'pasted lines' | 'substrings', number[]> = { ids: [], 'pasted lines': [], substrings: [] };
    const search = await load(requests, 8, async (i) => {
      const s = i % signatures;
      const [kind, q, days] =
        i % 10 < 5
          ? (['ids', ids[s], 30] as const)
          : i % 10 < 8
            ? ([
                'pasted lines',
                `Details: (ServersTestJSON:test_other) Server 0b7a1c52-6a0e-4a3b-9d8f-2c1e5f4a3b21 failed ${s.toString(36)}x`,
                undefined,
              ] as const)
            : (['substrings', `error number ${s.toString(36)} `, undefined] as const);
      const ms = await timed(service.url, '/failures/search', { q, days });
      byKind[kind].push(ms);
      return ms;
    });
    // the first of each window counts it; the rest find it remembered until an occurrence changes
    const coldTop: number[] = [];
    for (const days of [1, 7, 30]) coldTop.push(await timed(service.url, `/failures/top?days=${days}`));
    const top = await load(Math.round(requests / 5), 8, (i) => timed(service.url, `/failures/top?days=${[1, 7, 30][i % 3]}`));
    const byId = await load(Math.round(requests / 5), 8, (i) => timed(service.url, `/failures/${seen[(i * 7) % seen.length]}`));
    const data = `${occurrences.toLocaleString('en')} occurrences, ${signatures.toLocaleString('en')} signatures (Zipf), 5,000 changes, 90 days, ${where}, 8 at a time`;
    const row = (figure: string, times: number[], goal: number, parts: Record<string, number[]> = {}): BenchRow => ({
      figure: `${figure} (${data})`,
      ours: `p95 ${p95(times).toFixed(0)} ms over ${times.length} requests${
        Object.keys(parts).length === 0
          ? ''
          : ` (${Object.entries(parts)
              .map(([kind, ts]) => `${kind} ${p95(ts).toFixed(0)}`)
              .join(', ')})`
      }`,
      reference: '',
      ratio: null,
      goal: `p95 ≤ ${goal} ms`,
      met: p95(times) <= goal,
    });
    return [
      row('POST /failures/search: 50% ids, 30% pasted lines, 20% substrings', search, 100, byKind),
      row('GET /failures/top (1, 7, 30 days), first of each window, one at a time', coldTop, 200),
      row('GET /failures/top (1, 7, 30 days), after the first', top, 200),
      row('GET /failures/{id}', byId, 200),
    ];
  } finally {
    await stop();
  }
}

export async function failuresBench(
  occurrences = flag('occurrences', 200_000, 50_000),
  requests = flag('requests', 1000, 200),
  backends = (textFlag('backends') ?? 'sqlite,mysql').split(','),
): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  if (backends.includes('sqlite')) rows.push(...(await readsOn(onSqlite, occurrences, requests)));
  if (backends.includes('mysql')) rows.push(...(await readsOn(onMysql, occurrences, requests)));
  return rows;
}

if (require.main === module) runBench(() => failuresBench());
