import { CleanupService } from '../../src/cleanup/cleanup.service';
import { databaseNowSql } from '../../src/database/db-clock';
import { dialectOf } from '../../src/database/dialect';
import { FailureOccurrenceTestId1768500000000 } from '../../src/database/migrations/1768500000000-failure-occurrence-test-id';
import { FailureSignatureTests1768400000000 } from '../../src/database/migrations/1768400000000-failure-signature-tests';
import { FailureBuildSignatures1768700000000 } from '../../src/database/migrations/1768700000000-failure-build-signatures';
import { FailureBackfill } from '../../src/failures/failure-backfill';
import {
  FAILURE_RUNS,
  FAILURE_TESTS,
  FailureRun,
  FailureTest,
  failureRunBuilds,
  failureRunEntry,
  failureRunStream,
  PERIODIC_BRANCH,
} from '../fake-upstream/data/failure-runs';
import { FakeLogServer, startFakeLogServer } from '../fake-upstream/fake-logs';
import { BACKEND } from './backend';
import { TaskFailureFeed } from '../../src/tasks/task-failure-feed';
import { BootedApp, bootApp, postJson, waitForTask } from './harness';

const ADMIN_TOKEN = 'e2e-admin-token-3c1f';

/** The cause each failing test fails with (test/fake-upstream/data/failure-runs.ts): what must be one signature. */
const KIND_OF: Record<FailureTest, string> = {
  broken: 'http-500',
  notFound: 'http-404',
  rebuild: 'waiter',
  resize: 'waiter',
  shelve: 'shutoff',
  bootActive: 'active',
  snapshotActive: 'active',
};
const DEVSTACK = 'job-level';

/** A run on a change of its own, scraped only by the last test, once the rankings are remembered. */
const LATE: FailureRun = {
  ...FAILURE_RUNS[0],
  name: 'late',
  change: 810099,
  patchset: 1,
  hoursAgo: 1,
  failing: ['broken', 'shelve'],
  build: `fa11${'99'.padStart(28, '0')}`,
  logPath: '/99/810099/1/check/nova-tox-functional-py312/0000099/',
};

/** Which kind a served signature is, from its text. */
function kindOf(signature: string): string {
  if (signature.includes('(HTTP 500)')) return 'http-500';
  if (signature.includes('(HTTP 404)')) return 'http-404';
  if (signature.includes('failed to reach ACTIVE status')) return 'waiter';
  if (signature.includes("'SHUTOFF' != 'ERROR'")) return 'shutoff';
  if (signature.includes("'ACTIVE' != 'ERROR'")) return 'active';
  return DEVSTACK;
}

/** What the data implies for a window: each kind's occurrences and distinct changes (a build without a change is its own). */
function expectedCounts(
  days: number,
  runs: readonly FailureRun[] = FAILURE_RUNS,
): Record<string, { occurrences: number; changes: number }> {
  const by = new Map<string, { occurrences: number; changes: Set<string> }>();
  const add = (kind: string, r: FailureRun) => {
    const k = by.get(kind) ?? { occurrences: 0, changes: new Set<string>() };
    k.occurrences++;
    k.changes.add(r.change === null ? `build ${r.name}` : String(r.change));
    by.set(kind, k);
  };
  for (const r of runs.filter((r) => r.hoursAgo < days * 24)) {
    if (r.failing.length === 0 && r.result === 'FAILURE') add(DEVSTACK, r);
    for (const t of r.failing) add(KIND_OF[t], r);
  }
  return Object.fromEntries([...by].map(([kind, k]) => [kind, { occurrences: k.occurrences, changes: k.changes.size }]));
}

describe(`failure knowledge (${BACKEND})`, () => {
  let logs: FakeLogServer;
  let s: BootedApp;
  const tasks = new Map<string, string>();

  async function scrape(r: FailureRun): Promise<string> {
    const res = await postJson(s.baseUrl, '/scrape', failureRunEntry(r, logs.url));
    expect(res.status).toBe(202);
    expect(await waitForTask(s.baseUrl, res.body.uuid)).toMatchObject({ status: 'finished' });
    return res.body.uuid as string;
  }

  async function top(days: number, query = ''): Promise<any[]> {
    const res = await fetch(`${s.baseUrl}/failures/top?days=${days}&limit=50${query}`);
    expect(res.status).toBe(200);
    return ((await res.json()) as { results: any[] }).results;
  }

  /** Each (test name, signature) pair the kept occurrences hold: what a search by test name finds. */
  const pairs = () =>
    s.dataSource.query(
      `SELECT DISTINCT t.test, g.signature_id FROM failure_build_tests bt JOIN failure_tests t ON t.id = bt.test_id
        JOIN failure_build_signatures g ON g.id = bt.build_signature_id ORDER BY t.test, g.signature_id`,
    );

  const byKind = (results: any[]) =>
    Object.fromEntries(results.map((g) => [kindOf(g.signature), { occurrences: g.occurrences, changes: g.changes }]));

  async function rule(body: unknown, token?: string, method = 'POST', path = '/failures/rules') {
    const res = await fetch(s.baseUrl + path, {
      method,
      headers: {
        ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: method === 'POST' ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  beforeAll(async () => {
    logs = await startFakeLogServer({ builds: { ...failureRunBuilds(), [LATE.logPath]: failureRunStream(LATE, 0) } });
    s = await bootApp({ ARTIFACT_HOSTS: logs.host, ADMIN_TOKEN, FAILURE_HISTORY_DAYS: '30' });
    for (const r of FAILURE_RUNS) tasks.set(r.name, await scrape(r));
  }, 120_000);
  afterAll(async () => {
    await s.close();
    await logs.close();
  });

  it('counts occurrences and distinct changes per window exactly as the runs imply, the most widespread first', async () => {
    for (const days of [1, 3, 7, 30]) {
      const results = await top(days);
      expect(byKind(results)).toEqual(expectedCounts(days));
      const changes = results.map((g) => g.changes);
      expect(changes).toEqual([...changes].sort((a, b) => b - a));
    }
    // by hand, for the week: the 500 on 5 changes and 2 periodic builds; the waiter on 3 changes
    const week = await top(7);
    expect(week.map((g) => [kindOf(g.signature), g.occurrences, g.changes]).slice(0, 3)).toEqual([
      ['http-500', 8, 7],
      ['waiter', 3, 3],
      ['http-404', 2, 2],
    ]);
  });

  it('merges one cause across tests and runs, and keeps apart what differs (404 against 500, two assertion messages)', async () => {
    const week = await top(7);
    expect(week).toHaveLength(6);
    const waiter = week.find((g) => kindOf(g.signature) === 'waiter');
    expect(waiter.signature).toBe(
      'nova.exception.TimeoutException: Request timed out\n' +
        'Details: (<test>) Server <uuid> failed to reach ACTIVE status within the required time (<n> s).',
    );
    expect(waiter.tests).toEqual([
      { name: FAILURE_TESTS.rebuild, n: 2 },
      { name: FAILURE_TESTS.resize, n: 1 },
    ]);
    const active = week.find((g) => kindOf(g.signature) === 'active');
    expect(active.tests.map((t: any) => t.name).sort()).toEqual([FAILURE_TESTS.bootActive, FAILURE_TESTS.snapshotActive].sort());
    const http = week.filter((g) => g.signature.includes('ClientException'));
    expect(new Set(http.map((g) => g.signature_id)).size).toBe(2);
    const devstack = week.find((g) => kindOf(g.signature) === DEVSTACK);
    expect(devstack).toMatchObject({ occurrences: 1, changes: 1, tests: [], jobs: [{ name: 'cinder-tempest-plugin-lvm', n: 1 }] });
    expect(devstack.signature).toMatch(/^.+: .+/);
  });

  it('filters by pipeline: the gate saw the 500, the 404 and the assertion', async () => {
    const gate = await top(7, '&pipeline=gate');
    const runs = FAILURE_RUNS.filter((r) => r.pipeline === 'gate');
    expect(byKind(gate)).toEqual(expectedCounts(7, runs));
  });

  it('finds a signature by a pasted line whatever test it names, by its id, and by text in test names', async () => {
    const pasted =
      'Details: (ServersAdminTestJSON:test_rebuild_server_in_error_state) Server 0b7a1c52-6a0e-4a3b-9d8f-2c1e5f4a3b21 failed to reach ACTIVE status within the required time (196 s).';
    const found = await postJson(s.baseUrl, '/failures/search', { q: pasted, days: 7 });
    expect(found.status).toBe(200);
    expect(found.body.results.map((g: any) => kindOf(g.signature))).toEqual(['waiter']);
    const id = found.body.results[0].signature_id;
    const byId = await postJson(s.baseUrl, '/failures/search', { q: id, days: 30 });
    expect(byId.body).toMatchObject({ total: 1, days: 30, results: [{ signature_id: id, occurrences: 4, changes: 4 }] });
    const notFound = await postJson(s.baseUrl, '/failures/search', {
      q: 'nova.exception.ClientException: Unexpected API Error. (HTTP 404) (Request-ID: req-00000000-1111-2222-3333-444444444444)',
    });
    expect(notFound.body.results.map((g: any) => kindOf(g.signature))).toEqual(['http-404']);
    const byTest = await postJson(s.baseUrl, '/failures/search', { q: 'TEST_SHELVE', days: 7 });
    expect(byTest.body.results.map((g: any) => kindOf(g.signature))).toEqual(['shutoff']);
    // a test name finds the signatures it failed with inside the window only (resize: 40 hours and 9 days ago)
    for (const q of ['TEST_RESIZE', 'test_rebuild', 'SnapshotTestCase']) {
      for (const days of [1, 3, 7, 30]) {
        const kinds = FAILURE_RUNS.filter((r) => r.hoursAgo < days * 24).flatMap((r) =>
          r.failing.filter((t) => FAILURE_TESTS[t].toLowerCase().includes(q.toLowerCase())).map((t) => KIND_OF[t]),
        );
        const res = await postJson(s.baseUrl, '/failures/search', { q, days });
        expect([q, days, res.body.results.map((g: any) => kindOf(g.signature)).sort()]).toEqual([q, days, [...new Set(kinds)].sort()]);
      }
    }
    const byJob = await postJson(s.baseUrl, '/failures/search', { q: 'MismatchError', days: 7, job: 'nova-tox-functional-py312' });
    expect(byJob.body.results.map((g: any) => kindOf(g.signature)).sort()).toEqual(['active', 'shutoff']);
    for (const bad of [{ q: '' }, { q: '   ' }, { q: 'x', days: 31 }, { q: 'x', days: 0 }, { q: 'x', limit: 201 }, {}]) {
      const res = await postJson(s.baseUrl, '/failures/search', bad);
      expect(res.status).toBe(400);
      expect(res.body.message).toMatch(/^[^.]+(\.|\))?$/);
    }
  });

  it('fills the test names and their (signature, test) pairs from the occurrences already kept, then groups them by build and signature, as recording wrote them', async () => {
    const testOf = () =>
      s.dataSource.query(
        `SELECT g.build_key, g.signature_id, g.failures, g.finished_at, g.task_id, t.test FROM failure_build_signatures g
          LEFT JOIN failure_build_tests bt ON bt.build_signature_id = g.id LEFT JOIN failure_tests t ON t.id = bt.test_id
          ORDER BY g.build_key, g.signature_id, t.test`,
      );
    const recorded = await pairs();
    const named: { test: string | null; failures: number }[] = await testOf();
    expect(recorded.length).toBeGreaterThan(5);
    expect(named.filter((o) => o.test !== null).length).toBeGreaterThan(5);
    expect(named.some((o) => Number(o.failures) > 1)).toBe(true);
    // back to an occurrence per test holding its name, then the migrations again: names get new ids
    const [{ purges }]: { purges: number | string }[] = await s.dataSource.query('SELECT purges FROM failure_test_name_purges');
    const runner = s.dataSource.createQueryRunner();
    try {
      const groups = new FailureBuildSignatures1768700000000();
      const testIds = new FailureOccurrenceTestId1768500000000();
      const names = new FailureSignatureTests1768400000000();
      await groups.down(runner);
      await testIds.down(runner);
      await names.down(runner);
      await names.up(runner);
      await testIds.up(runner);
      await groups.up(runner);
      // names got new ids: a service restarts across an upgrade, this one stays up and is told as a purge tells it
      await runner.query('UPDATE failure_test_name_purges SET purges = ? WHERE id = 1', [Number(purges) + 1]);
    } finally {
      await runner.release();
    }
    expect(await pairs()).toEqual(recorded);
    expect(await testOf()).toEqual(named);
  });

  it('describes one signature: counts per window, a row per day, tests, jobs, projects, the latest occurrences and the example', async () => {
    const [broken] = await top(7);
    const res = await fetch(`${s.baseUrl}/failures/${broken.signature_id}`);
    expect(res.status).toBe(200);
    const detail = (await res.json()) as any;
    const expect500 = (days: number) => expectedCounts(days)['http-500'];
    expect(detail.counts).toEqual({ '1': expect500(1), '3': expect500(3), '7': expect500(7), '30': expect500(30) });
    expect(detail.by_day).toHaveLength(31);
    expect(detail.by_day.reduce((n: number, d: any) => n + d.occurrences, 0)).toBe(9);
    expect(detail.tests).toEqual([{ name: FAILURE_TESTS.broken, n: 9 }]);
    expect(detail.projects).toEqual([{ name: 'openstack/nova', n: 9 }]);
    expect(detail.latest).toHaveLength(9);
    expect(detail.latest[0]).toMatchObject({
      change: 810001,
      patchset: 1,
      pipeline: 'check',
      task: tasks.get('a'),
      build: FAILURE_RUNS[0].build,
      branch: 'master',
    });
    // each row holds its build's branch: the periodic builds ran on a stable one
    const periodic = detail.latest.filter((o: any) => o.change === null);
    expect(periodic.map((o: any) => o.branch)).toEqual([PERIODIC_BRANCH, PERIODIC_BRANCH]);
    expect(detail.latest.filter((o: any) => o.change !== null).every((o: any) => o.branch === 'master')).toBe(true);
    expect(detail.example.traceback).toContain('Traceback (most recent call last):');
    expect(detail.example.test).toBe(FAILURE_TESTS.broken);
    expect((await fetch(`${s.baseUrl}/failures/0123456789abcdef`)).status).toBe(404);
    expect((await fetch(`${s.baseUrl}/failures/nothex`)).status).toBe(400);
    expect((await fetch(`${s.baseUrl}/failures/${broken.signature_id}?days=31`)).status).toBe(400);
    expect((await fetch(`${s.baseUrl}/failures/top?days=abc`)).status).toBe(400);
    expect((await fetch(`${s.baseUrl}/failures/top?limit=0`)).status).toBe(400);
  });

  it("gives several signatures' counts in one request", async () => {
    const week = await top(7);
    const ids = week.map((g) => g.signature_id);
    const res = await postJson(s.baseUrl, '/failures/counts', { ids: [...ids, '0123456789abcdef'], days: 7 });
    expect(res.status).toBe(200);
    expect(res.body.counts).toEqual(
      Object.fromEntries(week.map((g) => [g.signature_id, { occurrences: g.occurrences, changes: g.changes }])),
    );
    expect((await postJson(s.baseUrl, '/failures/counts', { ids: ['nope'] })).status).toBe(400);
  });

  it('links a bug through a rule only with the admin token: 401 without, 403 wrong, 400 bad pattern, 201, then 204', async () => {
    const body = {
      pattern: '/ClientException: .*\\(HTTP 500\\)/',
      bug_url: 'https://bugs.launchpad.net/nova/+bug/2012345',
      title: 'ServerFault under load',
    };
    expect((await rule(body)).status).toBe(401);
    expect((await rule(body, 'wrong')).status).toBe(403);
    for (const pattern of ['/(unclosed/', 'x'.repeat(501), '/a\\1/']) {
      const bad = await rule({ ...body, pattern }, ADMIN_TOKEN);
      expect(bad.status).toBe(400);
      expect(bad.body.message).not.toContain(ADMIN_TOKEN);
    }
    expect((await rule({ ...body, bug_url: 'ftp://x' }, ADMIN_TOKEN)).status).toBe(400);
    const created = await rule(body, ADMIN_TOKEN);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ pattern: body.pattern, bug: { url: body.bug_url, title: body.title } });
    const text = await rule(
      { pattern: 'mismatcherror', bug_url: 'https://bugs.launchpad.net/nova/+bug/2020202', title: 'state' },
      ADMIN_TOKEN,
    );
    expect(text.status).toBe(201);
    const week = await top(7);
    const bugs = Object.fromEntries(week.map((g) => [kindOf(g.signature), g.bug?.url ?? null]));
    expect(bugs).toEqual({
      'http-500': body.bug_url,
      waiter: null,
      'http-404': null,
      shutoff: 'https://bugs.launchpad.net/nova/+bug/2020202',
      active: 'https://bugs.launchpad.net/nova/+bug/2020202',
      [DEVSTACK]: null,
    });
    const listed = await (await fetch(`${s.baseUrl}/failures/rules`)).json();
    expect(listed.rules.map((r: any) => r.id)).toEqual([text.body.id, created.body.id]);
    expect((await rule(null, undefined, 'DELETE', `/failures/rules/${created.body.id}`)).status).toBe(401);
    expect((await rule(null, 'wrong', 'DELETE', `/failures/rules/${created.body.id}`)).status).toBe(403);
    expect((await rule(null, ADMIN_TOKEN, 'DELETE', `/failures/rules/${created.body.id}`)).status).toBe(204);
    expect((await rule(null, ADMIN_TOKEN, 'DELETE', `/failures/rules/${created.body.id}`)).status).toBe(404);
    expect((await rule(null, ADMIN_TOKEN, 'DELETE', '/failures/rules/abc')).status).toBe(400);
    expect((await top(7)).find((g) => kindOf(g.signature) === 'http-500').bug).toBeNull();
  });

  it('backfills the occurrences of tasks stored before, resuming where it stopped, counting each once', async () => {
    const before = byKind(await top(30));
    const backfill = s.app.get(FailureBackfill);
    // as before failure knowledge: the tasks are stored, nothing is recorded
    await s.dataSource.query('DELETE FROM failure_build_tests');
    await s.dataSource.query('DELETE FROM failure_build_signatures');
    await s.dataSource.query('DELETE FROM failure_signatures');
    await s.dataSource.query('UPDATE failure_backfill SET last_task = NULL, done = 0, tasks = 0, lease_owner = NULL, lease_until = NULL');
    expect(await top(30)).toEqual([]);
    // stopped half-way: resumed after the last task it saved
    const ids = [...tasks.values()].sort();
    await s.dataSource.query('UPDATE failure_backfill SET last_task = ? WHERE id = 1', [ids[4]]);
    expect(await backfill.run()).toBe(ids.length - 5);
    expect(await backfill.run()).toBe(0);
    await s.dataSource.query('UPDATE failure_backfill SET last_task = NULL, done = 0 WHERE id = 1');
    expect(await backfill.run()).toBe(ids.length);
    expect(byKind(await top(30))).toEqual(before);
    // the backfill takes each occurrence's branch from its task, as recording does
    const branches: { pipeline: string; branch: string | null }[] = await s.dataSource.query(
      'SELECT DISTINCT pipeline, branch FROM failure_build_signatures ORDER BY pipeline',
    );
    expect(branches).toEqual([
      { pipeline: 'check', branch: 'master' },
      { pipeline: 'gate', branch: 'master' },
      { pipeline: 'periodic', branch: PERIODIC_BRANCH },
    ]);
    // walked again from the start: nothing counts twice
    await s.dataSource.query('UPDATE failure_backfill SET last_task = NULL, done = 0 WHERE id = 1');
    expect(await backfill.run()).toBe(ids.length);
    expect(byKind(await top(30))).toEqual(before);
  });

  it("walks only while it holds the backfill lease, which lapses by the database's clock, not the host's", async () => {
    const backfill = s.app.get(FailureBackfill);
    const dbIn = (ms: number) => databaseNowSql(dialectOf(s.dataSource), ms);
    const leaseOf = async () =>
      (
        (await s.dataSource.query(
          `SELECT lease_owner, CASE WHEN lease_until > ${dbIn(60_000)} THEN 1 ELSE 0 END AS lasts FROM failure_backfill WHERE id = 1`,
        )) as { lease_owner: string | null; lasts: number | string }[]
      )[0];
    const ids = [...tasks.values()];
    // another process took the lease a moment ago, for a minute by the database's clock
    await s.dataSource.query(
      `UPDATE failure_backfill SET last_task = NULL, done = 0, lease_owner = 'another-process', lease_until = ${dbIn(60_000)} WHERE id = 1`,
    );
    // this host's clock runs an hour ahead: the lease has not lapsed all the same
    const now = Date.now();
    const skewed = jest.spyOn(Date, 'now').mockImplementation(() => now + 3600_000);
    try {
      expect(await backfill.run()).toBe(0);
    } finally {
      skewed.mockRestore();
    }
    expect((await leaseOf()).lease_owner).toBe('another-process');
    // lapsed a second ago: taken, for two minutes, and the walk done
    await s.dataSource.query(`UPDATE failure_backfill SET lease_until = ${dbIn(-1000)} WHERE id = 1`);
    expect(await backfill.run()).toBe(ids.length);
    const lease = await leaseOf();
    expect(lease.lease_owner).not.toBe('another-process');
    expect(Number(lease.lasts)).toBe(1);
  });

  it('keeps occurrences past their purged tasks, and never counts a build twice when it is scraped again', async () => {
    const before = byKind(await top(30));
    // every task past retention: the purge takes the tasks and their blobs, not the occurrences
    await s.dataSource.query("UPDATE tasks SET created_at = '2000-01-01 00:00:00.000'");
    const report = (await s.app.get(CleanupService).runPass())!;
    expect(report.purged.tasks).toBe(FAILURE_RUNS.length);
    expect(report.failureOccurrences).toBe(0);
    expect(byKind(await top(30))).toEqual(before);
    const [broken] = await top(7);
    const detail = await (await fetch(`${s.baseUrl}/failures/${broken.signature_id}`)).json();
    expect(detail.latest.every((o: any) => o.task === null && o.log_url.startsWith(logs.url))).toBe(true);
    expect(detail.example).toMatchObject({ task: null, test: FAILURE_TESTS.broken });
    // a purged task's page can still lead to its logs (/go/<log URL>)
    const purged = await (await fetch(`${s.baseUrl}/failures/task/${tasks.get('p1')}`)).json();
    expect(purged).toEqual({
      task: tasks.get('p1'),
      job: 'nova-tox-functional-py312',
      project: 'openstack/nova',
      change: null,
      patchset: null,
      pipeline: 'periodic',
      build: FAILURE_RUNS[6].build,
      log_url: logs.url + FAILURE_RUNS[6].logPath,
      finished_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      branch: PERIODIC_BRANCH,
    });
    expect((await fetch(`${s.baseUrl}/failures/task/00000000-0000-4000-8000-000000000000`)).status).toBe(404);
    expect((await fetch(`${s.baseUrl}/failures/task/not-a-uuid`)).status).toBe(400);
    // scraped again after the purge: a new task, the same occurrences and (signature, test) pairs
    const noted = await pairs();
    const again = await scrape(FAILURE_RUNS[0]);
    expect(again).not.toBe(tasks.get('a'));
    expect(byKind(await top(30))).toEqual(before);
    expect(await pairs()).toEqual(noted);
  });

  it('purges the occurrences past FAILURE_HISTORY_DAYS with their tests, then the names no kept occurrence names; the rest stay', async () => {
    const search = async (q: string) =>
      ((await postJson(s.baseUrl, '/failures/search', { q, days: 30 })).body.results as any[]).map((g) => kindOf(g.signature));
    const names = async () =>
      ((await s.dataSource.query('SELECT test FROM failure_tests ORDER BY test')) as { test: string }[]).map((r) => r.test);
    expect(await search('TEST_SHELVE')).toEqual(['shutoff']);
    expect(await search('test_rebuild')).toEqual(['waiter']);
    // 40 days ago, past the 30 kept: every failure of shelve (its SHUTOFF assertion fails nowhere else) and of rebuild (whose waiter resize fails with too)
    const aged = [FAILURE_TESTS.shelve, FAILURE_TESTS.rebuild];
    const old = new Date(Date.now() - 40 * 24 * 3600 * 1000).toISOString().replace('T', ' ').slice(0, 23);
    const [shutoff] = (await top(30)).filter((g) => kindOf(g.signature) === 'shutoff');
    // each build's failures of these two share their row with no other test's
    await s.dataSource.query(
      `UPDATE failure_build_signatures SET finished_at = ? WHERE id IN
        (SELECT build_signature_id FROM failure_build_tests WHERE test_id IN (SELECT id FROM failure_tests WHERE test IN (?, ?)))`,
      [old, ...aged],
    );
    await s.dataSource.query('UPDATE failure_signatures SET last_seen = ? WHERE id = ?', [old, shutoff.signature_id]);
    const pairsBefore = await pairs();
    const namesBefore = await names();
    expect(namesBefore).toEqual(expect.arrayContaining([...aged, FAILURE_TESTS.resize]));

    const report = (await s.app.get(CleanupService).runPass())!;
    // shelve failed in c1 and c2, rebuild in a and e
    expect(report.failureOccurrences).toBe(4);
    expect(await pairs()).toEqual(pairsBefore.filter((p: { test: string }) => !aged.includes(p.test as never)));
    expect(await names()).toEqual(namesBefore.filter((t) => !aged.includes(t as never)));
    expect(await search('TEST_SHELVE')).toEqual([]);
    expect(await search('test_rebuild')).toEqual([]);
    expect(await search('TEST_RESIZE')).toEqual(['waiter']);
    expect((await fetch(`${s.baseUrl}/failures/${shutoff.signature_id}`)).status).toBe(404);
  });

  it("writes a scrape's failures ahead of its finish, counted nowhere until it finishes; ranks them at once, though the ranking is remembered", async () => {
    // what the tests before left (the purge above took some), ranked and so remembered
    const before = byKind(await top(7));
    const rowsOfLate = async () =>
      (
        (await s.dataSource.query(
          `SELECT g.finished_at, g.failures, COUNT(bt.test_id) AS tests FROM failure_build_signatures g
            LEFT JOIN failure_build_tests bt ON bt.build_signature_id = g.id WHERE g.log_url = ? GROUP BY g.id, g.finished_at, g.failures`,
          [logs.url + LATE.logPath],
        )) as { finished_at: unknown; failures: number | string; tests: number | string }[]
      ).map((r) => ({ finished: r.finished_at !== null, failures: Number(r.failures), tests: Number(r.tests) }));
    // heard after the recorder, which was added first: what it wrote ahead, while the scrape ran
    const ahead: Awaited<ReturnType<typeof rowsOfLate>>[] = [];
    s.app.get(TaskFailureFeed).add(async () => void ahead.push(await rowsOfLate()));
    await scrape(LATE);
    expect(ahead).toEqual([LATE.failing.map(() => ({ finished: false, failures: 0, tests: 1 }))]);
    expect(await rowsOfLate()).toEqual(LATE.failing.map(() => ({ finished: true, failures: 1, tests: 1 })));
    // LATE's change is new to every kind it fails with, so each adds its occurrences and one change
    const after = { ...before };
    for (const [kind, late] of Object.entries(expectedCounts(7, [LATE]))) {
      const was = after[kind] ?? { occurrences: 0, changes: 0 };
      after[kind] = { occurrences: was.occurrences + late.occurrences, changes: was.changes + late.changes };
    }
    expect(byKind(await top(7))).toEqual(after);
    // shelve's name was purged above though this process knew its id: LATE names it afresh, and a search finds it by it
    const byName = await postJson(s.baseUrl, '/failures/search', { q: 'TEST_SHELVE', days: 7 });
    expect(byName.body.results.map((g: any) => kindOf(g.signature))).toEqual(['shutoff']);
  });
});
