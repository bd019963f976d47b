import type { FakeLogServer } from '../fake-upstream/fake-logs';
import type { FakeUpstream } from '../fake-upstream/fake-json-server';
import { FakeUpstreams, startFakeUpstreams } from '../fake-upstream/fake-upstreams';
import { PYTEST_CHANGE, PYTEST_JOB, pytestRun, PytestRunName } from '../fake-upstream/data/pytest-job';
import { ZUUL_TENANT } from '../fake-upstream/data/zuul-builds';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson, waitForTask } from './harness';

const test = (name: string) => `blockstore.tests.unit.${name}`;
/** Run t's failures by cause (data/pytest-job.ts). */
const EVERYWHERE = [
  'test_api_client.TestSession.test_connect',
  'test_api_client.TestSession.test_create_volume',
  'test_api_client.TestSession.test_delete_volume',
  'test_api_client.TestSession.test_list_volumes',
  'test_api_client.TestSession.test_show_quota',
  'test_config.test_node_config_backend_is_reachable_url',
  'test_config.test_node_config_backend_url',
].map(test);
const THE_CHANGE = [
  'test_quota.TestRelease.test_release_after_reserve',
  'test_quota.TestRelease.test_release_all',
  'test_quota.TestRelease.test_release_frees_gigabytes',
  'test_quota.TestRelease.test_release_then_reserve',
  'test_volumes.TestListing.test_list_empty_response',
].map(test);
const SLOW_NODES = [
  'test_volumes.TestWaitForStatus.test_create_and_wait',
  'test_volumes.TestWaitForStatus.test_create_large_and_wait',
  'test_volumes.TestWaitForStatus.test_create_ssd_and_wait',
].map(test);

/** Compare and flake insight on runs whose only test results are pytest's JUnit reports. */
describe(`compare and insight on JUnit runs (${BACKEND})`, () => {
  let upstreams: FakeUpstreams;
  let logs: FakeLogServer;
  let zuul: FakeUpstream;
  let s: BootedApp;
  const tasks = new Map<PytestRunName, string>();

  /** Scrapes a run the way the UI does: its /list entry, from its Zuul build page. */
  async function scrapeRun(name: PytestRunName): Promise<string> {
    const { body: list } = await postJson(s.baseUrl, '/list', { q: `${zuul.url}/t/${ZUUL_TENANT}/build/${pytestRun(name).uuid}` });
    expect(list.results).toHaveLength(1);
    const res = await postJson(s.baseUrl, '/scrape', list.results[0]);
    expect(await waitForTask(s.baseUrl, res.body.uuid)).toMatchObject({ status: 'finished' });
    tasks.set(name, res.body.uuid);
    return res.body.uuid;
  }

  beforeAll(async () => {
    upstreams = await startFakeUpstreams();
    ({ logs, zuul } = upstreams);
    s = await bootApp(upstreams.env);
    await Promise.all((['t', 'ps1'] as const).map(scrapeRun));
  }, 60000);

  afterAll(async () => {
    await s?.close();
    await upstreams?.close();
  });

  it('the run under test is the junitOnly build: 118 tests from test-results.xml, 15 of them failed', async () => {
    expect(logs.logUrl('junitOnly')).toBe(logs.url + pytestRun('t').logPath);
    const { body: task } = await postJson(s.baseUrl, '/task', { q: tasks.get('t') });
    expect(task.artifacts.map((a: { artifact_type: string; artifact_name: string }) => [a.artifact_type, a.artifact_name]).sort()).toEqual([
      ['console', 'job-output.txt'],
      ['subunit', 'test-results.xml'],
      ['subunit-details', 'test-results.xml'],
      ['subunit-stats', 'test-results.xml'],
    ]);
    const stats = task.artifacts.find((a: { artifact_type: string }) => a.artifact_type === 'subunit-stats');
    const body = await (await fetch(`${s.baseUrl}/blob/${stats.id}`)).json();
    expect(body.count).toBe(118);
    expect(body.failures).toHaveLength(15);
  });

  it('compares two JUnit runs of one change test by test', async () => {
    const res = await postJson(s.baseUrl, '/compare', { base: tasks.get('ps1'), head: tasks.get('t') });
    expect(res.status).toBe(200);
    expect(res.body.base).toMatchObject({
      uuid: tasks.get('ps1'),
      name: PYTEST_JOB,
      change_id: PYTEST_CHANGE,
      revision: 1,
      status: 'finished',
    });
    expect(res.body.head).toMatchObject({ uuid: tasks.get('t'), revision: 2 });
    // patch set 2 broke the empty listing, and ran on a slow node; both patch sets carry the quota bug
    const changed = (kind: string) =>
      res.body.tests
        .filter((x: { change: string }) => x.change === kind)
        .map((x: { name: string }) => x.name)
        .sort();
    expect(changed('new_failure')).toEqual([test('test_volumes.TestListing.test_list_empty_response'), ...SLOW_NODES].sort());
    expect(changed('still_failing')).toEqual([...EVERYWHERE, ...THE_CHANGE.slice(0, 4)].sort());
    expect(res.body.counts).toMatchObject({ new_failures: 4, fixed: 0, still_failing: 11, added: 0, removed: 0 });
  });

  it("asks the job's other runs about each failure: broken everywhere, new with the change, flaky on slow nodes", async () => {
    const started = await postJson(s.baseUrl, '/insight', { q: tasks.get('t') });
    expect(started.status).toBe(202);
    let result;
    const deadline = Date.now() + 60000;
    do {
      result = await postJson(s.baseUrl, '/insight/result', { q: started.body.uuid });
      if (result.status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    } while (Date.now() < deadline);
    expect(result.status).toBe(200);
    const body = result.body;
    expect(body).toMatchObject({ status: 'finished', task: tasks.get('t'), job: PYTEST_JOB });
    const urls = (names: PytestRunName[]) => names.map((n) => logs.url + pytestRun(n).logPath);
    expect(body.runs.map((r: { url: string }) => r.url)).toEqual(urls(['ps1', 'o3', 'o2', 'o1']));
    expect(body.runs.every((r: { status: string }) => r.status === 'finished')).toBe(true);
    expect(body.runs.find((r: { url: string }) => r.url === urls(['ps1'])[0]).task).toBe(tasks.get('ps1'));

    const row = (name: string) => body.tests.find((t: { name: string }) => t.name === name);
    expect(body.tests).toHaveLength(15);
    for (const name of EVERYWHERE) {
      expect(row(name)).toMatchObject({ status_here: 'fail', verdict: 'broken', other_changes: { runs: 3, failed: 3, passed: 0 } });
    }
    for (const name of THE_CHANGE) {
      expect(row(name)).toMatchObject({ verdict: 'new', other_changes: { runs: 3, failed: 0, passed: 3 } });
    }
    for (const name of SLOW_NODES) {
      expect(row(name)).toMatchObject({ verdict: 'flaky', other_changes: { runs: 3, failed: 1, passed: 2 } });
    }
    // the quota bug fails on the change's other patch set too; the listing bug came with patch set 2
    expect(row(THE_CHANGE[0]).same_change).toMatchObject({ runs: 1, failed: 1 });
    expect(row(THE_CHANGE[4]).same_change).toMatchObject({ runs: 1, failed: 0, passed: 1 });
  });
});
