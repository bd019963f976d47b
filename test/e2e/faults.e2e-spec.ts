import { createHash, randomBytes } from 'node:crypto';
import { createPool, Pool } from 'mysql2/promise';
import { FakeLogServer, startFakeLogServer } from '../fake-upstream/fake-logs';
import { startFakeZuul } from '../fake-upstream/fake-zuul';
import { BACKEND } from './backend';
import { postJson, rawGet } from './harness';
import { PrivateRedis, PrivateServer, startPrivateMariadb, startPrivateRedis } from './private-servers';
import { freePort, NO_UPSTREAMS, ServiceProcess } from './service-process';

/**
 * The service's own parts failing under it, with real processes: an api and workers (`node
 * dist/main`) on a MariaDB and a Redis that this suite starts for itself on free ports, so it can
 * kill and restart them without disturbing the machine's own servers. Each measured figure is
 * printed as a `faults:` line.
 */
const SKIPPED = BACKEND === 'mysql' ? '' : ' — skipped on SQLite: these faults need api and worker processes on MariaDB + Redis';
const describeFaults = BACKEND === 'mysql' ? describe : describe.skip;

/** A stack trace, as Node prints one or as a JSON log line carries one. */
const STACK = /\n\s+at \S.*:\d+:\d+\)?\n|"stack":/;

function report(figure: string): void {
  process.stdout.write(`faults: ${figure}\n`);
}

// Jest names no skipped suite in its summary: say why this one is.
if (SKIPPED) report(SKIPPED.slice(3));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns something other than false/undefined, and returns that. */
async function until<T>(what: string, probe: () => Promise<T | false | undefined>, timeoutMs = 30000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== false && value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`no ${what} after ${timeoutMs} ms`);
    await sleep(100);
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = Date.now();
  const value = await work();
  return { ms: Date.now() - started, value };
}

function count(text: string, pattern: RegExp): number {
  return text.split('\n').filter((line) => pattern.test(line)).length;
}

describeFaults(`faults and recovery${SKIPPED}`, () => {
  let logs: FakeLogServer;
  let redis: PrivateRedis;
  let db: PrivateServer;
  let pool: Pool;
  const processes: ServiceProcess[] = [];
  let nextCopy = 0;

  beforeAll(async () => {
    [logs, redis, db] = await Promise.all([startFakeLogServer(), startPrivateRedis(), startPrivateMariadb()]);
    pool = createPool({ uri: db.url, connectionLimit: 2 });
  }, 60000);

  // A test that failed half-way leaves nothing behind for the next one: no held downloads, no processes.
  afterEach(async () => {
    logs.release();
    await Promise.all(processes.splice(0).map((p) => p.stop()));
  });

  afterAll(async () => {
    await pool?.end();
    await Promise.all([logs?.close(), redis?.close(), db?.close()]);
  });

  interface Group {
    baseUrl: string;
    env: Record<string, string>;
    api: ServiceProcess;
    workers: ServiceProcess[];
  }

  function spawnService(role: 'api' | 'worker', env: Record<string, string>): ServiceProcess {
    const p = new ServiceProcess([`--role=${role}`], env);
    processes.push(p);
    return p;
  }

  async function startWorker(g: Group, env: Record<string, string> = {}): Promise<ServiceProcess> {
    const worker = spawnService('worker', { ...g.env, ...env });
    await worker.waitFor(/worker started/);
    g.workers.push(worker);
    return worker;
  }

  /** An api and `workers` worker processes on the private servers, with their own queue prefix. */
  async function startGroup(workers: number, extra: Record<string, string> = {}): Promise<Group> {
    const port = await freePort();
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `svfaults-${randomBytes(4).toString('hex')}`,
      ARTIFACT_HOSTS: logs.host,
      ...NO_UPSTREAMS,
      HOST: '127.0.0.1',
      PORT: String(port),
      WORKER_LOCK_MS: '2000',
      RATE_LIMIT_PER_MINUTE: '0', // these tests post scrapes by the dozen from one address
      ...extra,
    };
    const g: Group = { baseUrl: `http://127.0.0.1:${port}`, env, api: spawnService('api', env), workers: [] };
    await Promise.all([g.api.waitFor(/api role listening/), ...Array.from({ length: workers }, () => startWorker(g))]);
    return g;
  }

  /** Numbers of copies of the small fixture build no test has scraped yet (a URL is one task). */
  function freshCopies(n: number): number[] {
    return Array.from({ length: n }, () => nextCopy++);
  }

  async function scrape(g: Group, url: string): Promise<string> {
    const res = await postJson(g.baseUrl, '/scrape', { url });
    expect(res.status).toBe(202);
    return res.body.uuid;
  }

  function scrapeCopies(g: Group, copies: number[]): Promise<string[]> {
    return Promise.all(copies.map((n) => scrape(g, copyUrl(n))));
  }

  /** How many of the tasks are in each status, read from the database. */
  async function statuses(ids: string[]): Promise<Record<string, number>> {
    const [rows] = await pool.query('SELECT status, COUNT(*) AS n FROM tasks WHERE id IN (?) GROUP BY status ORDER BY status', [ids]);
    return Object.fromEntries((rows as { status: string; n: number }[]).map((r) => [r.status, Number(r.n)]));
  }

  function allEnded(ids: string[], timeoutMs = 60000): Promise<Record<string, number>> {
    return until(
      'end of every task',
      async () => {
        const counts = await statuses(ids);
        return !counts.queued && !counts.running && counts;
      },
      timeoutMs,
    );
  }

  /** sha256 of each stored blob of a task, by artifact type: the bytes as stored and served. */
  async function blobHashes(g: Group, uuid: string): Promise<Record<string, string>> {
    const task = (await postJson(g.baseUrl, '/task', { q: uuid })).body as { artifacts: { id: string; artifact_type: string }[] };
    const hashes: Record<string, string> = {};
    for (const a of task.artifacts) {
      const { body } = await rawGet(`${g.baseUrl}/blob/${a.id}`, { 'accept-encoding': 'gzip' });
      hashes[a.artifact_type] = createHash('sha256').update(body).digest('hex');
    }
    return hashes;
  }

  /** The blobs of an undisturbed scrape of a fresh copy: what every disturbed one must match. */
  async function referenceHashes(g: Group): Promise<Record<string, string>> {
    const uuid = await scrape(g, copyUrl(freshCopies(1)[0]));
    expect(await allEnded([uuid])).toEqual({ finished: 1 });
    const hashes = await blobHashes(g, uuid);
    expect(Object.keys(hashes).sort()).toEqual(['console', 'dstat', 'subunit', 'subunit-details', 'subunit-stats']);
    return hashes;
  }

  /** The log URL of copy `n` of the gated build: one task per copy, identical bytes. */
  function copyUrl(n: number): string {
    return logs.logUrlCopy('gatedSubunit', n);
  }

  /** How many GETs a file of copy `n` got. */
  function copyGets(n: number, file: string): number {
    return gets(new URL(copyUrl(n)).pathname + file);
  }

  function gets(path: string): number {
    return logs.requests.filter((r) => r.method === 'GET' && r.path === path).length;
  }

  it('Redis restarted empty with 20 scrapes queued and 4 running: /scrape and /health answer 503 at once meanwhile; afterwards every task finishes, once, with the same blobs', async () => {
    const g = await startGroup(1, { WORKER_CONCURRENCY: '4' });
    const reference = await referenceHashes(g);
    logs.hold();
    const copies = freshCopies(24);
    const ids = await scrapeCopies(g, copies);
    await until('4 scrapes in flight', async () => logs.held() === 4 && (await statuses(ids)).running === 4);
    expect(await statuses(ids)).toEqual({ queued: 20, running: 4 });

    await redis.kill();
    await g.api.waitFor(/Redis is unavailable/);
    const refused = await timed(() => postJson(g.baseUrl, '/scrape', { url: copyUrl(freshCopies(1)[0]) }));
    expect(refused.value).toMatchObject({
      status: 503,
      body: { message: expect.stringMatching(/job queue \(Redis\) is unavailable.*nothing was queued/) },
    });
    const health = await timed(async () => {
      const res = await fetch(`${g.baseUrl}/health`);
      return { status: res.status, body: await res.json() };
    });
    expect(health.value).toMatchObject({ status: 503, body: { message: expect.stringMatching(/^down: redis/) } });
    expect(refused.ms).toBeLessThan(1000);
    expect(health.ms).toBeLessThan(1000);
    report(`Redis down: POST /scrape answered 503 in ${refused.ms} ms, GET /health 503 in ${health.ms} ms`);
    await sleep(3000); // several reconnection attempts, none of which may log a line

    await redis.start();
    const back = Date.now();
    logs.release();
    const requeued = await until('a task that was queued before the outage running', async () => {
      const [rows] = await pool.query("SELECT COUNT(*) AS n FROM tasks WHERE id IN (?) AND status <> 'queued'", [ids]);
      return Number((rows as { n: number }[])[0].n) > 4 && Date.now() - back;
    });
    expect(requeued).toBeLessThan(5000); // Redis's return set it off, not the once-a-minute sweep
    expect(await allEnded(ids)).toEqual({ finished: 24 });
    const done = Date.now() - back;
    report(`Redis back: first lost job running again after ${requeued} ms, all 24 tasks finished after ${done} ms; tasks lost: 0`);

    for (const id of ids) expect(await blobHashes(g, id)).toEqual(reference);
    for (const n of copies) {
      expect({ n, manifest: copyGets(n, 'zuul-manifest.json'), subunit: copyGets(n, 'testrepository.subunit') }).toEqual({
        n,
        manifest: 1,
        subunit: 1,
      });
    }
    for (const p of [g.api, ...g.workers]) {
      expect(count(p.output, /Redis is unavailable/)).toBe(1);
      expect(count(p.output, /Redis is back/)).toBe(1);
      expect(p.output).not.toMatch(STACK);
    }
  }, 120000);

  it('Redis losing its data without a disconnect (FLUSHALL): the periodic sweep puts the queued tasks back within RECOVERY_INTERVAL_MS', async () => {
    const g = await startGroup(1, { WORKER_CONCURRENCY: '1', RECOVERY_INTERVAL_MS: '1500' });
    logs.hold();
    const copies = freshCopies(3);
    const ids = await scrapeCopies(g, copies);
    await until('1 scrape in flight', async () => logs.held() === 1 && (await statuses(ids)).running === 1);
    expect(await redis.command('FLUSHALL')).toBe('+OK');
    const flushed = Date.now();
    logs.release();
    expect(await allEnded(ids)).toEqual({ finished: 3 });
    const ms = Date.now() - flushed;
    expect(ms).toBeLessThan(10000);
    report(
      `Redis emptied under a running service: the 2 queued tasks re-enqueued by the periodic sweep (RECOVERY_INTERVAL_MS=1500), all 3 finished ${ms} ms later`,
    );
    for (const n of copies) expect({ n, subunit: copyGets(n, 'testrepository.subunit') }).toEqual({ n, subunit: 1 });
    // Whichever process swept first (the api or the worker) found them; the other found nothing left to do.
    expect(g.api.output + g.workers[0].output).toMatch(/re-enqueued [12] tasks that had no job in the queue \(on the periodic check\)/);
  }, 60000);

  it('MariaDB restarted mid-run: api and worker reconnect by themselves, no task is stuck, the blobs are byte-identical', async () => {
    const g = await startGroup(1, { WORKER_CONCURRENCY: '4', STUCK_AFTER_MS: '4000', CLEANUP_CRON: '*/2 * * * * *' });
    const reference = await referenceHashes(g);
    logs.hold();
    const ids = await scrapeCopies(g, freshCopies(8));
    await until('4 scrapes in flight', async () => logs.held() === 4 && (await statuses(ids)).running === 4);

    await db.kill();
    const health = await timed(async () => {
      const res = await fetch(`${g.baseUrl}/health`);
      return { status: res.status, body: await res.json() };
    });
    expect(health.value).toMatchObject({ status: 503, body: { message: expect.stringMatching(/^down: database/) } });
    expect(health.ms).toBeLessThan(1000);
    const refused = await postJson(g.baseUrl, '/scrape', { url: copyUrl(freshCopies(1)[0]) });
    expect(refused).toMatchObject({ status: 503, body: { message: 'the database is unavailable right now; try again shortly' } });
    // The scrapes in flight get their bytes now and find no database to store them in.
    logs.release();
    await g.workers[0].waitFor(/database unavailable, handing the job back/);
    report(`MariaDB down: GET /health 503 in ${health.ms} ms`);

    await db.start();
    const back = Date.now();
    expect(await allEnded(ids)).toEqual({ finished: 8 });
    report(`MariaDB back: all 8 interrupted tasks finished ${Date.now() - back} ms later, none stuck, no process restarted`);
    expect((await fetch(`${g.baseUrl}/health`)).status).toBe(200);
    for (const id of ids) expect(await blobHashes(g, id)).toEqual(reference);
    // An outage is not the task's fault: it never used up one of the job's attempts.
    const worker = g.workers[0];
    await until('a log line for each finished task', async () =>
      ids.every((id) => worker.output.includes(`"taskId":"${id}","msg":"finished`)),
    );
    const attempts = worker.output.split('\n').filter((l) => ids.some((id) => l.includes(id)) && /scraping .* \(attempt/.test(l));
    expect(attempts.length).toBeGreaterThan(8);
    for (const line of attempts) expect(line).toMatch(/attempt 1\/4/);
    for (const p of [g.api, ...g.workers]) {
      expect(p.proc.exitCode).toBeNull();
      expect(p.output).not.toMatch(STACK);
    }
  }, 120000);

  it('SIGTERM: a worker hands back what it cannot finish in SHUTDOWN_GRACE_MS and another finishes it; the api completes requests in flight', async () => {
    const build = {
      _id: 1,
      uuid: '3c3c3c3a0b1c4d2e8f3a4b5c6d7e8f90',
      job_name: 'tempest-full',
      result: 'SUCCESS',
      pipeline: 'check',
      log_url: copyUrl(9999),
    };
    const zuul = await startFakeZuul({ tenant: 'openstack', builds: [build], buildsets: [] });
    const g = await startGroup(0, { ZUUL_URL: zuul.url, UPSTREAM_CACHE_SECONDS: '0' });
    const first = await startWorker(g, { WORKER_CONCURRENCY: '2', SHUTDOWN_GRACE_MS: '1000' });
    logs.hold();
    const ids = await scrapeCopies(g, freshCopies(4));
    await until('2 scrapes in flight on the first worker', async () => logs.held() === 2);

    first.proc.kill('SIGTERM');
    const stopped = await timed(() => first.exited);
    expect(stopped.value).toEqual({ code: 0, signal: null });
    expect(count(first.output, /handing the job back: the worker is shutting down/)).toBe(2);
    report(`worker SIGTERM with 2 jobs held past SHUTDOWN_GRACE_MS=1000: exited 0 after ${stopped.ms} ms, both jobs handed back`);
    const handedBack = ids.filter((id) => first.output.includes(id));
    expect(handedBack).toHaveLength(2);

    const second = await startWorker(g, { WORKER_CONCURRENCY: '2' });
    logs.release();
    expect(await allEnded(ids)).toEqual({ finished: 4 });
    for (const id of ids) expect(second.output).toContain(id);

    // The api, with requests in flight to a slow upstream, is told to stop: each still gets its answer.
    zuul.setDelay(1500);
    // Count only these lookups of the build: the workers asked Zuul about the copies too, for the tasks' entries.
    const lookups = () => zuul.requests.filter((r) => r.path.includes(`/build/${build.uuid}`)).length;
    const before = lookups();
    const inFlight = Array.from({ length: 5 }, () => postJson(g.baseUrl, '/list', { q: `${zuul.url}/t/openstack/build/${build.uuid}` }));
    await until('5 requests upstream', async () => lookups() - before >= 5);
    const sigterm = Date.now();
    g.api.proc.kill('SIGTERM');
    const answers = await Promise.all(inFlight);
    expect(answers.map((a) => [a.status, a.body.results?.length])).toEqual(Array(5).fill([200, 1]));
    expect(await g.api.exited).toEqual({ code: 0, signal: null });
    // Promptly: the clients' kept-alive connections do not hold the closing server open.
    const apiExitMs = Date.now() - sigterm;
    expect(apiExitMs).toBeLessThan(5000);
    report(`api SIGTERM with 5 requests in flight (1.5 s each): all 5 answered 200, exited 0 after ${apiExitMs} ms`);
    await expect(fetch(`${g.baseUrl}/health`)).rejects.toThrow();
    await zuul.close();
  }, 90000);

  it('upstream resets and 5xx mid-body are retried with backoff, then named; a slow-loris download stops at ARTIFACT_TIMEOUT_MS', async () => {
    const g = await startGroup(1, { WORKER_CONCURRENCY: '3', ARTIFACT_TIMEOUT_MS: '3000' });
    const cases = ['resetSubunit', 'diesMidBodySubunit', 'slowLorisSubunit'] as const;
    const ids = await Promise.all(cases.map((name) => scrape(g, logs.logUrl(name))));
    expect(await allEnded(ids)).toEqual({ finished: 3 }); // each build's console is still worth keeping
    const messages = await Promise.all(ids.map(async (id) => (await postJson(g.baseUrl, '/status', { q: id })).body.message as string));

    for (const [i, name] of ['resetSubunit', 'diesMidBodySubunit'].entries()) {
      const subunit = new URL(logs.logUrl(name as (typeof cases)[number])).pathname + 'testrepository.subunit';
      expect(messages[i]).toMatch(
        new RegExp(
          `^testrepository\\.subunit skipped: the download broke off after \\d+ bytes \\(fetching \\S+${subunit} failed: .+\\) \\(gave up after 4 attempts\\)$`,
        ),
      );
      const times = logs.requests.filter((r) => r.method === 'GET' && r.path === subunit).map((r) => r.at);
      expect(times).toHaveLength(4);
      const gaps = times.slice(1).map((t, k) => t - times[k]);
      // Exponential backoff from 2 s with up to 50% jitter: at least 1, 2 and 4 s apart.
      gaps.forEach((gap, k) => expect(gap).toBeGreaterThanOrEqual(1000 * 2 ** k));
      report(`${name}: 4 attempts, ${gaps.map((ms) => (ms / 1000).toFixed(1)).join(' s, ')} s apart, then: ${messages[i]}`);
    }
    const loris = new URL(logs.logUrl('slowLorisSubunit')).pathname + 'testrepository.subunit';
    expect(messages[2]).toMatch(
      /^testrepository\.subunit skipped: testrepository\.subunit was still downloading after ARTIFACT_TIMEOUT_MS \(3000 ms; \d+ bytes so far\): the log server is sending too slowly; raise ARTIFACT_TIMEOUT_MS to allow more time$/,
    );
    expect(gets(loris)).toBe(1); // as slow the next time: not retried
    report(`slow-loris: ${messages[2]}`);
  }, 90000);

  it('40 scrapes on 4 worker processes at concurrency 2 all finish: concurrent stores never end a task in error', async () => {
    const g = await startGroup(4, { WORKER_CONCURRENCY: '2' });
    const { ms, value: ids } = await timed(async () => {
      const posted = await scrapeCopies(g, freshCopies(40));
      expect(await allEnded(posted, 90000)).toEqual({ finished: 40 });
      return posted;
    });
    const handedBack = g.workers.reduce((n, w) => n + count(w.output, /handing the job back/), 0);
    for (const w of g.workers) expect(w.output).not.toMatch(/Deadlock|scrape crashed/);
    report(
      `40 scrapes on 4 workers x concurrency 2: 40 finished, 0 error in ${(ms / 1000).toFixed(1)} s; jobs handed back on database errors: ${handedBack}`,
    );
    expect(ids).toHaveLength(40);
  }, 120000);
});
