import type { FakeLogServer, LogPathName } from '../fake-upstream/fake-logs';
import { FakeUpstreams, startFakeUpstreams } from '../fake-upstream/fake-upstreams';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson, waitForTask } from './harness';

const NONE = {
  change_id: null,
  change_project: null,
  change_subject: null,
  ci_username: null,
  revision: null,
  status: null,
  build_uuid: null,
  voting: null,
  duration: null,
  finished_at: null,
  branch: null,
  scrapable: true,
  unscrapable_reason: null,
  error_detail: null,
};
const ZUUL_FORGOT = 'Zuul (tenant openstack) has no record of this build any more';
const FROM_PATH = ": this entry is read from its log URL's path, and its logs are there.";

describe(`POST /list of a build Gerrit and Zuul no longer know: listed from its log URL's path (${BACKEND})`, () => {
  let upstreams: FakeUpstreams;
  let logs: FakeLogServer;
  let s: BootedApp;

  beforeAll(async () => {
    upstreams = await startFakeUpstreams();
    logs = upstreams.logs;
    s = await bootApp({ ...upstreams.env, UPSTREAM_CACHE_SECONDS: '0' });
  });
  afterAll(async () => {
    await s?.close();
    await upstreams?.close();
  });

  /** POST /list of a fixture build's log URL, and what the log server was asked. */
  async function list(url: string) {
    const before = logs.requests.length;
    const res = await postJson(s.baseUrl, '/list', { q: url });
    return { ...res, logRequests: logs.requests.slice(before).map((r) => `${r.method} ${r.path}`) };
  }
  const path = (name: LogPathName) => new URL(logs.logUrl(name)).pathname;

  it.each([
    [
      'v3Periodic',
      "Zuul v3's periodic/<host>/<org>/<repo>/<branch>/<job>/<hash>/",
      { name: 'nova-tox-py38-oslo-master', pipeline: 'periodic', change_project: 'openstack/nova', branch: 'stable/2023.2' },
      ZUUL_FORGOT,
    ],
    [
      'v3Post',
      "Zuul v3's <sha[:2]>/<sha>/<pipeline>/<job>/<hash>/",
      { name: 'publish-openstack-releasenotes-python3', pipeline: 'post' },
      ZUUL_FORGOT,
    ],
    [
      'v3Change',
      '<change>/<ps>/<pipeline>/<job>/<hash>/ under Swift, with the change from Gerrit',
      {
        name: 'openstack-tox-docs',
        pipeline: 'check',
        change_id: 970001,
        revision: 1,
        change_project: 'openstack/glance',
        change_subject: 'Add image cache pruning',
        branch: 'master',
      },
      ZUUL_FORGOT,
    ],
    [
      'legacyForgotten',
      'the legacy layout, of a change Gerrit forgot',
      { name: 'gate-nova-python27', pipeline: 'gate', change_id: 880077, revision: 2 },
      'Gerrit has no change 880077 any more',
    ],
  ] as const)('%s (%s) is one entry from the path and a message, once its logs are found', async (name, _layout, fields, who) => {
    const { status, body, logRequests } = await list(logs.logUrl(name));
    expect(status).toBe(200);
    expect(body).toEqual({ results: [{ ...NONE, url: logs.logUrl(name), ...fields }], message: `${who}${FROM_PATH}` });
    // One HEAD of the log folder: nothing is downloaded.
    expect(logRequests).toEqual([`HEAD ${path(name)}`]);
  });

  it.each([
    [
      'periodic',
      '/periodic/opendev.org/openstack/nova/stable/2023.2/nova-tox-py38-oslo-master/0000000/',
      /^no Zuul build \(tenant openstack\) has the logs at (\S+), and there are no logs at \1 either \(404\)$/,
    ],
    [
      'post',
      '/5a/5a1b2c3d4e5f60718293a4b5c6d7e8f901234567/post/publish-openstack-releasenotes-python3/0000000/',
      /^no Zuul build .* either \(404\)$/,
    ],
    [
      'legacy',
      '/77/880077/2/gate/gate-nova-python27/0000000/',
      /^change 880077 not found on Gerrit, and there are no logs at \S+ either \(404\)$/,
    ],
  ])(
    'a %s build whose logs are not there either is 404, after asking for the folder, its manifest and its index',
    async (_kind, dir, message) => {
      const { status, body, logRequests } = await list(logs.url + dir);
      expect(status).toBe(404);
      expect(body.message).toMatch(message);
      expect(logRequests).toEqual([`HEAD ${dir}`, `HEAD ${dir}zuul-manifest.json`, `HEAD ${dir}index.html`]);
    },
  );

  it('a log server that fails while asked is a 502 naming it, not a 404', async () => {
    const down = await bootApp({
      ...upstreams.env,
      UPSTREAM_CACHE_SECONDS: '0',
      ARTIFACT_HOSTS: `${logs.host},127.0.0.1:9`,
      LEGACY_LOGS_URL: 'http://127.0.0.1:9',
    });
    try {
      const res = await postJson(down.baseUrl, '/list', { q: `http://127.0.0.1:9${path('legacyForgotten')}` });
      expect(res.status).toBe(502);
      expect(res.body.message).toMatch(
        /^the log server could not say whether the logs are there: fetching http:\/\/127\.0\.0\.1:9\/77\/880077\/.* failed/,
      );
    } finally {
      await down.close();
    }
  });

  it('a build Zuul still knows is listed from Zuul, without asking the log server', async () => {
    const { body, logRequests } = await list(logs.logUrl('modern'));
    expect(body.message).toBeUndefined();
    expect(body.results[0]).toMatchObject({
      name: 'tempest-full-py3',
      status: 'SUCCESS',
      build_uuid: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(logRequests).toEqual([]);
  });

  it('a scrape of such a URL alone gets the same fields from the path, and finishes', async () => {
    const res = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl('v3Periodic') });
    expect(res.status).toBe(202);
    expect(await waitForTask(s.baseUrl, res.body.uuid)).toMatchObject({ status: 'finished' });
    const { body: task } = await postJson(s.baseUrl, '/task', { q: res.body.uuid });
    const { body: listed } = await list(logs.logUrl('v3Periodic'));
    const { scrapable: _s, unscrapable_reason: _u, error_detail: _e, ...entry } = listed.results[0];
    expect(task).toMatchObject(entry);
    expect(task.branch).toBe('stable/2023.2');
  });
});
