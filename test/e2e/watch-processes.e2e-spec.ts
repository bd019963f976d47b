import { randomBytes } from 'node:crypto';
import { createPool, Pool } from 'mysql2/promise';
import { FakeUpstreams } from '../fake-upstream/fake-upstreams';
import { BACKEND, MYSQL_TEST_URL } from './backend';
import { TEST_TABLES } from './harness';
import { PrivateRedis, startPrivateRedis } from './private-servers';
import { freePort, ServiceProcess } from './service-process';
import { sleep, startWatchUpstreams, until, watchEnv, WatchedBuilds } from './watch-world';

/**
 * The watcher as its own process beside an api and workers, on MariaDB and a Redis this suite
 * starts for itself (so it can restart it empty). Each measured figure is printed as a `watch:` line.
 */
const describeProcesses = BACKEND === 'mysql' ? describe : describe.skip;
const INTERVAL_S = 0.5;

jest.setTimeout(180000);

describeProcesses('watch and report with separate api, worker and watcher processes (mysql)', () => {
  let upstreams: FakeUpstreams;
  let redis: PrivateRedis;
  let pool: Pool;
  let env: Record<string, string>;
  let baseUrl: string;
  const processes: ServiceProcess[] = [];
  const builders: WatchedBuilds[] = [];
  const made = (b: WatchedBuilds) => (builders.push(b), b);

  beforeAll(async () => {
    [upstreams, redis] = await Promise.all([startWatchUpstreams(), startPrivateRedis()]);
    pool = createPool({ uri: MYSQL_TEST_URL, connectionLimit: 2 });
  }, 60000);

  beforeEach(async () => {
    for (const table of TEST_TABLES) {
      await pool.query(`DELETE FROM ${table}`).catch(() => undefined);
    }
    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    env = watchEnv(upstreams, {
      DATABASE_URL: MYSQL_TEST_URL,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: `svwatch-${randomBytes(4).toString('hex')}`,
      HOST: '127.0.0.1',
      PORT: String(port),
      WATCH_INTERVAL_S: String(INTERVAL_S),
      RECOVERY_INTERVAL_MS: '1000',
      RATE_LIMIT_PER_MINUTE: '0',
    });
  });

  afterEach(async () => {
    upstreams.zuul.setDelay(0);
    await Promise.all(processes.splice(0).map((p) => p.stop()));
    for (const b of builders.splice(0)) b.retire();
  });

  afterAll(async () => {
    await pool?.end();
    await Promise.all([upstreams?.close(), redis?.close()]);
  });

  function spawn(role: 'api' | 'worker' | 'watcher', extra: Record<string, string> = {}): ServiceProcess {
    const p = new ServiceProcess([`--role=${role}`], { ...env, ...extra });
    processes.push(p);
    return p;
  }

  async function count(sql: string): Promise<number> {
    const [rows] = await pool.query(sql);
    return Number((rows as { n: number | string }[])[0].n);
  }

  const reviewsOf = (uuid: string) => upstreams.gerrit.reviews.filter((r) => r.input.message?.includes(uuid));

  it('two watchers: each build is queued and reviewed once; the second takes over within 2 × the interval when the first is killed', async () => {
    const api = spawn('api');
    const worker = spawn('worker');
    const [w1, w2] = [spawn('watcher'), spawn('watcher')];
    await Promise.all([
      api.waitFor(/api role listening/),
      worker.waitFor(/worker started/),
      w1.waitFor(/watcher started/),
      w2.waitFor(/watcher started/),
    ]);
    const builds = made(new WatchedBuilds(upstreams));
    const first = Array.from({ length: 4 }, () => builds.failed());
    await until(() => first.every((b) => reviewsOf(b.uuid).length > 0), 90000, 'the first builds reviewed');

    const [state] = (await pool.query('SELECT lease_holder FROM watch_state'))[0] as { lease_holder: string }[];
    const holder = [w1, w2].find((w) => state.lease_holder.includes(`:${w.proc.pid}:`))!;
    const other = holder === w1 ? w2 : w1;
    expect(holder).toBeDefined();
    expect(other.output).not.toMatch(/took the watcher lease/);
    const killedAt = Date.now();
    await holder.stop();
    await other.waitFor(/took the watcher lease/, 10000);
    const takeoverMs = Date.now() - killedAt;
    process.stdout.write(
      `watch: the second watcher took over ${takeoverMs} ms after the first was killed (interval ${INTERVAL_S * 1000} ms)\n`,
    );
    expect(takeoverMs).toBeLessThanOrEqual(2 * INTERVAL_S * 1000 + 500);

    const second = Array.from({ length: 2 }, () => builds.failed());
    await until(() => second.every((b) => reviewsOf(b.uuid).length > 0), 90000, 'the later builds reviewed');
    await sleep(2000);
    for (const b of [...first, ...second]) expect(reviewsOf(b.uuid)).toHaveLength(1);
    expect(await count("SELECT COUNT(*) AS n FROM tasks WHERE scope = 'triage'")).toBe(6);
    expect(await count('SELECT COUNT(*) AS n FROM watched_builds')).toBe(6);
    const status = await (await fetch(`${baseUrl}/watch`)).json();
    expect(status).toMatchObject({ enabled: true, queued_last_hour: 6, reported_last_hour: 6, report_skipped_last_hour: 0 });
  });

  it('the watcher killed in the middle of paging: the next one misses nothing and queues nothing twice', async () => {
    const builds = made(new WatchedBuilds(upstreams));
    const all = Array.from({ length: 130 }, () => builds.failed());
    upstreams.zuul.setDelay(300);
    const pagesBefore = upstreams.zuul.requests.length;
    const first = spawn('watcher', { REPORT_GERRIT: 'off' });
    await until(
      () => upstreams.zuul.requests.slice(pagesBefore).some((r) => r.path.includes('skip=100')),
      30000,
      'the second page asked for',
    );
    await first.stop();
    expect(await count('SELECT COUNT(*) AS n FROM watched_builds')).toBe(0);
    upstreams.zuul.setDelay(0);
    spawn('watcher', { REPORT_GERRIT: 'off' });
    await until(
      async () => (await count("SELECT COUNT(*) AS n FROM tasks WHERE scope = 'triage'")) === all.length,
      60000,
      'every build queued',
    );
    await sleep(3 * INTERVAL_S * 1000);
    expect(await count('SELECT COUNT(*) AS n FROM watched_builds')).toBe(all.length);
    expect(await count('SELECT COUNT(*) AS n FROM watched_builds WHERE task_id IS NOT NULL')).toBe(all.length);
    expect(await count("SELECT COUNT(*) AS n FROM tasks WHERE scope = 'triage'")).toBe(all.length);
  });

  it('Redis restarted empty while triages are queued: they run once Redis is back, and each build is reviewed once', async () => {
    const watcher = spawn('watcher');
    await watcher.waitFor(/took the watcher lease/);
    const builds = made(new WatchedBuilds(upstreams));
    const queued = Array.from({ length: 3 }, () => builds.failed());
    await until(
      async () => (await count("SELECT COUNT(*) AS n FROM tasks WHERE scope = 'triage' AND status = 'queued'")) === 3,
      30000,
      'three triages queued',
    );
    await redis.kill();
    await redis.start();
    const worker = spawn('worker');
    await worker.waitFor(/worker started/);
    await until(() => queued.every((b) => reviewsOf(b.uuid).length > 0), 90000, 'the builds reviewed');
    await sleep(2000);
    for (const b of queued) expect(reviewsOf(b.uuid)).toHaveLength(1);
  });
});
