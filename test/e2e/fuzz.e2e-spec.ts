import fc from 'fast-check';
import * as http from 'node:http';
import { FixtureBases } from '../fake-upstream/data/fixture-bases';
import { gerritFixture } from '../fake-upstream/data/gerrit-changes';
import { zuulFixture } from '../fake-upstream/data/zuul-builds';
import { startFakeGerrit } from '../fake-upstream/fake-gerrit';
import { FakeUpstream } from '../fake-upstream/fake-json-server';
import { FakeLogServer, startFakeLogServer } from '../fake-upstream/fake-logs';
import { startFakeZuul } from '../fake-upstream/fake-zuul';
import { BACKEND } from './backend';
import { BootedApp, bootApp, postJson, waitForTask } from './harness';
import { HostileRequest, hostileUrl, jsonPost, pathRequest, rawPost } from './hostile-input';
import { errorShapeProblems, sendRaw } from './raw-http';

/** The routes fuzzed, by prefix (longest first where one is inside another). */
const ROUTES = [
  '/list',
  '/scrape',
  '/status',
  '/task',
  '/compare',
  '/insight/result',
  '/insight',
  '/recent',
  '/blob',
  '/health',
  '/go',
  '/s',
];

function routeOf(path: string): string {
  return ROUTES.find((r) => path === r || path.startsWith(r + '/') || path.startsWith(r + '?')) ?? 'other';
}

/**
 * Property-based fuzzing of every endpoint with what hostile or clumsy clients send (see
 * hostile-input.ts). Whatever arrives: never a 5xx, every 4xx in the API's error shape, the socket
 * never reset, and the service healthy afterwards. Upstreams are fakes that answer at once; the only
 * log server the app may fetch from is the fake one, so a fuzzed URL is refused before any fetch or
 * fails fast there. Some finished tasks and their blobs exist, and the uuids fuzzed include theirs,
 * so requests also get past validation into the endpoints' work.
 */
describe(`fuzzing every endpoint (${BACKEND})`, () => {
  let logs: FakeLogServer;
  let gerrit: FakeUpstream;
  let zuul: FakeUpstream;
  let s: BootedApp;
  let agent: http.Agent;
  /** "METHOD route status" → how many answers. */
  const seen = new Map<string, number>();
  const tasks: string[] = [];
  const blobs: string[] = [];

  beforeAll(async () => {
    logs = await startFakeLogServer();
    zuul = await startFakeZuul(zuulFixture(logs.url));
    const bases: FixtureBases = { legacyLogsUrl: logs.url, artifactUrl: logs.url, zuulUrl: zuul.url };
    gerrit = await startFakeGerrit(gerritFixture(bases));
    s = await bootApp({
      GERRIT_URL: gerrit.url,
      ZUUL_URL: zuul.url,
      LEGACY_LOGS_URL: logs.url,
      ARTIFACT_HOSTS: logs.host,
      FETCH_TIMEOUT_MS: '2000',
    });
    agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
    for (const build of ['legacyUnit', 'modern', 'consoleOnly'] as const) {
      const { body } = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl(build) });
      expect((await waitForTask(s.baseUrl, body.uuid)).status).toBe('finished');
      tasks.push(body.uuid);
      blobs.push(...(await postJson(s.baseUrl, '/task', { q: body.uuid })).body.artifacts.map((a: { id: string }) => a.id));
    }
  }, 60_000);

  afterAll(async () => {
    agent?.destroy();
    await s?.close();
    await Promise.all([logs, gerrit, zuul].map((u) => u?.close()));
  });

  /** Sends one request; the property fails on a 5xx, a malformed error, or a broken connection. */
  async function check(req: HostileRequest): Promise<void> {
    const answer = await sendRaw(s.baseUrl, agent, req.path, { method: req.method, headers: req.headers, body: req.body }).catch(
      (err: Error) => {
        throw new Error(`${req.method} ${req.path.slice(0, 200)}: ${err.message}`);
      },
    );
    const route = `${req.method} ${routeOf(req.path)} ${answer.status}`;
    seen.set(route, (seen.get(route) ?? 0) + 1);
    const what = `${req.method} ${req.path.slice(0, 200)} ${req.headers['content-type'] ?? ''} ${String(req.body).slice(0, 300)}`;
    if (answer.status >= 500) throw new Error(`${answer.status} for ${what}: ${JSON.stringify(answer.body).slice(0, 500)}`);
    if (answer.status >= 400 && req.method !== 'HEAD') {
      const problems = errorShapeProblems(answer);
      if (problems.length) throw new Error(`${answer.status} for ${what} is not in the error shape: ${problems.join('; ')}`);
    }
  }

  const run = (arbitrary: fc.Arbitrary<HostileRequest>, numRuns: number, examples: HostileRequest[] = []) =>
    fc.assert(
      fc.asyncProperty(arbitrary, (req) => check(req)),
      { numRuns, examples: examples.map((e) => [e]) },
    );

  it('JSON bodies of every endpoint: wrong types, huge and unicode strings, NUL bytes, bad uuids, hostile URLs', async () => {
    await run(jsonPost(logs.host, tasks), 500);
  }, 120_000);

  it('URLs that must be refused before any fetch, or fail fast on the fake log server', async () => {
    const url = hostileUrl(logs.host);
    const body = fc.oneof(
      url.map((u) => ({ path: '/scrape', body: { url: u } })),
      url.map((u) => ({ path: '/list', body: { q: u, history: true } })),
    );
    await run(
      body.map(({ path, body: b }): HostileRequest => ({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(b),
      })),
      200,
    );
    expect(logs.hostileRequests).toEqual([]);
  }, 120_000);

  it('bodies that are not JSON objects, wrong content types and bodies over 64 KiB', async () => {
    await run(rawPost(), 200);
  }, 120_000);

  it('paths: blob ids, UI routes, health, unknown routes, bad and overlong encodings, other methods', async () => {
    // Each plain GET once for sure: a route that only random draws reach may, by chance, not be reached.
    const plainGets = ['/recent', '/health', '/health/storage', '/docs-json'].map((path): HostileRequest => ({
      method: 'GET',
      path,
      headers: {},
    }));
    await run(pathRequest([...tasks, ...blobs]), 300, plainGets);
  }, 120_000);

  it('sent at least 1,000 requests across every endpoint, and the service is healthy afterwards', async () => {
    const total = [...seen.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(1000);
    const answers = [...seen.keys()].map((k) => k.split(' '));
    expect(new Set(answers.map(([, route]) => route))).toEqual(new Set([...ROUTES, 'other']));
    // Every route the service has (its OpenAPI document, the UI's) was reached, not only 404'd.
    const doc = (await (await fetch(`${s.baseUrl}/docs-json`)).json()) as { paths: Record<string, unknown> };
    const served = [...Object.keys(doc.paths).map(routeOf), '/go', '/s'].filter((r) => r !== 'other');
    for (const route of new Set(served))
      expect([route, answers.some(([, r, status]) => r === route && status !== '404')]).toEqual([route, true]);
    for (const status of ['202', '413', '415', '431']) expect(answers.some(([, , st]) => st === status)).toBe(true);

    expect((await fetch(`${s.baseUrl}/health`)).status).toBe(200);
    const scrape = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl('legacyUnit') });
    expect(scrape.status).toBe(202);
    expect((await waitForTask(s.baseUrl, scrape.body.uuid)).status).toBe('finished');
    expect(logs.hostileRequests).toEqual([]);
  }, 60_000);
});
