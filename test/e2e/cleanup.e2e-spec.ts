import { spawn } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { createGunzip, gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { ArtifactStore } from '../../src/artifacts/artifact-store';
import { TaskLifecycle } from '../../src/tasks/task-lifecycle';
import { subunitArtifacts } from '../../src/artifacts/parsers';
import { CleanupReport, CleanupService } from '../../src/cleanup/cleanup.service';
import { DAY_MS, databaseTimeAgo } from '../../src/database/db-clock';
import { PURGE_BATCH_TASKS, RetentionPurge } from '../../src/cleanup/retention-purge';
import { AppConfig } from '../../src/config/app-config';
import { BACKEND } from './backend';
import { BootedApp, bootApp, clearTables, postJson } from './harness';

const REPO = join(__dirname, '..', '..');
const TEMPEST_SUBUNIT = join(__dirname, '../fixtures/subunit/devstack-gate-tempest.subunit.gz');
/** No tick during the suite (a test that wants ticks sets its own schedule). */
const NEVER = '0 0 1 1 *';
const MINUTE = 60_000;
/** Two artifacts per seeded task, these stored sizes. */
const BLOB_SIZES = [100, 250];

interface Seed {
  status?: 'queued' | 'running' | 'finished' | 'error';
  /** How long ago created_at is. */
  ageMs: number;
  /** How long ago updated_at (the heartbeat) is; defaults to ageMs. */
  idleMs?: number;
  requeues?: number;
  url?: string;
  /** Stored sizes of the task's artifacts, one chunk each. */
  blobs?: number[];
}

/** Inserts tasks (with artifacts and chunks) directly, with timestamps on the database's clock. */
async function seed(ds: DataSource, count: number, s: Seed): Promise<string[]> {
  const created = await databaseTimeAgo(ds, s.ageMs);
  const updated = await databaseTimeAgo(ds, s.idleMs ?? s.ageMs);
  const ids = Array.from({ length: count }, () => randomUUID());
  for (let i = 0; i < ids.length; i += 200) {
    const slice = ids.slice(i, i + 200);
    await ds.query(
      `INSERT INTO tasks (id, url, dedup_key, status, requeues, created_at, updated_at) VALUES ${slice.map(() => '(?, ?, NULL, ?, ?, ?, ?)').join(', ')}`,
      slice.flatMap((id) => [id, s.url ?? `http://logs.example.test/${id}/`, s.status ?? 'finished', s.requeues ?? 0, created, updated]),
    );
    const blobs = slice.flatMap((taskId) => (s.blobs ?? []).map((size) => ({ taskId, id: randomUUID(), data: randomBytes(size) })));
    if (blobs.length === 0) continue;
    await ds.query(
      `INSERT INTO artifacts (id, task_id, artifact_name, artifact_type, content_type, content_encoding, is_primary, size, sha256)
       VALUES ${blobs.map(() => "(?, ?, 'testrepository.subunit', 'subunit', 'application/json', 'gzip', 1, ?, ?)").join(', ')}`,
      blobs.flatMap((b) => [b.id, b.taskId, b.data.length, createHash('sha256').update(b.data).digest('hex')]),
    );
    await ds.query(
      `INSERT INTO artifact_chunks (artifact_id, seq, data) VALUES ${blobs.map(() => '(?, 0, ?)').join(', ')}`,
      blobs.flatMap((b) => [b.id, b.data]),
    );
  }
  return ids;
}

async function counts(ds: DataSource): Promise<{ tasks: number; artifacts: number; chunks: number }> {
  const n = async (table: string) => Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);
  return { tasks: await n('tasks'), artifacts: await n('artifacts'), chunks: await n('artifact_chunks') };
}

async function orphans(ds: DataSource): Promise<{ artifacts: number; chunks: number }> {
  const [a] = await ds.query('SELECT COUNT(*) AS n FROM artifacts a LEFT JOIN tasks t ON t.id = a.task_id WHERE t.id IS NULL');
  const [c] = await ds.query(
    'SELECT COUNT(*) AS n FROM artifact_chunks c LEFT JOIN artifacts a ON a.id = c.artifact_id WHERE a.id IS NULL',
  );
  return { artifacts: Number(a.n), chunks: Number(c.n) };
}

async function task(
  ds: DataSource,
  id: string,
): Promise<{ status: string; requeues: number; message: string | null; dedup_key: string | null } | undefined> {
  const [row] = await ds.query('SELECT status, requeues, message, dedup_key FROM tasks WHERE id = ?', [id]);
  return row ? { ...row, requeues: Number(row.requeues) } : undefined;
}

/** Env that points another app or process at the same database and queue as `s`. */
function sameBackend(config: AppConfig): Record<string, string> {
  const db = config.database.type === 'mysql' ? config.database.url : `sqlite:${config.database.path}`;
  return { DATABASE_URL: db, QUEUE_PREFIX: config.queuePrefix, ...(config.redisUrl ? { REDIS_URL: config.redisUrl } : {}) };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function runMain(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist/main', ...args], {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe(`cleanup (${BACKEND})`, () => {
  let s: BootedApp;
  let ds: DataSource;
  let cleanup: CleanupService;
  const aged = 8 * DAY_MS;
  const agedBytes = BLOB_SIZES.reduce((a, b) => a + b, 0);

  beforeAll(async () => {
    s = await bootApp({ CLEANUP_CRON: NEVER });
    ds = s.dataSource;
    cleanup = s.app.get(CleanupService);
  });
  afterAll(() => s.close());
  beforeEach(() => clearTables(ds));

  it('removes tasks past RETENTION_DAYS with their artifacts and chunks, in batches, and keeps every task inside the window', async () => {
    const n = 2 * PURGE_BATCH_TASKS + 100;
    await seed(ds, n, { ageMs: aged, blobs: BLOB_SIZES });
    const justInside = await seed(ds, 2, { ageMs: 7 * DAY_MS - MINUTE, blobs: BLOB_SIZES });
    const fresh = await seed(ds, 1, { ageMs: 0, status: 'queued', blobs: [] });

    const report = (await cleanup.runPass())!;

    expect(report.purged).toEqual({ tasks: n, artifacts: 2 * n, bytes: n * agedBytes });
    expect(report.retentionDays).toBe(7);
    expect(await counts(ds)).toEqual({ tasks: 3, artifacts: 4, chunks: 4 });
    for (const id of [...justInside, ...fresh]) expect(await task(ds, id)).toBeDefined();
    expect(await orphans(ds)).toEqual({ artifacts: 0, chunks: 0 });
    // Nothing left to remove: a second pass is a no-op.
    expect((await cleanup.runPass())!.purged).toEqual({ tasks: 0, artifacts: 0, bytes: 0 });
  });

  it("a purged task's cached answers go with it: /status, /task and /blob answer 404 at once in the purging process", async () => {
    const [old] = await seed(ds, 1, { ageMs: aged, blobs: BLOB_SIZES });
    const [kept] = await seed(ds, 1, { ageMs: 0, blobs: BLOB_SIZES });
    const read = async (id: string) => {
      const status = await postJson(s.baseUrl, '/status', { q: id });
      const taskAnswer = await postJson(s.baseUrl, '/task', { q: id });
      const blobs = await Promise.all(
        ((taskAnswer.body.artifacts ?? []) as { id: string }[]).map(async (a) => (await fetch(`${s.baseUrl}/blob/${a.id}`)).status),
      );
      return { status: status.status, task: taskAnswer.status, blobs, artifacts: taskAnswer.body.artifacts as { id: string }[] };
    };
    // Read twice: the second answers come from the caches.
    await read(old);
    const before = await read(old);
    expect(before).toMatchObject({ status: 200, task: 200, blobs: [200, 200] });
    await read(kept);

    expect((await cleanup.runPass())!.purged.tasks).toBe(1);

    expect((await postJson(s.baseUrl, '/status', { q: old })).status).toBe(404);
    expect((await postJson(s.baseUrl, '/task', { q: old })).status).toBe(404);
    for (const a of before.artifacts) expect((await fetch(`${s.baseUrl}/blob/${a.id}`)).status).toBe(404);
    expect(await read(kept)).toMatchObject({ status: 200, task: 200, blobs: [200, 200] });
  });

  it('removes the flake insights that read a purged task (its own, or one of its runs) and keeps the others', async () => {
    const [agedTask, agedRun] = await seed(ds, 2, { ageMs: aged, blobs: BLOB_SIZES });
    const [fresh, freshRun, otherFresh] = await seed(ds, 3, { ageMs: DAY_MS, blobs: BLOB_SIZES });
    /** An insight of `task` reading `runs`, finished with one result row. */
    const insight = async (task: string, runs: string[]): Promise<string> => {
      const id = randomUUID();
      await ds.query("INSERT INTO insights (id, task_id, status, job, builds) VALUES (?, ?, 'finished', 'tempest-full-py3', 20)", [
        id,
        task,
      ]);
      for (const [seq, run] of runs.entries()) {
        await ds.query('INSERT INTO insight_runs (insight_id, seq, task_id, same_change) VALUES (?, ?, ?, ?)', [id, seq, run, 0]);
      }
      await ds.query(
        `INSERT INTO insight_tests (insight_id, seq, name, verdict, cause, signature_id, other_runs, other_failed, other_passed,
           other_skipped, other_changes, other_same_cause, same_runs, same_failed, same_passed, same_skipped, last_failed_task)
           VALUES (?, 0, 't.x', 'flaky', 'ValueError: <n>', '0123456789abcdef', 2, 1, 1, 0, 2, 1, 0, 0, 0, 0, ?)`,
        [id, runs[0]],
      );
      return id;
    };
    const ofAgedTask = await insight(agedTask, [freshRun]);
    const readingAgedRun = await insight(fresh, [freshRun, agedRun]);
    const untouched = await insight(otherFresh, [freshRun]);
    const rows = async (table: string) => Number((await ds.query(`SELECT COUNT(*) AS n FROM ${table}`))[0].n);

    expect((await cleanup.runPass())!.purged.tasks).toBe(2);

    const left: { id: string }[] = await ds.query('SELECT id FROM insights');
    expect(left.map((r) => r.id)).toEqual([untouched]);
    expect(left.map((r) => r.id)).not.toContain(ofAgedTask);
    expect(left.map((r) => r.id)).not.toContain(readingAgedRun);
    expect({ runs: await rows('insight_runs'), tests: await rows('insight_tests') }).toEqual({ runs: 1, tests: 1 });
    expect(await counts(ds)).toEqual({ tasks: 3, artifacts: 6, chunks: 6 });
  });

  it('dry run reports what a purge would remove and deletes nothing', async () => {
    await seed(ds, 30, { ageMs: aged, blobs: BLOB_SIZES });
    await seed(ds, 5, { ageMs: DAY_MS, blobs: BLOB_SIZES });
    const before = await counts(ds);

    const report = (await cleanup.runPass({ dryRun: true }))!;

    expect(report.dryRun).toBe(true);
    expect(report.purged).toEqual({ tasks: 30, artifacts: 60, bytes: 30 * agedBytes });
    expect(await counts(ds)).toEqual(before);
    expect((await cleanup.runPass())!.purged.tasks).toBe(30);
  });

  describe('two cleanups racing', () => {
    // MariaDB: a second app instance on the same database, as a second api process would be.
    // SQLite is one process: both passes run in the one app.
    let other: BootedApp | null = null;
    let otherCleanup: CleanupService;
    let otherPurge: RetentionPurge;
    beforeAll(async () => {
      if (BACKEND === 'mysql') other = await bootApp({ ...sameBackend(s.config), CLEANUP_CRON: NEVER }, { role: 'api' });
      otherCleanup = (other?.app ?? s.app).get(CleanupService);
      otherPurge = (other?.app ?? s.app).get(RetentionPurge);
    });
    afterAll(async () => {
      await other?.close();
    });

    it('scheduled passes: one process does the work, every row is removed once', async () => {
      const n = PURGE_BATCH_TASKS + 50;
      await seed(ds, n, { ageMs: aged, blobs: BLOB_SIZES });
      const reports = await Promise.all([cleanup.runPass(), otherCleanup.runPass()]);
      const ran = reports.filter((r): r is CleanupReport => r !== null);
      expect(ran.length).toBeGreaterThanOrEqual(1);
      const sum = (k: 'tasks' | 'artifacts' | 'bytes') => ran.reduce((a, r) => a + r.purged[k], 0);
      expect([sum('tasks'), sum('artifacts'), sum('bytes')]).toEqual([n, 2 * n, n * agedBytes]);
      expect(await counts(ds)).toEqual({ tasks: 0, artifacts: 0, chunks: 0 });
    });

    it('purges running at once without the lock take disjoint batches: counts add up to the total', async () => {
      const n = 3 * PURGE_BATCH_TASKS + 7;
      await seed(ds, n, { ageMs: aged, blobs: BLOB_SIZES });
      const cutoff = await databaseTimeAgo(ds, 7 * DAY_MS);
      const [a, b] = await Promise.all([s.app.get(RetentionPurge).purge(cutoff), otherPurge.purge(cutoff)]);
      expect({ tasks: a.tasks + b.tasks, artifacts: a.artifacts + b.artifacts, bytes: a.bytes + b.bytes }).toEqual({
        tasks: n,
        artifacts: 2 * n,
        bytes: n * agedBytes,
      });
      expect(await counts(ds)).toEqual({ tasks: 0, artifacts: 0, chunks: 0 });
    });
  });

  it('a purge running while TaskLifecycle.complete() stores tasks neither deletes a fresh task nor leaves orphan blobs', async () => {
    const lifecycle = s.app.get(TaskLifecycle);
    const store = s.app.get(ArtifactStore);
    // Bigger than one 4 MiB chunk, so the fresh task's blob is written as several rows.
    const big = gzipSync(randomBytes(5 * 1024 * 1024), { level: 0 });
    const small = gzipSync(Buffer.from('[]'));
    for (const delayMs of [0, 2, 10, 30]) {
      await clearTables(ds);
      await seed(ds, 2 * PURGE_BATCH_TASKS, { ageMs: aged, blobs: BLOB_SIZES });
      const [fresh] = await seed(ds, 1, { ageMs: 0, status: 'running' });
      // An aged task whose (very late) scrape completes just as it falls out of retention.
      const [late] = await seed(ds, 1, { ageMs: aged, status: 'running' });
      const items = (gzipped: Buffer) => [
        {
          artifactName: 'testrepository.subunit',
          artifactType: 'subunit' as const,
          contentType: 'application/json',
          primary: true,
          gzipped,
        },
      ];

      const purge = cleanup.runPass();
      await new Promise((r) => setTimeout(r, delayMs));
      const [report, freshDone, lateDone] = await Promise.all([
        purge,
        lifecycle.complete(fresh, items(big), { status: 'finished', message: null, warnings: [] }),
        lifecycle.complete(late, items(small), { status: 'finished', message: null, warnings: [] }),
      ]);

      expect(freshDone).toBe(true);
      expect(await task(ds, fresh)).toMatchObject({ status: 'finished' });
      const [meta] = await store.listForTask(fresh);
      const stored: Buffer[] = [];
      for await (const chunk of store.openStored(meta)) stored.push(chunk as Buffer);
      expect(Buffer.concat(stored).equals(big)).toBe(true);
      // The late task is either gone with everything it had, or complete and left for the next pass.
      const lateRow = await task(ds, late);
      if (lateRow) expect({ lateRow, lateDone }).toMatchObject({ lateRow: { status: 'finished' }, lateDone: true });
      expect(report!.purged.tasks).toBe(2 * PURGE_BATCH_TASKS + (lateRow ? 0 : 1));
      expect(await orphans(ds)).toEqual({ artifacts: 0, chunks: 0 });
    }
  });

  it('re-queues a task stuck in running once, then marks it error; re-enqueues queued tasks missing from the queue', async () => {
    // Hosts outside ARTIFACT_HOSTS: a re-run ends at once, with the scrape's own error.
    const url = (name: string) => `http://127.0.0.1:9/${name}/`;
    const [stuckOnce] = await seed(ds, 1, { status: 'running', ageMs: 2 * MINUTE * 30, idleMs: 31 * MINUTE, url: url('once') });
    const [stuckTwice] = await seed(ds, 1, {
      status: 'running',
      ageMs: 3 * MINUTE * 30,
      idleMs: 31 * MINUTE,
      requeues: 1,
      url: url('twice'),
    });
    const [slow] = await seed(ds, 1, { status: 'running', ageMs: 40 * MINUTE, idleMs: 5 * MINUTE, url: url('slow') });
    const [orphan] = await seed(ds, 1, { status: 'queued', ageMs: 10 * MINUTE, url: url('orphan') });

    const dry = (await cleanup.runPass({ dryRun: true }))!;
    expect(dry.repair).toEqual({ kind: 'would-repair', requeued: 1, failed: 1 });
    expect(await task(ds, stuckOnce)).toMatchObject({ status: 'running', requeues: 0 });

    const report = (await cleanup.runPass())!;
    expect(report.repair).toEqual({ kind: 'repaired', requeued: 1, failed: 1, orphansRequeued: 1 });

    const twice = await task(ds, stuckTwice);
    expect(twice).toMatchObject({ status: 'error', requeues: 1, dedup_key: null });
    expect(twice!.message).toMatch(/stuck twice with no progress/);
    expect(twice!.message).toMatch(/30 minutes/);
    expect(await task(ds, slow)).toMatchObject({ status: 'running', requeues: 0 });
    expect((await task(ds, stuckOnce))!.requeues).toBe(1);
    // Both really went back to a worker: the scrape ran again and ended with its own verdict.
    for (const id of [stuckOnce, orphan]) {
      await until(`task ${id} to be scraped again`, async () => (await task(ds, id))!.status === 'error');
      expect((await task(ds, id))!.message).not.toMatch(/stuck/);
    }
    // The re-queued task is not stuck any more (its heartbeat restarted): nothing more to repair.
    expect((await cleanup.runPass())!.repair).toEqual({ kind: 'repaired', requeued: 0, failed: 0, orphansRequeued: 0 });
  });

  it('runs on CLEANUP_CRON in the all/api roles', async () => {
    const ticking = await bootApp({ ...sameBackend(s.config), CLEANUP_CRON: '* * * * * *' }, { role: BACKEND === 'mysql' ? 'api' : 'all' });
    try {
      const [old] = await seed(ticking.dataSource, 1, { ageMs: aged, blobs: BLOB_SIZES });
      await until('the scheduled purge', async () => (await task(ticking.dataSource, old)) === undefined, 5000);
    } finally {
      await ticking.close();
    }
  });

  it('GET /health/storage reports tasks, blobs, bytes, the oldest task and counts by status', async () => {
    await seed(ds, 3, { ageMs: 2 * DAY_MS, blobs: BLOB_SIZES });
    await seed(ds, 2, { ageMs: DAY_MS, status: 'error' });
    await seed(ds, 1, { ageMs: 0, status: 'queued' });
    const oldest = new Date(`${(await databaseTimeAgo(ds, 2 * DAY_MS)).replace(' ', 'T')}Z`).getTime();

    const res = await fetch(`${s.baseUrl}/health/storage`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({
      tasks: 6,
      artifacts: 6,
      blob_bytes: 3 * agedBytes,
      by_status: { queued: 1, running: 0, finished: 3, error: 2 },
    });
    expect(Math.abs(Date.parse(body.oldest_task_at) - oldest)).toBeLessThan(5000);

    const doc = await (await fetch(`${s.baseUrl}/docs-json`)).json();
    expect(doc.paths['/health/storage'].get.responses['200']).toBeDefined();
    expect(doc.components.schemas.StorageReportDto.properties).toHaveProperty('blob_bytes');
  });

  it('GET /health/storage on an empty database', async () => {
    const body = await (await fetch(`${s.baseUrl}/health/storage`)).json();
    expect(body).toEqual({
      tasks: 0,
      artifacts: 0,
      blob_bytes: 0,
      oldest_task_at: null,
      by_status: { queued: 0, running: 0, finished: 0, error: 0 },
    });
  });

  describe('node dist/main --role=cleanup', () => {
    beforeAll(() => {
      if (!existsSync(join(REPO, 'dist', 'main.js'))) throw new Error('dist/main.js is missing: build first (npx nest build)');
    });

    it('--dry-run prints what it would remove, deletes nothing, exits 0; then a real pass removes it and exits 0', async () => {
      await seed(ds, 3, { ageMs: aged, blobs: BLOB_SIZES });
      await seed(ds, 1, { ageMs: 0, status: 'finished', blobs: BLOB_SIZES });
      const env = sameBackend(s.config);

      const dry = await runMain(['--role=cleanup', '--dry-run'], env);
      expect({ code: dry.code, stderr: dry.stderr }).toEqual({ code: 0, stderr: '' });
      expect(dry.stdout).toContain(
        `cleanup (dry run): would remove 3 tasks, 6 artifacts, ${((3 * agedBytes) / 1000).toFixed(1)} kB (retention 7 days)`,
      );
      expect(await counts(ds)).toEqual({ tasks: 4, artifacts: 8, chunks: 8 });

      const real = await runMain(['--role=cleanup'], env);
      expect({ code: real.code, stderr: real.stderr }).toEqual({ code: 0, stderr: '' });
      const line = real.stdout.split('\n').find((l) => l.startsWith('cleanup:'));
      expect(line).toContain(`cleanup: removed 3 tasks, 6 artifacts, ${((3 * agedBytes) / 1000).toFixed(1)} kB freed (retention 7 days)`);
      if (BACKEND === 'sqlite') expect(line).toContain('stuck-task repair skipped: no REDIS_URL');
      else expect(line).toContain('re-queued 0 stuck tasks');
      expect(await counts(ds)).toEqual({ tasks: 1, artifacts: 2, chunks: 2 });
    });

    it('honours RETENTION_DAYS', async () => {
      await seed(ds, 2, { ageMs: 3 * DAY_MS });
      const real = await runMain(['--role=cleanup'], { ...sameBackend(s.config), RETENTION_DAYS: '2' });
      expect(real.code).toBe(0);
      expect(real.stdout).toContain('cleanup: removed 2 tasks, 0 artifacts, 0 B freed (retention 2 days)');
      expect((await counts(ds)).tasks).toBe(0);
    });
  });

  it("stores a tempest run in less than 250 KB (what OpenStack's original stackviz-deployer estimated per dataset) and reports it", async () => {
    const source = createReadStream(TEMPEST_SUBUNIT).pipe(createGunzip());
    const { artifacts, testCount } = await subunitArtifacts(source);
    const [id] = await seed(ds, 1, { ageMs: 0, status: 'running' });
    await s.app.get(TaskLifecycle).complete(
      id,
      artifacts.map((a) => ({ ...a, artifactName: 'testrepository.subunit' })),
      { status: 'finished', message: null, warnings: [] },
    );
    const body = await (await fetch(`${s.baseUrl}/health/storage`)).json();
    const total = artifacts.reduce((a, b) => a + b.gzipped.length, 0);
    expect(testCount).toBe(299);
    expect(body.blob_bytes).toBe(total);
    // 210,027 bytes when measured (README, "Measured"): subunit 16,636, stats 621, details 192,770
    expect(total).toBeLessThan(250_000);
  });
});
