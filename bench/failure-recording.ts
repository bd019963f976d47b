/**
 * What failure knowledge costs the scraping side. (1) The end-to-end scrape of the 35,200-test
 * stream (3,520 failures) with and without failure recording, as an A/B in the same run: two
 * services from the same build, one preloaded with lib/without-failure-recording.js (the recorder
 * adds no finish hook), scraped in turns after WARM_UPS each; the median of `--runs` (5) each. Twice: two `all`
 * processes on SQLite, and two api + worker pairs on one MariaDB database (queues of their own on
 * Redis). Goal: recording adds ≤ 5%. (2) The backfill: 10,000 finished tasks with stored artifacts (copies, in SQL, of one
 * task the service scraped, each under its own URL) and nothing recorded; the time from starting the
 * service until failure_backfill says done, on SQLite (the `all` role) and on MariaDB (an api and a
 * worker). Goal: under a minute. `--parts=recording` or `=backfill` runs one of the two.
 *
 * The MariaDB side reads TEST_DATABASE_URL and TEST_REDIS_URL (as the e2e suite) and recreates
 * that database.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/failure-recording.ts [--runs=5] [--tasks=10000] [--parts=recording,backfill] [--quick]
 */
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { backendEnv, MYSQL_TEST_URL } from '../test/e2e/backend';
import resetTestDatabase from '../test/e2e/global-setup';
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { flag, textFlag } from './lib/args';
import { BenchDb, mysqlDb, sqliteDb } from './lib/bench-db';
import { BenchRow, runBench, seconds } from './lib/report';
import { queueScrape, RunningService, scrapeFinished, startAllOnSqlite, startApiAndWorkers } from './lib/service';
import { tempestLikeStream } from './lib/streams';
import { median } from './lib/timing';

const TESTS = 35_200;
/** One test in ten fails in the tempest-like stream. */
const FAILED = TESTS / 10;
/** Tests in each stored task of the backfill (a tenth of them failed). */
const BACKFILL_TESTS = 100;
const WITHOUT_RECORDING = join(__dirname, 'lib', 'without-failure-recording.js');
/** Uncounted scrapes each side makes first: a worker lives long, and its first scrapes run 1.5-2× slower while V8 compiles the decoder. */
const WARM_UPS = 2;

function occurrencesIn(path: string): number {
  const db = new Database(path, { fileMustExist: true });
  try {
    return (
      db.prepare('SELECT COALESCE(SUM(failures), 0) AS n FROM failure_build_signatures WHERE finished_at IS NOT NULL').get() as {
        n: number;
      }
    ).n;
  } finally {
    db.close();
  }
}

/**
 * Queues a scrape and times it until its finish has committed, as another connection to the
 * database sees it. Not until POST /status says finished: on SQLite the all role's HTTP side shares
 * the worker's one connection, so it can answer `finished` from inside the finish transaction,
 * before the finish hooks (failure recording among them) have run.
 */
async function timedScrape(service: RunningService, path: string, url: string): Promise<number> {
  const started = performance.now();
  const uuid = await queueScrape(service.url, url);
  const db = new Database(path, { fileMustExist: true });
  try {
    const read = db.prepare('SELECT status, message FROM tasks WHERE id = ?');
    for (;;) {
      const row = read.get(uuid) as { status: string; message: string | null };
      if (row.status === 'finished') return performance.now() - started;
      if (row.status === 'error') throw new Error(`the scrape of ${url} failed: ${row.message}`);
      if (performance.now() - started > 300_000) throw new Error(`the scrape of ${url} still ${row.status} after 5 minutes`);
      await new Promise((r) => setTimeout(r, 10));
    }
  } finally {
    db.close();
  }
}

/** One side of the A/B: a running service, how to time a scrape on it until committed, and how many occurrences it holds. */
interface Side {
  service: RunningService;
  timedScrape(url: string): Promise<number>;
  occurrences(): Promise<number>;
}

async function sqliteSide(env: Record<string, string>, path: string, preload: string[] = []): Promise<Side> {
  const service = await startAllOnSqlite({ ...env, DATABASE_URL: `sqlite:${path}` }, preload);
  return { service, timedScrape: (url) => timedScrape(service, path, url), occurrences: () => Promise.resolve(occurrencesIn(path)) };
}

/** An api and a worker on MariaDB + Redis; the two sides share the database, each with its own queue. */
async function mysqlSide(env: Record<string, string>, preload: string[] = []): Promise<Side> {
  const service = await startApiAndWorkers(1, { ...env, QUEUE_PREFIX: `svbench-${randomUUID().slice(0, 8)}` }, preload);
  const tasks: string[] = [];
  return {
    service,
    // there every request has a connection of its own: `finished` is read after the finish committed
    async timedScrape(url) {
      const started = performance.now();
      tasks.push(await scrapeFinished(service.url, url));
      return performance.now() - started;
    },
    async occurrences() {
      const conn = await createConnection({ uri: env.DATABASE_URL });
      try {
        const [rows] = await conn.query(
          'SELECT COALESCE(SUM(failures), 0) AS n FROM failure_build_signatures WHERE finished_at IS NOT NULL AND task_id IN (?)',
          [tasks],
        );
        return Number((rows as { n: number }[])[0].n);
      } finally {
        await conn.end();
      }
    },
  };
}

/** The median `store` stage (the finish transaction, finish hooks included) of the scrapes a service logged. */
function medianStoreMs(service: RunningService): number {
  const stores: number[] = [];
  for (const file of readdirSync(service.logDir)) {
    for (const line of readFileSync(join(service.logDir, file), 'utf8').split('\n')) {
      if (line.includes('"stages"')) stores.push((JSON.parse(line) as { stages: { store: number } }).stages.store);
    }
  }
  return median(stores);
}

async function recordingAB(
  runs: number,
  where: string,
  start: (env: Record<string, string>, preload?: string[]) => Promise<[Side, Side]>,
): Promise<BenchRow> {
  const stream = tempestLikeStream(TESTS);
  const paths = Array.from({ length: 2 * (runs + WARM_UPS) }, (_, i) => `/bench/recording/${i}/`);
  const logs = await startFakeLogServer({ builds: Object.fromEntries(paths.map((p) => [p, stream])) });
  try {
    // The log server compresses the object once, as Swift stores it: not part of any scrape.
    await (await fetch(`${logs.url}${paths[0]}testrepository.subunit`)).arrayBuffer();
    const [recording, without] = await start({ ARTIFACT_HOSTS: logs.host });
    const withMs: number[] = [];
    const withoutMs: number[] = [];
    let recorded: number[] = [];
    let stores: number[] = [];
    try {
      for (let i = runs; i < runs + WARM_UPS; i++) {
        await without.timedScrape(logs.url + paths[2 * i]);
        await recording.timedScrape(logs.url + paths[2 * i + 1]);
      }
      // in turns, so a drift in the machine's load falls on both sides
      for (let i = 0; i < runs; i++) {
        withoutMs.push(await without.timedScrape(logs.url + paths[2 * i]));
        withMs.push(await recording.timedScrape(logs.url + paths[2 * i + 1]));
      }
      // the A/B means something only if one side recorded every failure and the other none
      recorded = [await recording.occurrences(), await without.occurrences()];
      stores = [medianStoreMs(recording.service), medianStoreMs(without.service)];
    } finally {
      await Promise.all([recording.service.stop(), without.service.stop()]);
    }
    if (recorded[0] !== (runs + WARM_UPS) * FAILED || recorded[1] !== 0)
      throw new Error(`recorded ${recorded.join(' and ')} occurrences, not ${(runs + WARM_UPS) * FAILED} and 0`);
    const range = (xs: number[]) => `${seconds(Math.min(...xs))}-${seconds(Math.max(...xs))}`;
    const added = median(withMs) / median(withoutMs) - 1;
    return {
      figure: `end-to-end scrape (${TESTS.toLocaleString('en')} tests, ${FAILED.toLocaleString('en')} failed), ${where}, with failure recording vs without`,
      ours: `${seconds(median(withMs))} (median of ${runs}: ${range(withMs)}), ${added >= 0 ? '+' : ''}${(added * 100).toFixed(1)}%; finish transaction ${Math.round(stores[0])} ms`,
      reference: `without recording ${seconds(median(withoutMs))} (median of ${runs}: ${range(withoutMs)}); finish transaction ${Math.round(stores[1])} ms`,
      ratio: median(withoutMs) / median(withMs),
      goal: 'adds ≤ 5%',
      met: added <= 0.05,
    };
  } finally {
    await logs.close();
  }
}

function onSqlite(env: Record<string, string>): Promise<[Side, Side]> {
  const dir = mkdtempSync(join(tmpdir(), 'svbench-'));
  return Promise.all([sqliteSide(env, join(dir, 'with.sqlite')), sqliteSide(env, join(dir, 'without.sqlite'), [WITHOUT_RECORDING])]);
}

async function onMysql(env: Record<string, string>): Promise<[Side, Side]> {
  await resetTestDatabase();
  const shared = { ...backendEnv(), ...env };
  // one after the other: the first migrates the database
  const recording = await mysqlSide(shared);
  return [recording, await mysqlSide(shared, [WITHOUT_RECORDING])];
}

/** A table's columns, generated ones left out. */
async function columnsOf(db: BenchDb, table: string): Promise<string[]> {
  const rows = await db.all<{ name: string }>(
    db.dialect === 'mysql'
      ? "SELECT column_name AS name FROM information_schema.columns WHERE table_schema = DATABASE() AND table_name = ? AND extra NOT LIKE '%GENERATED%' ORDER BY ordinal_position"
      : 'SELECT name FROM pragma_table_info(?)',
    [table],
  );
  return rows.map((r) => r.name);
}

/**
 * Copies the one finished task (and its artifacts) `copies` times, each under its own URL, in a few
 * INSERT … SELECTs over tables of the copies' ids; then clears what recording keeps, and the
 * backfill's progress, as a database from before failure knowledge.
 */
async function seedStoredTasks(db: BenchDb, copies: number): Promise<void> {
  const [source] = await db.all<{ id: string }>("SELECT id FROM tasks WHERE status = 'finished'");
  const fresh = ['id', 'url', 'dedup_key', 'build_uuid'];
  const taskColumns = (await columnsOf(db, 'tasks')).filter((c) => !fresh.includes(c)).map((c) => `\`${c}\``);
  const artifactColumns = (await columnsOf(db, 'artifacts')).filter((c) => !['id', 'task_id'].includes(c)).map((c) => `\`${c}\``);
  const artifacts = await db.all<{ id: string }>('SELECT id FROM artifacts WHERE task_id = ?', [source.id]);
  const tasks = Array.from({ length: copies - 1 }, (_, i) => [randomUUID(), `copy-${i + 1}/`, randomUUID()]);
  await db.run(
    'CREATE TEMPORARY TABLE bench_task_copies (task_id char(36) NOT NULL, suffix varchar(32) NOT NULL, build_uuid char(36) NOT NULL)',
  );
  await db.run(
    'CREATE TEMPORARY TABLE bench_artifact_copies (source_id char(36) NOT NULL, artifact_id char(36) NOT NULL, task_id char(36) NOT NULL)',
  );
  await db.insertRows('INSERT INTO bench_task_copies (task_id, suffix, build_uuid) VALUES ?', tasks);
  await db.insertRows(
    'INSERT INTO bench_artifact_copies (source_id, artifact_id, task_id) VALUES ?',
    tasks.flatMap(([task]) => artifacts.map((a) => [a.id, randomUUID(), task])),
  );
  await db.run('BEGIN');
  await db.run(
    `INSERT INTO tasks (id, url, dedup_key, build_uuid, ${taskColumns.join(', ')})
     SELECT c.task_id, ${db.dialect === 'mysql' ? 'CONCAT(t.url, c.suffix)' : 't.url || c.suffix'}, NULL, c.build_uuid, ${taskColumns.map((c) => `t.${c}`).join(', ')}
     FROM bench_task_copies c CROSS JOIN tasks t WHERE t.id = ?`,
    [source.id],
  );
  await db.run(
    `INSERT INTO artifacts (id, task_id, ${artifactColumns.join(', ')})
     SELECT m.artifact_id, m.task_id, ${artifactColumns.map((c) => `a.${c}`).join(', ')} FROM bench_artifact_copies m JOIN artifacts a ON a.id = m.source_id`,
  );
  await db.run(
    'INSERT INTO artifact_chunks (artifact_id, seq, data) SELECT m.artifact_id, c.seq, c.data FROM bench_artifact_copies m JOIN artifact_chunks c ON c.artifact_id = m.source_id',
  );
  for (const table of ['failure_tests', 'failure_build_tests', 'failure_build_signatures', 'failure_signatures'])
    await db.run(`DELETE FROM ${table}`);
  await db.run('UPDATE failure_backfill SET last_task = NULL, done = 0, tasks = 0, lease_owner = NULL, lease_until = NULL WHERE id = 1');
  await db.run('COMMIT');
}

/** Where the backfill runs: how to start the service there (again), and a connection to its database. */
interface BackfillSide {
  where: string;
  start(env: Record<string, string>): Promise<RunningService>;
  /** Times a scrape until its finish has committed. */
  scrape(service: RunningService, url: string): Promise<unknown>;
  db(): Promise<BenchDb>;
}

function sqliteBackfill(): BackfillSide {
  const path = join(mkdtempSync(join(tmpdir(), 'svbench-')), 'stackviz.sqlite');
  return {
    where: 'all role on SQLite',
    start: (env) => startAllOnSqlite({ ...env, DATABASE_URL: `sqlite:${path}` }),
    scrape: (service, url) => timedScrape(service, path, url),
    db: () => Promise.resolve(sqliteDb(path)),
  };
}

/** On the MariaDB database, recreated. */
async function mysqlBackfill(): Promise<BackfillSide> {
  await resetTestDatabase();
  const env = { ...backendEnv(), QUEUE_PREFIX: `svbench-${randomUUID().slice(0, 8)}` };
  return {
    where: 'MariaDB, api and a worker process',
    start: (more) => startApiAndWorkers(1, { ...env, ...more }),
    scrape: (service, url) => scrapeFinished(service.url, url),
    db: () => mysqlDb(MYSQL_TEST_URL),
  };
}

async function backfillUntilDone(
  side: BackfillSide,
  env: Record<string, string>,
): Promise<{ ms: number; tasks: number; occurrences: number }> {
  const started = performance.now();
  const service = await side.start(env);
  const db = await side.db();
  try {
    for (;;) {
      const [row] = await db.all<{ done: number; tasks: number }>('SELECT done, tasks FROM failure_backfill WHERE id = 1');
      if (Number(row.done)) {
        const ms = performance.now() - started;
        const [{ n }] = await db.all<{ n: number }>('SELECT COALESCE(SUM(failures), 0) AS n FROM failure_build_signatures');
        return { ms, tasks: Number(row.tasks), occurrences: Number(n) };
      }
      if (performance.now() - started > 600_000) throw new Error(`the backfill read ${row.tasks} tasks in 10 minutes and is not done`);
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    await db.close();
    await service.stop();
  }
}

async function backfill(tasks: number, side: BackfillSide): Promise<BenchRow> {
  const logs = await startFakeLogServer({ builds: { '/bench/backfill/': tempestLikeStream(BACKFILL_TESTS) } });
  try {
    const env = { ARTIFACT_HOSTS: logs.host };
    const first = await side.start(env);
    await Promise.resolve(side.scrape(first, `${logs.url}/bench/backfill/`)).finally(() => first.stop());
    const db = await side.db();
    await seedStoredTasks(db, tasks).finally(() => db.close());
    const done = await backfillUntilDone(side, env);
    return {
      figure: `failure backfill of ${tasks.toLocaleString('en')} stored tasks (${BACKFILL_TESTS} tests, ${BACKFILL_TESTS / 10} failed, each), from the service's start until done, ${side.where}`,
      ours: `${seconds(done.ms)} (${done.tasks.toLocaleString('en')} tasks read, ${done.occurrences.toLocaleString('en')} occurrences)`,
      reference: '',
      ratio: null,
      goal: '< 60 s',
      met: done.ms < 60_000 && done.tasks === tasks,
    };
  } finally {
    await logs.close();
  }
}

export async function failureRecordingBench(): Promise<BenchRow[]> {
  const runs = flag('runs', 5, 1);
  const tasks = flag('tasks', 10_000, 1000);
  const parts = (textFlag('parts') ?? 'recording,backfill').split(',');
  const rows: BenchRow[] = [];
  if (parts.includes('recording')) {
    rows.push(await recordingAB(runs, 'all role on SQLite', onSqlite));
    rows.push(await recordingAB(runs, 'MariaDB + Redis, api and a separate worker process', onMysql));
  }
  if (parts.includes('backfill')) {
    rows.push(await backfill(tasks, sqliteBackfill()));
    rows.push(await backfill(tasks, await mysqlBackfill()));
  }
  return rows;
}

if (require.main === module) runBench(() => failureRecordingBench());
