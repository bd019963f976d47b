import { RUN_FIELDS } from '../../src/api-shapes';
import type { FakeLogServer, LogPathName } from '../fake-upstream/fake-logs';
import { FakeUpstreams, startFakeUpstreams } from '../fake-upstream/fake-upstreams';
import type { FakeUpstream } from '../fake-upstream/fake-json-server';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson, waitForTask } from './harness';

/** The run fields of an entry or a task answer. */
const runFields = (body: Record<string, unknown>) => Object.fromEntries(RUN_FIELDS.map((k) => [k, body[k]]));

describe(`POST /scrape of a bare log URL: the task gets the Entry fields /list of that URL gives (${BACKEND})`, () => {
  let upstreams: FakeUpstreams;
  let logs: FakeLogServer;
  let zuul: FakeUpstream;
  let gerrit: FakeUpstream;
  let s: BootedApp;

  beforeAll(async () => {
    upstreams = await startFakeUpstreams();
    ({ logs, zuul, gerrit } = upstreams);
    s = await bootApp({ ...upstreams.env, UPSTREAM_CACHE_SECONDS: '0', FETCH_TIMEOUT_MS: '1500' });
  });
  afterAll(async () => {
    await s?.close();
    await upstreams?.close();
  });
  afterEach(() => {
    zuul.setMode('ok');
    gerrit.setMode('ok');
  });

  async function scrapeAndRead(body: Record<string, unknown>) {
    const res = await postJson(s.baseUrl, '/scrape', body);
    expect(res.status).toBe(202);
    await waitForTask(s.baseUrl, res.body.uuid);
    const task = await postJson(s.baseUrl, '/task', { q: res.body.uuid });
    return { uuid: res.body.uuid as string, task: task.body };
  }
  const listed = async (name: LogPathName) => (await postJson(s.baseUrl, '/list', { q: logs.logUrl(name) })).body.results[0];

  it.each<[LogPathName, string]>([
    ['modern', 'a build Zuul knows: job, change, patch set, pipeline, project, result and build from Zuul, subject from Gerrit'],
    ['legacyUnit', 'a Jenkins-era build: the change from Gerrit, the result from the comment that linked the logs'],
  ])('%s: %s', async (name) => {
    const { task } = await scrapeAndRead({ url: logs.logUrl(name) });
    expect(task.scrape_status).toBeUndefined();
    expect(runFields(task)).toEqual(runFields(await listed(name)));
    expect(task.name).not.toBeNull();
    expect(task.change_id).not.toBeNull();
    expect(task.branch).toBe('master');
  });

  it('keeps what the body gave and fills only what it left out', async () => {
    const given = { name: 'my-own-name', status: null, branch: 'feature/own' };
    const { task } = await scrapeAndRead({ url: logs.logUrl('triageTempest'), ...given });
    // Zuul knows no build at that path; the path gives the change, patch set and pipeline, Gerrit the rest.
    expect(runFields(task)).toEqual({
      ...runFields(await listed('triageTempest')),
      name: 'my-own-name',
      branch: 'feature/own',
    });
    expect(task).toMatchObject({ change_id: 123456, revision: 3, pipeline: 'check', change_project: 'openstack/nova' });
  });

  it("carries a listed entry's branch to its task and to its failures' occurrences", async () => {
    // a periodic build Zuul forgot: its branch is read from the log URL's path
    const entry = await listed('v3Periodic');
    expect(entry.branch).toBe('stable/2023.2');
    const { uuid, task } = await scrapeAndRead(entry);
    expect(task.branch).toBe('stable/2023.2');
    const top = await (await fetch(`${s.baseUrl}/failures/top?days=1`)).json();
    expect(top.results.length).toBeGreaterThan(0);
    const mine: { branch: string | null }[] = [];
    for (const { signature_id } of top.results) {
      const detail = await (await fetch(`${s.baseUrl}/failures/${signature_id}?days=1`)).json();
      mine.push(...detail.latest.filter((o: { task: string | null }) => o.task === uuid));
    }
    expect(mine.length).toBeGreaterThan(0);
    expect(new Set(mine.map((o) => o.branch))).toEqual(new Set(['stable/2023.2']));
  });

  it('leaves the fields null where the URL names nothing that can be looked up', async () => {
    const { task } = await scrapeAndRead({ url: logs.logUrl('movedBuild') });
    expect(task.artifacts.length).toBeGreaterThan(0);
    expect(Object.values(runFields(task)).filter((v) => v !== null)).toEqual([logs.logUrl('movedBuild')]);
  });

  it('answers the POST at once when Zuul and Gerrit do not answer; the task finishes without the fields', async () => {
    zuul.setMode('hang');
    gerrit.setMode('hang');
    const started = Date.now();
    const res = await postJson(s.baseUrl, '/scrape', { url: logs.logUrlCopy('modern', 1) });
    expect(res.status).toBe(202);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await waitForTask(s.baseUrl, res.body.uuid)).toMatchObject({ status: 'finished' });
    const { body: task } = await postJson(s.baseUrl, '/task', { q: res.body.uuid });
    expect(task.name).toBeNull();
    expect(task.warnings).toEqual([]);
  });

  it('makes compare name such a run and flake insight take it (a bare URL was a 422)', async () => {
    const { body: list } = await postJson(s.baseUrl, '/list', { q: logs.logUrl('modern') });
    const fromList = await postJson(s.baseUrl, '/scrape', list.results[0]);
    await waitForTask(s.baseUrl, fromList.body.uuid);
    // Another copy of the same build's logs, posted as a bare URL.
    const bare = await scrapeAndRead({ url: logs.logUrlCopy('modern', 2) });
    expect(bare.task).toMatchObject({ name: 'tempest-full-py3', build_uuid: list.results[0].build_uuid });

    const compared = await postJson(s.baseUrl, '/compare', { base: fromList.body.uuid, head: bare.uuid });
    expect(compared.status).toBe(200);
    expect([compared.body.base.name, compared.body.head.name]).toEqual(['tempest-full-py3', 'tempest-full-py3']);
    const insight = await postJson(s.baseUrl, '/insight', { q: bare.uuid, builds: 1 });
    expect(insight.status).toBe(202);
  });
});
