import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FakeLogServer, LogPathName, startFakeLogServer } from '../fake-upstream/fake-logs';
import type { DetailsByName, StackVizStats, StackVizTest } from '../../src/api-shapes';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson, waitForTask } from './harness';

const fixture = (...path: string[]) => readFileSync(join(__dirname, '../fixtures', ...path));

interface Ref {
  id: string;
  artifact_name: string;
  artifact_type: string;
  content_type: string;
  content_encoding: string;
  primary: boolean;
}

/** Today's OpenDev builds, served as Swift serves them: performance.json, the memory tracker, JUnit, an existing StackViz site. */
describe(`today's OpenDev artifacts (${BACKEND})`, () => {
  let logs: FakeLogServer;
  let s: BootedApp;

  beforeAll(async () => {
    logs = await startFakeLogServer();
    s = await bootApp({ ARTIFACT_HOSTS: logs.host, FETCH_TIMEOUT_MS: '2000' });
  });
  afterAll(async () => {
    await s?.close();
    await logs?.close();
  });

  async function scrape(name: LogPathName, status = 'SUCCESS') {
    const res = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl(name), status });
    expect(res.status).toBe(202);
    const final = await waitForTask(s.baseUrl, res.body.uuid);
    const { body: task } = await postJson(s.baseUrl, '/task', { q: res.body.uuid });
    const artifacts = task.artifacts as Ref[];
    const kinds = artifacts
      .map((a) => [a.artifact_type, a.artifact_name, a.content_type, a.primary])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    return { final, task, artifacts, kinds };
  }

  /** The stored bytes, decoded (fetch undoes the Content-Encoding: gzip the blob is served with). */
  async function blob(artifacts: Ref[], type: string): Promise<Buffer> {
    const ref = artifacts.find((a) => a.artifact_type === type)!;
    expect(ref.content_encoding).toBe('gzip');
    const res = await fetch(`${s.baseUrl}/blob/${ref.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(ref.content_type);
    return Buffer.from(await res.arrayBuffer());
  }
  const blobJson = async (artifacts: Ref[], type: string) => JSON.parse((await blob(artifacts, type)).toString('utf8'));

  it('a devstack tempest build of today: tests, console with the CI result, performance.json as found, memory low points', async () => {
    const { final, task, artifacts, kinds } = await scrape('modernTempest', 'FAILURE');
    expect(final).toMatchObject({ status: 'finished', message: null });
    expect(task.warnings).toEqual([]);
    expect(kinds).toEqual([
      ['console', 'job-output.txt', 'application/json', false],
      ['memory-tracker', 'screen-memory_tracker.txt', 'application/json', false],
      ['performance', 'performance.json', 'application/json', false],
      ['subunit', 'testrepository.subunit', 'application/json', true],
      ['subunit-details', 'testrepository.subunit', 'application/json', false],
      ['subunit-stats', 'testrepository.subunit', 'application/json', false],
    ]);
    expect(await blob(artifacts, 'performance')).toEqual(fixture('performance', 'performance.json'));
    const memory = await blobJson(artifacts, 'memory-tracker');
    expect(memory.points).toHaveLength(12);
    expect(memory.points[3]).toMatchObject({
      time: '2016-06-28T13:41:01.000000+00:00',
      mem_total_kb: 8175420,
      top_processes: expect.any(Array),
    });
    expect(memory.points[3].top_processes[0]).toMatchObject({ pid: 2311, command: '/usr/sbin/mysqld' });
    const console = await blobJson(artifacts, 'console');
    expect(console).toMatchObject({ format: 'zuul', status: 'FAILURE', remaining: null });
    expect(console.scripts[0].lines[0]).toEqual({ date: '2024-02-13 22:01:02.123456', line: 'Job console starting' });
    expect((await blobJson(artifacts, 'subunit-stats')).count).toBe(299);
  });

  it('a memory tracker whose date prints a 12-hour clock: every low point placed, none dropped', async () => {
    const { final, task, artifacts } = await scrape('memoryTracker12h');
    expect(final.status).toBe('finished');
    expect(task.warnings).toEqual([]);
    const memory = await blobJson(artifacts, 'memory-tracker');
    expect(memory.points).toHaveLength(12);
    expect(memory.points[0].time).toBe('2026-11-27T11:42:20.000000+00:00');
    expect(memory.points[4].time).toBe('2026-11-27T12:06:40.000000+00:00');
    expect(memory.unplaced).toEqual([]);
  });

  it('a memory tracker whose low points cannot be placed in time keeps them, unplaced, and says so', async () => {
    const { final, task, artifacts } = await scrape('memoryTrackerUnplaced');
    expect(final.status).toBe('finished');
    expect(task.warnings).toEqual([
      expect.stringMatching(
        /^screen-memory_tracker\.txt: 12 low points could not be placed in time \(date line "2026年 11月 27日 金曜日 09:40:38 UTC" not read/,
      ),
    ]);
    const memory = await blobJson(artifacts, 'memory-tracker');
    expect(memory.points).toEqual([]);
    expect(memory.unplaced).toHaveLength(12);
    expect(memory.unplaced[0]).toMatchObject({ low_point_kb: 6299900, top_processes: expect.any(Array) });
  });

  it('optional reports that cannot be read leave the task finished, the reasons noted', async () => {
    const { final, task, kinds } = await scrape('brokenReports');
    expect(final.status).toBe('finished');
    expect(task.warnings).toEqual([
      expect.stringMatching(/^performance\.json skipped: performance\.json is not JSON/),
      expect.stringMatching(/^screen-memory_tracker\.txt skipped: .* is not memory_tracker output/),
    ]);
    expect(final.message).toBe(task.warnings.join('; '));
    expect(kinds.map(([type]) => type)).toEqual(['console', 'subunit', 'subunit-details', 'subunit-stats']);
  });

  it('a pytest job: its JUnit report becomes the test artifacts, named after the report', async () => {
    const { final, artifacts, kinds } = await scrape('junitOnly');
    expect(final).toMatchObject({ status: 'finished', message: null });
    expect(kinds).toEqual([
      ['console', 'job-output.txt', 'application/json', false],
      ['subunit', 'test-results.xml', 'application/json', true],
      ['subunit-details', 'test-results.xml', 'application/json', false],
      ['subunit-stats', 'test-results.xml', 'application/json', false],
    ]);
    const tests: StackVizTest[] = await blobJson(artifacts, 'subunit');
    expect(tests).toHaveLength(118);
    const count = (status: string) => tests.filter((t) => t.status === status).length;
    expect([count('success'), count('fail'), count('skip')]).toEqual([99, 15, 4]);
    const releaseAll = tests.find((t) => t.id === 'blockstore.tests.unit.test_quota.TestRelease.test_release_all');
    expect(releaseAll).toMatchObject({ name: 'blockstore.tests.unit.test_quota.TestRelease.test_release_all', status: 'fail' });
    expect(releaseAll!.timestamps.every((t) => /^\d{4}-\d\d-\d\dT/.test(t ?? ''))).toBe(true);
    const details: DetailsByName = await blobJson(artifacts, 'subunit-details');
    expect(details['blockstore.tests.unit.test_quota.TestRelease.test_release_all'].traceback).toMatch(
      /AssertionError: usage of project [0-9a-f-]{36} is off/,
    );
    expect(details['blockstore.tests.unit.test_api_client.TestSession.test_connect'].traceback).toContain(
      'ConnectionRefusedError: [Errno 111] Connection refused',
    );
    const stats: StackVizStats = await blobJson(artifacts, 'subunit-stats');
    expect(stats).toMatchObject({ count: 118 });
    expect(stats.failures).toHaveLength(15);
    expect(stats.skips.map((k) => k.details)).toContain('the ceph backend is not deployed in unit test jobs');
  });

  it("a JUnit report with durations only (subunit2junitxml's): every test kept, with null timestamps", async () => {
    const { final, artifacts } = await scrape('junitUntimed');
    expect(final).toMatchObject({ status: 'finished', message: null });
    const tests: StackVizTest[] = await blobJson(artifacts, 'subunit');
    expect(tests).toHaveLength(61);
    expect(tests.every((t) => t.timestamps[0] === null && t.timestamps[1] === null)).toBe(true);
    expect(tests.filter((t) => t.status === 'fail')).toHaveLength(38);
  });

  it('a job with only a StackViz site: its dataset imported as found', async () => {
    const { final, artifacts, kinds } = await scrape('stackvizOnly');
    expect(final).toMatchObject({ status: 'finished', message: null });
    expect(kinds).toEqual([
      ['console', 'job-output.txt', 'application/json', false],
      ['dstat', 'dstat-0.8-tcmndrylpg.csv', 'text/csv', false],
      ['subunit', 'stdin', 'application/json', true],
      ['subunit-details', 'stdin', 'application/json', false],
      ['subunit-stats', 'stdin', 'application/json', false],
    ]);
    for (const [type, file] of [
      ['subunit', 'stdin-0-raw.json'],
      ['subunit-details', 'stdin-0-details.json'],
      ['subunit-stats', 'stdin-0-stats.json'],
      ['dstat', 'dstat.csv'],
    ]) {
      expect(await blob(artifacts, type)).toEqual(fixture('stackviz-site', 'data', file));
    }
  });
});
