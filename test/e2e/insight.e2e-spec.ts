import { randomUUID } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { FakeUpstream } from '../fake-upstream/fake-json-server';
import type { FakeLogServer } from '../fake-upstream/fake-logs';
import { FakeUpstreams, startFakeUpstreams } from '../fake-upstream/fake-upstreams';
import { FLAKY_CHANGE, FLAKY_JOB, FLAKY_TEST_PREFIX, flakyRun, FlakyRunName } from '../fake-upstream/data/flaky-job';
import { ZUUL_TENANT } from '../fake-upstream/data/zuul-builds';
import { databaseTimeAgo } from '../../src/database/db-clock';
import { signatureId } from '../../src/failure-cause/failure-cause';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson, waitForTask } from './harness';

const OTHERS: FlakyRunName[] = ['o1', 'o2', 'o3', 'o4', 'o5', 'o6', 'o7', 'o8'];
const test = (name: string) => FLAKY_TEST_PREFIX + name;

describe(`compare and flake insight (${BACKEND})`, () => {
  let upstreams: FakeUpstreams;
  let logs: FakeLogServer;
  let zuul: FakeUpstream;
  let s: BootedApp;
  let ds: DataSource;
  /** Task uuid of each run scraped so far. */
  const tasks = new Map<FlakyRunName, string>();

  /** Scrapes a run the way the UI does: its /list entry, from its Zuul build page. */
  async function scrapeRun(name: FlakyRunName): Promise<string> {
    const { body: list } = await postJson(s.baseUrl, '/list', { q: `${zuul.url}/t/${ZUUL_TENANT}/build/${flakyRun(name).uuid}` });
    const res = await postJson(s.baseUrl, '/scrape', list.results[0]);
    expect(res.status).toBe(202);
    expect(await waitForTask(s.baseUrl, res.body.uuid)).toMatchObject({ status: 'finished' });
    tasks.set(name, res.body.uuid);
    return res.body.uuid;
  }

  const logPathOf = (name: FlakyRunName) => flakyRun(name).logPath;
  const requestsUnder = (path: string) => logs.requests.filter((r) => r.path.startsWith(path)).map((r) => r.path.slice(path.length));

  async function insightResult(uuid: string): Promise<{ body: any; progress: any[] }> {
    const progress = [];
    const deadline = Date.now() + 60000;
    for (;;) {
      const res = await postJson(s.baseUrl, '/insight/result', { q: uuid });
      if (res.status === 200) return { body: res.body, progress };
      expect(res.status).toBe(202);
      progress.push(res.body);
      if (Date.now() > deadline) throw new Error(`insight ${uuid} still ${res.body.status} (${res.body.done}/${res.body.total})`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async function until(check: () => Promise<boolean>, timeoutMs = 60000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('timed out');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** A task row in a given state, straight into the database (no job: it stays as it is). */
  async function seedTask(status: 'queued' | 'running'): Promise<string> {
    const id = randomUUID();
    await ds.query(
      'INSERT INTO tasks (id, url, dedup_key, status, name, build_uuid, change_id, revision) VALUES (?, ?, NULL, ?, ?, ?, ?, ?)',
      [id, `${logs.url}/unfinished/${id}/`, status, FLAKY_JOB, 'ab'.repeat(16), FLAKY_CHANGE, 2],
    );
    return id;
  }

  /**
   * Makes a stored task look as if it was scraped before the service stored causes: its
   * subunit-stats failures lose `cause` and `signature_id` (insight must compute them from the
   * stored subunit-details).
   */
  async function dropStoredCauses(task: string): Promise<void> {
    const [stats] = await ds.query("SELECT id FROM artifacts WHERE task_id = ? AND artifact_type = 'subunit-stats'", [task]);
    const [chunk] = await ds.query('SELECT data FROM artifact_chunks WHERE artifact_id = ? AND seq = 0', [stats.id]);
    const doc = JSON.parse(gunzipSync(chunk.data).toString('utf8'));
    expect(doc.failures.every((f: { signature_id?: string }) => /^[0-9a-f]{16}$/.test(f.signature_id!))).toBe(true);
    const legacy = gzipSync(
      JSON.stringify({ ...doc, failures: doc.failures.map(({ name, duration, details }: any) => ({ name, duration, details })) }),
    );
    await ds.query('UPDATE artifact_chunks SET data = ? WHERE artifact_id = ? AND seq = 0', [legacy, stats.id]);
    await ds.query('UPDATE artifacts SET size = ? WHERE id = ?', [legacy.length, stats.id]);
  }

  beforeAll(async () => {
    upstreams = await startFakeUpstreams({ flakyJob: true });
    ({ logs, zuul } = upstreams);
    s = await bootApp(upstreams.env);
    ds = s.dataSource;
    await Promise.all((['t', 'recheck', 'o1', 'o5'] as const).map(scrapeRun));
    // The run under test and one other-change run (where the flaky test failed with another cause) were stored without causes.
    await dropStoredCauses(tasks.get('t')!);
    await dropStoredCauses(tasks.get('o5')!);
  }, 60000);

  afterAll(async () => {
    await s?.close();
    await upstreams?.close();
  });

  describe('POST /compare', () => {
    it('counts every kind of change first, then lists the changed tests, new failures first', async () => {
      const res = await postJson(s.baseUrl, '/compare', { base: tasks.get('t'), head: ` ${tasks.get('recheck')!.toUpperCase()} ` });
      expect(res.status).toBe(200);
      expect(Object.keys(res.body)).toEqual(['base', 'head', 'counts', 'tests']);
      const t = flakyRun('t');
      expect(res.body.base).toEqual({
        uuid: tasks.get('t'),
        name: FLAKY_JOB,
        change_id: FLAKY_CHANGE,
        revision: 2,
        pipeline: 'check',
        status: 'finished',
        finished_at: new Date(Date.parse(`${t.start}Z`) + t.seconds * 1000).toISOString(),
      });
      expect(res.body.head).toMatchObject({ uuid: tasks.get('recheck'), revision: 2, status: 'finished' });
      expect(res.body.counts).toEqual({
        new_failures: 1,
        fixed: 1,
        still_failing: 4,
        added: 1,
        removed: 3,
        slower: 1,
        faster: 1,
        unchanged: 12,
      });
      expect(res.body.tests.map((x: { change: string; name: string }) => [x.change, x.name])).toEqual([
        ['new_failure', test('LaterTest.test_broke_on_recheck')],
        ['fixed', test('RecheckTest.test_recheck_pass')],
        ['still_failing', test('BrokenTest.test_broken_everywhere')],
        ['still_failing', test('FlakyTest.test_flaky_some')],
        ['still_failing', test('MineTest.test_mine')],
        ['still_failing', test('SkipTest.test_skipped_elsewhere')],
        ['slower', test('TimingTest.test_slower_once')],
        ['faster', test('TimingTest.test_faster_once')],
        ['added', test('LaterTest.test_added_later')],
        ['removed', test('FewRunsTest.test_passed_twice')],
        ['removed', test('OnlyHereTest.test_only_here')],
        ['removed', test('RareTest.test_rare_failure')],
      ]);
      const slower = res.body.tests.find((x: { change: string }) => x.change === 'slower');
      expect(slower.base).toEqual({ status: 'success', duration: 0.8 });
      expect(slower.head).toEqual({ status: 'success', duration: 12 });
      expect(res.body.tests.find((x: { change: string }) => x.change === 'added').base).toBeNull();
    });

    it('answers 400 for a side that is not a uuid, 404 naming an unknown side, 409 naming a side without results', async () => {
      const bad = await postJson(s.baseUrl, '/compare', { base: 'nope', head: tasks.get('t') });
      expect(bad.status).toBe(400);
      expect(bad.body).toEqual({ statusCode: 400, error: 'Bad Request', message: expect.stringMatching(/^base must be a task uuid/) });
      expect((await postJson(s.baseUrl, '/compare', { base: tasks.get('t') })).body.message).toMatch(/^head is required: a task uuid/);

      const unknown = randomUUID();
      const missing = await postJson(s.baseUrl, '/compare', { base: tasks.get('t'), head: unknown });
      expect(missing.status).toBe(404);
      expect(missing.body.message).toBe(`no head task ${unknown}`);

      const queued = await seedTask('queued');
      const notYet = await postJson(s.baseUrl, '/compare', { base: queued, head: tasks.get('t') });
      expect(notYet.status).toBe(409);
      expect(notYet.body.message).toBe(`base task ${queued} has not finished: it is still queued`);

      const consoleOnly = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl('consoleOnly') });
      await waitForTask(s.baseUrl, consoleOnly.body.uuid);
      const noTests = await postJson(s.baseUrl, '/compare', { base: tasks.get('t'), head: consoleOnly.body.uuid });
      expect(noTests.status).toBe(409);
      expect(noTests.body.message).toBe(
        `head task ${consoleOnly.body.uuid} has no test results: its logs had no subunit stream, JUnit report or StackViz site`,
      );
    });
  });

  describe('POST /insight', () => {
    let insight: any;

    it('gathers the change’s other runs, then recent builds on other changes; asked twice at once, it is one insight', async () => {
      const o1Requests = requestsUnder(logPathOf('o1')).length;
      const [first, second] = await Promise.all([
        postJson(s.baseUrl, '/insight', { q: tasks.get('t') }),
        postJson(s.baseUrl, '/insight', { q: tasks.get('t'), builds: 20 }),
      ]);
      expect(first.status).toBe(202);
      expect(second.status).toBe(202);
      expect(first.body).toEqual({ uuid: expect.stringMatching(/^[0-9a-f-]{36}$/), status: expect.stringMatching(/^(queued|running)$/) });
      expect(second.body.uuid).toBe(first.body.uuid);

      const early = await postJson(s.baseUrl, '/insight/result', { q: first.body.uuid });
      if (early.status === 202) {
        expect(early.body).toEqual({ uuid: first.body.uuid, status: 'running', done: expect.any(Number), total: 11 });
        expect(early.body.done).toBeLessThan(11);
      }
      // Nobody asks for the result meanwhile: the worker that ends the last run finishes the insight.
      await until(async () => (await ds.query('SELECT status FROM insights WHERE id = ?', [first.body.uuid]))[0].status === 'finished');
      const { body, progress } = await insightResult(first.body.uuid);
      insight = body;
      expect(progress).toEqual([]);
      expect(body).toMatchObject({ uuid: first.body.uuid, status: 'finished', task: tasks.get('t'), job: FLAKY_JOB, builds: 20 });

      // The change's other runs first (newest first), then Zuul's newest builds of the job elsewhere.
      const byUrl = new Map<string, FlakyRunName>(
        (['ps1', 'recheck', 'expired', ...OTHERS] as FlakyRunName[]).map((n) => [logs.url + logPathOf(n), n]),
      );
      expect(body.runs.map((r: { url: string }) => byUrl.get(r.url))).toEqual(['recheck', 'ps1', 'expired', ...[...OTHERS].reverse()]);
      expect(body.runs.map((r: { same_change: boolean }) => r.same_change)).toEqual([true, true, ...Array(9).fill(false)]);
      const run = (n: FlakyRunName) => body.runs.find((r: { url: string }) => r.url === logs.url + logPathOf(n));
      // A run that could not be read says why.
      expect(run('expired')).toMatchObject({
        status: 'error',
        change_id: 700009,
        error: `the logs at ${logs.url + logPathOf('expired')} are gone (404): OpenDev expires build logs after some weeks, so this build can no longer be scraped`,
      });
      for (const n of ['ps1', 'recheck', ...OTHERS] as FlakyRunName[]) expect(run(n)).toMatchObject({ status: 'finished', error: null });
      expect(run('ps1')).toMatchObject({ change_id: FLAKY_CHANGE, revision: 1 });
      expect(run('o3')).toEqual({
        task: expect.any(String),
        url: logs.url + logPathOf('o3'),
        change_id: 700003,
        revision: 3,
        pipeline: 'check',
        status: 'finished',
        error: null,
        finished_at: expect.stringMatching(/^2024-03-02T14:/),
        same_change: false,
      });

      // One query for the job's recent builds elsewhere, enough for the runs still wanted plus those it skips.
      const jobQueries = zuul.requests.filter((r) => r.path.includes(`job_name=${FLAKY_JOB}`)).map((r) => r.path.split('?')[1]);
      expect(jobQueries).toEqual([`job_name=${FLAKY_JOB}&complete=true&result=SUCCESS&result=FAILURE&limit=21`]);

      // Runs scraped before are reused, not fetched again; the others fetch their test results only.
      expect(run('recheck').task).toBe(tasks.get('recheck'));
      expect(run('o1').task).toBe(tasks.get('o1'));
      expect(run('o5').task).toBe(tasks.get('o5'));
      expect(requestsUnder(logPathOf('o1'))).toHaveLength(o1Requests);
      for (const n of ['ps1', 'o2', 'o8'] as FlakyRunName[]) {
        expect(new Set(requestsUnder(logPathOf(n)))).toEqual(new Set(['zuul-manifest.json', 'testrepository.subunit']));
      }
    }, 90000);

    it('judges each failure of the run: broken, flaky, new, unknown, with counts, its cause and the last run it failed in', async () => {
      const row = (name: string) => insight.tests.find((x: { name: string }) => x.name === test(name));
      expect(insight.tests.map((x: { name: string }) => x.name)).toEqual(
        [
          'BrokenTest.test_broken_everywhere',
          'FlakyTest.test_flaky_some',
          'MineTest.test_mine',
          'RecheckTest.test_recheck_pass',
          'OnlyHereTest.test_only_here',
          'SkipTest.test_skipped_elsewhere',
          'RareTest.test_rare_failure',
          'FewRunsTest.test_passed_twice',
        ].map(test),
      );
      const task = (n: FlakyRunName) => insight.runs.find((r: { url: string }) => r.url === logs.url + logPathOf(n)).task;
      const lastFailed = (n: FlakyRunName) => {
        const r = insight.runs.find((x: { task: string }) => x.task === task(n));
        return { task: r.task, change_id: r.change_id, finished_at: r.finished_at };
      };
      // The task's causes were computed from its stored details (its stats lack them): the same text a scrape stores.
      const serverFault =
        'tempest.lib.exceptions.ServerFault: Got server fault\n' +
        'Details: Unexpected API Error. Please report this at http://bugs.launchpad.net/nova/ and attach the Nova API log if possible.\n' +
        "<class 'oslo_db.exception.DBConnectionError'> (HTTP 500) (Request-ID: <request-id>)";
      expect(row('BrokenTest.test_broken_everywhere')).toEqual({
        name: test('BrokenTest.test_broken_everywhere'),
        status_here: 'fail',
        cause: serverFault,
        signature_id: signatureId(serverFault),
        // o5's failures, stored without causes too, are read the same way: the same cause in all 8
        other_changes: { runs: 8, failed: 8, passed: 0, skipped: 0, changes: 8, same_cause: 8 },
        same_change: { runs: 2, failed: 2, passed: 0, skipped: 0 },
        verdict: 'broken',
        last_failed: lastFailed('o8'),
      });
      const timeout =
        'tempest.lib.exceptions.TimeoutException: Request timed out\n' +
        'Details: (<test>) Server <uuid> failed to reach ACTIVE status and task state "None" within the required time (<n> s). Current status: BUILD. Current task state: spawning.';
      // Failed in o2 with this cause, in o5 with a NotFound (HTTP 404): the same cause in 1 of 2.
      expect(row('FlakyTest.test_flaky_some')).toMatchObject({
        cause: timeout,
        signature_id: signatureId(timeout),
        other_changes: { runs: 8, failed: 2, passed: 6, skipped: 0, changes: 8, same_cause: 1 },
        same_change: { runs: 2, failed: 1, passed: 1, skipped: 0 },
        verdict: 'flaky',
        last_failed: lastFailed('o5'),
      });
      expect(row('MineTest.test_mine')).toMatchObject({
        cause: "testtools.matchers._impl.MismatchError: 'ACTIVE' != 'ERROR'",
        other_changes: { runs: 8, failed: 0, passed: 8, skipped: 0, changes: 8, same_cause: 0 },
        same_change: { runs: 2, failed: 2, passed: 0, skipped: 0 },
        verdict: 'new',
        last_failed: lastFailed('recheck'),
      });
      // The four tests failing on the same assertion, each message naming its test: one cause.
      const assertion = 'AssertionError: <n> != <n> (request <request-id> of <test>)';
      expect(row('RecheckTest.test_recheck_pass')).toMatchObject({
        cause: assertion,
        other_changes: { runs: 8, failed: 0, passed: 7, skipped: 1, changes: 7, same_cause: 0 },
        same_change: { runs: 2, failed: 0, passed: 2, skipped: 0 },
        verdict: 'flaky',
        last_failed: null,
      });
      expect(row('OnlyHereTest.test_only_here')).toMatchObject({
        cause: assertion,
        other_changes: { runs: 0, failed: 0, passed: 0, skipped: 0, changes: 0, same_cause: 0 },
        same_change: { runs: 0, failed: 0, passed: 0, skipped: 0 },
        verdict: 'unknown',
        last_failed: null,
      });
      expect(row('SkipTest.test_skipped_elsewhere')).toMatchObject({
        cause: assertion,
        other_changes: { runs: 8, failed: 0, passed: 0, skipped: 8, changes: 0, same_cause: 0 },
        verdict: 'unknown',
        last_failed: lastFailed('recheck'),
      });
      // Below the evidence thresholds: failed in 1 of 1 run elsewhere (alike), passed in 2 of 2.
      expect(row('RareTest.test_rare_failure')).toMatchObject({
        cause: 'ConnectionRefusedError: [Errno 111] Connection refused: <ip> at <time>',
        other_changes: { runs: 1, failed: 1, passed: 0, skipped: 0, changes: 1, same_cause: 1 },
        same_change: { runs: 0, failed: 0, passed: 0, skipped: 0 },
        verdict: 'unknown',
        last_failed: lastFailed('o1'),
      });
      expect(row('FewRunsTest.test_passed_twice')).toMatchObject({
        cause: assertion,
        other_changes: { runs: 2, failed: 0, passed: 2, skipped: 0, changes: 2, same_cause: 0 },
        verdict: 'unknown',
        last_failed: null,
      });
    });

    it("a task scraped now stores each failure's cause and id in its subunit-stats, the ones insight reports", async () => {
      const o1 = tasks.get('o1')!;
      const { body } = await postJson(s.baseUrl, '/task', { q: o1 });
      const stats = body.artifacts.find((a: { artifact_type: string }) => a.artifact_type === 'subunit-stats');
      const res = await fetch(`${s.baseUrl}/blob/${stats.id}`);
      const failures: { name: string; cause: string; signature_id: string }[] = (await res.json()).failures;
      const rare = failures.find((f) => f.name === test('RareTest.test_rare_failure'))!;
      expect(rare).toMatchObject({ cause: 'ConnectionRefusedError: [Errno 111] Connection refused: <ip> at <time>' });
      expect(rare.signature_id).toBe(insight.tests.find((x: { name: string }) => x.name === rare.name).signature_id);
      expect(failures.every((f) => f.signature_id === signatureId(f.cause))).toBe(true);
    });

    it('asked again once finished (the uuid sent as id or uuid, as answers name it), returns the same insight', async () => {
      const again = await postJson(s.baseUrl, '/insight', { id: tasks.get('t'), builds: 5 });
      expect(again.body).toEqual({ uuid: insight.uuid, status: 'finished' });
      const result = await postJson(s.baseUrl, '/insight/result', { uuid: insight.uuid });
      expect(result.status).toBe(200);
      expect(result.body).toEqual(insight);
    });

    it('when no hook finished it (a worker lost), /insight/result finishes an insight whose runs all ended, once', async () => {
      await ds.query('DELETE FROM insight_tests WHERE insight_id = ?', [insight.uuid]);
      await ds.query("UPDATE insights SET status = 'running' WHERE id = ?", [insight.uuid]);
      const [a, b] = await Promise.all([
        postJson(s.baseUrl, '/insight/result', { q: insight.uuid }),
        postJson(s.baseUrl, '/insight/result', { q: insight.uuid }),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect(a.body).toEqual(insight);
      expect(b.body).toEqual(insight);
      expect((await ds.query('SELECT COUNT(*) AS n FROM insight_tests WHERE insight_id = ?', [insight.uuid]))[0].n).toBe(
        insight.tests.length,
      );
    });

    it('an insight over runs all scraped already finishes at once, fetching nothing; `builds` caps the runs', async () => {
      const before = logs.requests.length;
      const res = await postJson(s.baseUrl, '/insight', { q: tasks.get('recheck'), builds: 2 });
      expect(res.body.status).toBe('finished');
      const { body } = await insightResult(res.body.uuid);
      expect(body.runs.map((r: { task: string }) => r.task)).toEqual([tasks.get('t'), insight.runs[1].task]);
      expect(logs.requests.length).toBe(before);
      // The recheck's own failures: test_broke_on_recheck passed in t, a run of the same patch set.
      const broke = body.tests.find((x: { name: string }) => x.name === test('LaterTest.test_broke_on_recheck'));
      expect(broke).toMatchObject({ verdict: 'flaky', same_change: { runs: 2, failed: 0, passed: 2, skipped: 0 } });
    });

    it('an insight left queued by a request that died is replaced when the task is asked about again', async () => {
      const ps1 = insight.runs[1].task;
      const abandoned = randomUUID();
      const longAgo = await databaseTimeAgo(ds, 20 * 60_000);
      await ds.query(
        "INSERT INTO insights (id, task_id, status, job, builds, created_at, updated_at) VALUES (?, ?, 'queued', ?, 20, ?, ?)",
        [abandoned, ps1, FLAKY_JOB, longAgo, longAgo],
      );
      await ds.query('INSERT INTO insight_runs (insight_id, seq, task_id, same_change) VALUES (?, 0, ?, 1)', [abandoned, tasks.get('t')]);
      const res = await postJson(s.baseUrl, '/insight', { q: ps1, builds: 1 });
      expect(res.status).toBe(202);
      expect(res.body.uuid).not.toBe(abandoned);
      expect(await ds.query('SELECT id FROM insights WHERE id = ?', [abandoned])).toEqual([]);
      expect(await ds.query('SELECT seq FROM insight_runs WHERE insight_id = ?', [abandoned])).toEqual([]);
      expect((await insightResult(res.body.uuid)).body.task).toBe(ps1);
    });

    it('a later /scrape of a run insight fetched tests-only makes a full task of it', async () => {
      const insightTask = insight.runs.find((r: { url: string }) => r.url === logs.url + logPathOf('o2')).task;
      const { body: tests } = await postJson(s.baseUrl, '/task', { q: insightTask });
      expect(tests.scope).toBe('tests');
      expect(tests.artifacts.map((a: { artifact_type: string }) => a.artifact_type).sort()).toEqual([
        'subunit',
        'subunit-details',
        'subunit-stats',
      ]);
      const full = await postJson(s.baseUrl, '/scrape', { url: logs.url + logPathOf('o2') });
      expect(full.body.uuid).not.toBe(insightTask);
      await waitForTask(s.baseUrl, full.body.uuid);
      const { body } = await postJson(s.baseUrl, '/task', { q: full.body.uuid });
      expect(body.scope).toBe('full');
      expect(body.artifacts.map((a: { artifact_type: string }) => a.artifact_type)).toContain('console');
      expect(requestsUnder(logPathOf('o2'))).toContain('job-output.txt');
    });

    it('422 for a legacy Jenkins run, 409 for an unfinished one, 400 and 404 for bad and unknown ids', async () => {
      const legacy = await postJson(s.baseUrl, '/scrape', {
        url: logs.logUrl('legacyUnit'),
        ci_username: 'jenkins',
        name: 'gate-stackviz-python27',
        change_id: 271726,
        revision: 2,
      });
      await waitForTask(s.baseUrl, legacy.body.uuid);
      const jenkins = await postJson(s.baseUrl, '/insight', { q: legacy.body.uuid });
      expect(jenkins.status).toBe(422);
      expect(jenkins.body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: `task ${legacy.body.uuid} is a legacy (Jenkins) run, which Zuul does not know: flake insight compares a run with Zuul's builds of the same job`,
      });

      const running = await seedTask('running');
      const notYet = await postJson(s.baseUrl, '/insight', { q: running });
      expect(notYet.status).toBe(409);
      expect(notYet.body.message).toBe(`task ${running} has not finished: it is still running; flake insight needs the run's test results`);

      for (const body of [
        { q: 'nope' },
        {},
        { q: tasks.get('t'), builds: 0 },
        { q: tasks.get('t'), builds: 51 },
        { q: tasks.get('t'), builds: 'many' },
      ]) {
        const res = await postJson(s.baseUrl, '/insight', body);
        expect(res.status).toBe(400);
        expect(typeof res.body.message).toBe('string');
      }
      expect((await postJson(s.baseUrl, '/insight', { q: 'nope' })).body.message).toMatch(/^q must be a task uuid/);
      expect((await postJson(s.baseUrl, '/insight', { q: tasks.get('t'), builds: 51 })).body.message).toBe(
        'builds must be between 1 and 50',
      );
      const unknown = randomUUID();
      expect(await postJson(s.baseUrl, '/insight', { q: unknown })).toMatchObject({ status: 404, body: { message: `no task ${unknown}` } });
      expect((await postJson(s.baseUrl, '/insight/result', { q: 'nope' })).body.message).toMatch(/^q must be an insight uuid/);
      expect(await postJson(s.baseUrl, '/insight/result', { q: unknown })).toMatchObject({
        status: 404,
        body: { message: `no insight ${unknown}` },
      });
    });
  });
});
