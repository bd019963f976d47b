import { randomBytes, randomUUID } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ArtifactStore, CHUNK_BYTES } from '../../src/artifacts/artifact-store';
import { BlobReader } from '../../src/artifacts/blob-reader';
import { TaskAnswers } from '../../src/scrape/task-answers';
import { TaskLifecycle } from '../../src/tasks/task-lifecycle';
import { FakeUpstream } from '../fake-upstream/fake-json-server';
import { FakeLogServer, LogPathName, startFakeLogServer } from '../fake-upstream/fake-logs';
import { startFakeGerrit } from '../fake-upstream/fake-gerrit';
import { startFakeZuul, ZuulBuildRecord } from '../fake-upstream/fake-zuul';
import { postFailureNoLogsEntry } from '../fake-upstream/data/errored-builds';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson, rawGet, waitForTask } from './harness';

const expectedTempest = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/subunit/expected/devstack-gate-tempest.stream-to-dict.json'), 'utf8'),
) as { id: string; status: string }[];

/** Builds of one job whose logs all 404 on the fake log server: one finished weeks ago, one still running. */
function buildsWithoutLogs(logs: FakeLogServer): ZuulBuildRecord[] {
  const ref = { project: 'openstack/tempest', change: 100012, patchset: '1' };
  const common = { job_name: 'tempest-full', pipeline: 'check', ref };
  return [
    {
      ...common,
      _id: 1,
      uuid: '9f9f9f9a0b1c4d2e8f3a4b5c6d7e8f90',
      result: 'SUCCESS',
      end_time: '2024-01-05T10:00:00',
      log_url: logs.logUrl('expired'),
    },
    { ...common, _id: 2, uuid: '8e8e8e8a0b1c4d2e8f3a4b5c6d7e8f90', result: null, end_time: null, log_url: null },
  ];
}

describe(`scrape pipeline (${BACKEND})`, () => {
  let logs: FakeLogServer;
  let zuul: FakeUpstream;
  /** Knows no change: a task's entry comes from Zuul's builds and the log URL's path. */
  let gerrit: FakeUpstream;
  let s: BootedApp;

  beforeAll(async () => {
    logs = await startFakeLogServer({ bombBytes: 512 * 1024 * 1024 });
    zuul = await startFakeZuul({ tenant: 'openstack', builds: buildsWithoutLogs(logs), buildsets: [] });
    gerrit = await startFakeGerrit([]);
    s = await bootApp({
      ARTIFACT_HOSTS: logs.host,
      ZUUL_URL: zuul.url,
      GERRIT_URL: gerrit.url,
      UPSTREAM_CACHE_SECONDS: '0', // each case below counts its own Zuul requests
      FETCH_TIMEOUT_MS: '2000',
      MAX_ARTIFACT_BYTES: String(64 * 1024 * 1024),
    });
  });
  afterAll(async () => {
    await s.close();
    await logs.close();
    await zuul.close();
    await gerrit.close();
  });

  async function scrape(name: LogPathName, extra: Record<string, unknown> = {}) {
    const res = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl(name), ...extra });
    expect(res.status).toBe(202);
    const final = await waitForTask(s.baseUrl, res.body.uuid);
    const task = await postJson(s.baseUrl, '/task', { q: res.body.uuid });
    return { uuid: res.body.uuid as string, final, task: task.body, taskStatus: task.status };
  }

  async function blobJson(id: string) {
    const res = await fetch(`${s.baseUrl}/blob/${id}`);
    return { res, json: JSON.parse(Buffer.from(await res.arrayBuffer()).toString('utf8')) };
  }

  it('scrapes a legacy tempest build (autoindex, .gz as application/x-gzip) into every artifact', async () => {
    const { uuid, final, task, taskStatus } = await scrape('legacyTempest', {
      change_id: 271726,
      name: 'gate-tempest-dsvm-full',
      pipeline: 'check',
      status: 'SUCCESS',
      extra_field: 'ignored',
    });
    expect(final).toMatchObject({ status: 'finished' });
    expect(taskStatus).toBe(200);
    expect(task).toMatchObject({
      id: uuid,
      change_id: 271726,
      name: 'gate-tempest-dsvm-full',
      status: 'SUCCESS',
      url: logs.logUrl('legacyTempest'),
    });
    expect(task).not.toHaveProperty('extra_field');
    const types = task.artifacts.map((a: { artifact_type: string }) => a.artifact_type).sort();
    expect(types).toEqual(['console', 'dstat', 'subunit', 'subunit-details', 'subunit-stats']);
    for (const a of task.artifacts) {
      expect(a).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        artifact_name: expect.any(String),
        artifact_type: expect.any(String),
        content_type: a.artifact_type === 'dstat' ? 'text/csv' : 'application/json',
        content_encoding: 'gzip',
        primary: a.artifact_type === 'subunit',
      });
    }
    const subunit = task.artifacts.find((a: { artifact_type: string }) => a.artifact_type === 'subunit');
    expect(subunit.artifact_name).toBe('testrepository.subunit');
    const { res, json } = await blobJson(subunit.id);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(json).toHaveLength(expectedTempest.length);
    expect(new Set(json.map((t: { id: string }) => t.id))).toEqual(new Set(expectedTempest.map((t) => t.id)));
    expect(json[0]).toEqual(
      expect.objectContaining({
        name: expect.any(String),
        status: expect.any(String),
        tags: expect.any(Array),
        timestamps: expect.any(Array),
      }),
    );
  });

  it('serves a blob gzip-encoded with a strong ETag, 304 on If-None-Match, and plain bytes to a client refusing gzip', async () => {
    const { task } = await scrape('legacyTempest');
    const dstat = task.artifacts.find((a: { artifact_type: string }) => a.artifact_type === 'dstat');
    const raw = await fetch(`${s.baseUrl}/blob/${dstat.id}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(raw.status).toBe(200);
    expect(raw.headers.get('content-encoding')).toBe('gzip');
    expect(raw.headers.get('content-type')).toBe('text/csv');
    expect(raw.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const etag = raw.headers.get('etag')!;
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const text = Buffer.from(await raw.arrayBuffer()).toString('utf8'); // fetch decodes gzip itself
    expect(text).toMatch(/^"Dstat/);
    const again = await fetch(`${s.baseUrl}/blob/${dstat.id}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const plain = await rawGet(`${s.baseUrl}/blob/${dstat.id}`, { 'accept-encoding': 'identity' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString('utf8')).toBe(text);
    const gz = await rawGet(`${s.baseUrl}/blob/${dstat.id}`, { 'accept-encoding': 'gzip' });
    expect(Number(gz.headers['content-length'])).toBe(gz.body.length);
    expect(gunzipSync(gz.body).toString('utf8')).toBe(text);
  });

  it('returns the existing task when the same url is scraped again', async () => {
    const first = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl('legacyUnit') });
    const second = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl('legacyUnit').replace(/\/$/, '') });
    expect(second.body.uuid).toBe(first.body.uuid);
    await waitForTask(s.baseUrl, first.body.uuid);
    const third = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl('legacyUnit') });
    expect(third.body).toEqual({ uuid: first.body.uuid, status: 'finished' });
  });

  it.each<[LogPathName, string]>([
    ['legacyTempestEncoded', 'legacy build with Content-Encoding: gzip'],
    ['modern', 'modern build with zuul-manifest.json'],
    ['unlisted', 'legacy build without listings (probing)'],
    ['movedBuild', 'a build behind a redirect within ARTIFACT_HOSTS'],
  ])('scrapes the %s layout (%s)', async (name) => {
    const { final, task } = await scrape(name);
    expect(final.status).toBe('finished');
    const types = task.artifacts.map((a: { artifact_type: string }) => a.artifact_type);
    expect(types).toEqual(expect.arrayContaining(['subunit', 'subunit-stats', 'subunit-details']));
    const stats = task.artifacts.find((a: { artifact_type: string }) => a.artifact_type === 'subunit-stats');
    const { json } = await blobJson(stats.id);
    expect(json.count).toBeGreaterThan(0);
  });

  it('keeps a console-only build, with the console as the primary artifact', async () => {
    const { final, task } = await scrape('consoleOnly');
    expect(final.status).toBe('finished');
    expect(task.artifacts).toEqual([expect.objectContaining({ artifact_type: 'console', artifact_name: 'job-output.txt', primary: true })]);
    const { json } = await blobJson(task.artifacts[0].id);
    expect(json.scripts.length).toBeGreaterThan(0);
  });

  it('a Jenkins build that failed in a step no line marks: the console names that step and points at its first failing test', async () => {
    const { final, task } = await scrape('jenkinsFailedStep', { name: 'gate-tempest-dsvm-neutron-full', status: 'FAILURE' });
    expect(final.status).toBe('finished');
    const { json } = await blobJson(task.artifacts.find((a: { artifact_type: string }) => a.artifact_type === 'console').id);
    expect(json.status).toBe('FAILURE');
    const failed = json.scripts.filter((s: { status: string }) => s.status === 'failed');
    expect(failed.map((s: { name: string; kind: string }) => [s.kind, s.name])).toEqual([
      ['task', 'Build step 3: ./safe-devstack-vm-gate-wrap.sh'],
      ['other', 'Finished: FAILURE'],
    ]);
    expect(failed[0].lines[failed[0].first_error].line).toMatch(
      /RoutersTest\.test_add_multiple_router_interfaces \[183\.905612s\] \.\.\. FAILED$/,
    );
  });

  it.each<[LogPathName, RegExp]>([
    [
      'nothingUseful',
      /no subunit or console artifact found under http:\/\/127\.0\.0\.1:\d+\/26\/271726\/2\/check\/gate-stackviz-docs\/0d0c5e1\//,
    ],
    ['expired', /gone \(404\).*expires/],
    ['hostileBuild', /not in ARTIFACT_HOSTS/],
  ])('ends %s in error with a message a user can act on', async (name, message) => {
    const { final, task, taskStatus } = await scrape(name, { status: 'SUCCESS' });
    expect(final.status).toBe('error');
    expect(final.message).toMatch(message);
    expect(taskStatus).toBe(200);
    // nothing readable, expired, or refused: scraping it again cannot help
    expect(task).toMatchObject({ scrape_status: 'error', message: expect.stringMatching(message), retryable: false });
    expect(logs.hostileRequests).toEqual([]);
  });

  it('a POST_FAILURE build that left only zuul-info: /task keeps its Entry beside the error, and says a retry cannot help', async () => {
    const entry = postFailureNoLogsEntry(logs.logUrl('postFailureNoLogs'));
    const res = await postJson(s.baseUrl, '/scrape', entry);
    const final = await waitForTask(s.baseUrl, res.body.uuid);
    expect(final).toMatchObject({ status: 'error', message: expect.stringMatching(/^no subunit or console artifact found under /) });
    const { status, body } = await postJson(s.baseUrl, '/task', { q: res.body.uuid });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      ...entry,
      id: res.body.uuid,
      scrape_status: 'error',
      retryable: false,
      artifacts: [],
      message: final.message,
    });
  });

  describe('logs that 404 for a task posted without a CI result: the entry Zuul gives tells whether the build finished', () => {
    const dir = '/12/100012/1/check/tempest-full';
    // `retryable`: whether scraping it again may find logs (not once they have expired)
    it.each<[string, string, RegExp, boolean]>([
      [
        'finished weeks ago: expired',
        '9f9f9f9',
        /^the logs at .* are gone \(404\): .*expires.* \(Zuul says build 9f9f9f9a0b1c4d2e8f3a4b5c6d7e8f90 finished on 2024-01-05 with SUCCESS\)$/,
        false,
      ],
      [
        'no result yet: still running',
        '8e8e8e8',
        /^there are no logs at .* yet: Zuul says build 8e8e8e8a0b1c4d2e8f3a4b5c6d7e8f90 has no result, so it is still running; scrape it again once it finishes$/,
        true,
      ],
      [
        'unknown to Zuul: both',
        '7d7d7d7',
        /^there are no logs at .* \(404\), and Zuul could not say whether the build has finished: either it is still running .* or .* its logs have expired$/,
        true,
      ],
    ])('%s', async (_case, hash, message, retryable) => {
      const before = zuul.requests.length;
      const res = await postJson(s.baseUrl, '/scrape', { url: `${logs.url}${dir}/${hash}/` });
      const final = await waitForTask(s.baseUrl, res.body.uuid);
      expect(final).toMatchObject({ status: 'error', message: expect.stringMatching(message) });
      expect((await postJson(s.baseUrl, '/task', { q: res.body.uuid })).body.retryable).toBe(retryable);
      // One builds query for the job, as /list makes for a log URL, when the scrape starts (it fills
      // in the task's entry); the logs themselves are never asked of Zuul.
      expect(zuul.requests.slice(before).map((r) => r.path)).toEqual([
        '/api/tenant/openstack/builds?change=100012&patchset=1&pipeline=check&job_name=tempest-full&limit=1000',
      ]);
    });

    it.each([
      ['the entry names it', { url: `${dir}/8e8e8e8/`, build_uuid: '8e8e8e8a0b1c4d2e8f3a4b5c6d7e8f90' }],
      ['the log URL holds it', { url: '/openstack/8e8e8e8a0b1c4d2e8f3a4b5c6d7e8f90/' }],
    ])('asks for the build by its uuid when %s', async (_case, entry) => {
      const before = zuul.requests.length;
      const res = await postJson(s.baseUrl, '/scrape', { ...entry, url: logs.url + entry.url });
      const final = await waitForTask(s.baseUrl, res.body.uuid);
      expect(final.message).toMatch(/Zuul says build 8e8e8e8a0b1c4d2e8f3a4b5c6d7e8f90 has no result/);
      expect(zuul.requests.slice(before).map((r) => r.path)).toEqual(['/api/tenant/openstack/build/8e8e8e8a0b1c4d2e8f3a4b5c6d7e8f90']);
    });
  });

  it('never contacts a host outside ARTIFACT_HOSTS, even through a redirect of one artifact', async () => {
    const { final } = await scrape('hostileSubunit');
    expect(final.status).toBe('finished'); // the console is still there
    expect(final.message).toMatch(/testrepository\.subunit skipped: .*not in ARTIFACT_HOSTS/);
    expect(logs.hostileRequests).toEqual([]);
  });

  it('stops a gzip bomb at the cap without the process growing', async () => {
    const before = process.memoryUsage().rss;
    const { final } = await scrape('gzipBomb');
    expect(final.status).toBe('finished'); // its console is still worth keeping
    expect(final.message).toMatch(/testrepository\.subunit skipped: .*larger than MAX_ARTIFACT_BYTES \(67108864 bytes\)/);
    expect(process.memoryUsage().rss - before).toBeLessThan(128 * 1024 * 1024);
  });

  it('reports a corrupt stream without crashing and keeps what could be read', async () => {
    const { final, task } = await scrape('corruptSubunit');
    expect(final.status).toBe('finished');
    const subunit = task.artifacts.find((a: { artifact_type: string }) => a.artifact_type === 'subunit');
    expect((await blobJson(subunit.id)).json.length).toBeGreaterThan(0);
  });

  it("answers an ended task's /status and /task from remembered bytes, as the controller would, with the same headers and errors", async () => {
    const { uuid } = await scrape('modernTempest');
    const answers = s.app.get(TaskAnswers);
    // Sent under an alias, the uuid goes to the controller, which sends the same remembered bytes.
    const controller = async (path: string) => {
      const res = await fetch(s.baseUrl + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ id: uuid }),
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      return res.text();
    };
    const computed = { '/status': await controller('/status'), '/task': await controller('/task') };
    expect(JSON.parse(computed['/status'])).toMatchObject({ uuid, status: 'finished' });
    expect(JSON.parse(computed['/task'])).toMatchObject({
      id: uuid,
      artifacts: expect.arrayContaining([expect.objectContaining({ artifact_type: 'subunit' })]),
    });
    const readStatus = jest.spyOn(answers, 'status');
    const readTask = jest.spyOn(answers, 'task');
    try {
      for (const path of ['/status', '/task'] as const) {
        for (const q of [uuid, ` ${uuid.toUpperCase()} `]) {
          const res = await fetch(s.baseUrl + path, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-request-id': 'poller-1' },
            body: JSON.stringify({ q, ignored: 1 }),
          });
          expect(res.status).toBe(200);
          expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
          expect(res.headers.get('x-request-id')).toBe('poller-1');
          expect(res.headers.get('x-content-type-options')).toBe('nosniff');
          expect(await res.text()).toBe(computed[path]);
        }
        const bad = await postJson(s.baseUrl, path, { q: `${uuid}x` });
        expect(bad).toMatchObject({ status: 400, body: { statusCode: 400, message: expect.stringMatching(/q must be a task uuid/) } });
      }
      // (only this task's reads: an earlier test's poller may still be asking about its own)
      expect(readStatus.mock.calls.filter(([q]) => q === uuid)).toEqual([]);
      expect(readTask.mock.calls.filter(([q]) => q === uuid)).toEqual([]);
    } finally {
      readStatus.mockRestore();
      readTask.mockRestore();
    }
  });

  it('answers GET /blob of a small blob in memory as the controller does: same bytes and headers, 304, identity', async () => {
    const { task } = await scrape('modernTempest');
    const { id } = task.artifacts.find((a: { artifact_type: string }) => a.artifact_type === 'subunit-stats');
    const read = (headers: Record<string, string> = {}, blobId: string = id) =>
      fetch(`${s.baseUrl}/blob/${blobId}`, { headers: { 'accept-encoding': 'gzip', ...headers } }).then(async (res) => ({
        status: res.status,
        headers: Object.fromEntries(
          ['content-type', 'content-encoding', 'content-length', 'etag', 'cache-control', 'vary'].map((h) => [h, res.headers.get(h)]),
        ),
        requestId: res.headers.get('x-request-id'),
        bytes: Buffer.from(await res.arrayBuffer()),
      }));
    const first = await read(); // from the database, through BlobController; the blob is in memory after it
    const blobs = s.app.get(BlobReader);
    const open = jest.spyOn(blobs, 'open');
    try {
      const again = await read({ 'x-request-id': 'viewer-7' }, id.toUpperCase());
      expect(again).toEqual({ ...first, requestId: 'viewer-7' });
      expect((await read({ 'if-none-match': first.headers.etag! })).status).toBe(304);
      const identity = await read({ 'accept-encoding': 'identity' });
      expect(identity.headers['content-encoding']).toBeNull();
      expect(JSON.parse(identity.bytes.toString('utf8'))).toHaveProperty('failures');
      expect(open.mock.calls.filter(([blobId]) => blobId === id)).toEqual([]);
      expect((await fetch(`${s.baseUrl}/blob/${id}x`)).status).toBe(400);
    } finally {
      open.mockRestore();
    }
  });

  it('retries a transient 503 with backoff and finishes', async () => {
    const { final } = await scrape('flakySubunit');
    expect(final.status).toBe('finished');
    const hits = logs.requests.filter(
      (r) => r.method === 'GET' && r.path === `${new URL(logs.logUrl('flakySubunit')).pathname}testrepository.subunit`,
    );
    expect(hits.length).toBe(2);
  });

  it('answers /task with 202 "not ready yet" while the scrape runs', async () => {
    const res = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl('trickleSubunit') });
    const early = await postJson(s.baseUrl, '/task', { q: res.body.uuid });
    expect(early.status).toBe(202);
    expect(early.body).toEqual({ uuid: res.body.uuid, status: expect.stringMatching(/^(queued|running)$/), message: 'not ready yet' });
    const status = await postJson(s.baseUrl, '/status', { q: res.body.uuid });
    expect(status.body).toEqual(expect.objectContaining({ uuid: res.body.uuid, status: expect.stringMatching(/^(queued|running)$/) }));
    expect((await waitForTask(s.baseUrl, res.body.uuid)).status).toBe('finished');
  });

  it("stores and serves a blob larger than MariaDB's 16 MiB max_allowed_packet, in chunks", async () => {
    const id = randomUUID();
    await s.dataSource.query("INSERT INTO tasks (id, url, status) VALUES (?, 'http://x.test/big/', 'running')", [id]);
    const big = randomBytes(20 * 1024 * 1024 + 123);
    const lifecycle = s.app.get(TaskLifecycle);
    const store = s.app.get(ArtifactStore);
    const item = {
      artifactName: 'big.subunit',
      artifactType: 'subunit' as const,
      contentType: 'application/json',
      primary: true,
      gzipped: big,
    };
    expect(await lifecycle.complete(id, [item], { status: 'finished', message: null, warnings: [] })).toBe(true);
    expect(await lifecycle.complete(id, [item], { status: 'finished', message: null, warnings: [] })).toBe(false); // completes once
    const [artifact] = await store.listForTask(id);
    const chunks = await s.dataSource.query('SELECT COUNT(*) AS n FROM artifact_chunks WHERE artifact_id = ?', [artifact.id]);
    expect(Number(chunks[0].n)).toBe(Math.ceil(big.length / CHUNK_BYTES));
    const res = await rawGet(`${s.baseUrl}/blob/${artifact.id}`, { 'accept-encoding': 'gzip' });
    expect(res.body.equals(big)).toBe(true);
  });

  it('re-enqueues at start-up a queued task whose job was lost with its process', async () => {
    const id = randomUUID();
    await s.dataSource.query("INSERT INTO tasks (id, url, dedup_key, status) VALUES (?, ?, ?, 'queued')", [
      id,
      logs.logUrl('legacyUnit'),
      'lost-job-' + id.slice(0, 8),
    ]);
    const env = {
      ARTIFACT_HOSTS: logs.host,
      DATABASE_URL: s.config.database.type === 'sqlite' ? `sqlite:${s.config.database.path}` : s.config.database.url,
    };
    if (s.config.redisUrl) Object.assign(env, { REDIS_URL: s.config.redisUrl, QUEUE_PREFIX: `${s.config.queuePrefix}-restarted` });
    const restarted = await bootApp(env, { keepTables: true });
    try {
      expect((await waitForTask(restarted.baseUrl, id)).status).toBe('finished');
    } finally {
      await restarted.close();
    }
  });
});
