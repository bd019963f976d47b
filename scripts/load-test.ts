/**
 * Load test (`npm run load`; not part of `npm test`). Starts the fake log server answering every
 * request after 100 ms, then the built service as OS processes: one api and two workers on MariaDB +
 * Redis (TEST_DATABASE_URL, dropped and re-created; TEST_REDIS_URL). A quiet run scrapes one copy of
 * each fixture build first. Then 100 scrapes of copies of the same builds are queued, and for 30 s 200
 * concurrent clients (autocannon) read /status and /task of those tasks and /blob of the quiet run's
 * artifacts. Prints throughput and p50/p99 per endpoint; exits 1 unless there were no errors (only
 * 2xx and 304, no socket errors or timeouts), all 100 tasks finished, and every artifact of every
 * task is byte for byte the quiet run's. `--seconds=N`, `--connections=N` and `--scrapes=N` change
 * the sizes.
 */
import autocannon from 'autocannon';
import { createHash } from 'node:crypto';
import { FakeLogServer, LogPathName, startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { backendEnv, MYSQL_TEST_URL } from '../test/e2e/backend';
import resetTestDatabase from '../test/e2e/global-setup';
import { freePort, NO_UPSTREAMS, ServiceProcess } from '../test/e2e/service-process';

const BUILDS: LogPathName[] = ['legacyTempest', 'modern', 'legacyUnit', 'modernIndexOnly', 'consoleOnly'];
const LATENCY_MS = 100;
const QUIET_COPY = 1_000_000;
const FINISH_TIMEOUT_MS = 10 * 60_000;

function flag(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.slice(name.length + 3)) : fallback;
}

interface TaskArtifact {
  id: string;
  artifact_name: string;
  artifact_type: string;
}

class Api {
  constructor(readonly url: string) {}

  async post(path: string, body: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(this.url + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: await res.json() };
  }

  async scrape(url: string): Promise<string> {
    const res = await this.post('/scrape', { url });
    if (res.status !== 202) throw new Error(`/scrape ${url}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.uuid as string;
  }

  /** Waits for every task to leave queued/running; returns uuid → final status. */
  async settle(uuids: string[], timeoutMs: number): Promise<Map<string, string>> {
    const deadline = Date.now() + timeoutMs;
    const done = new Map<string, string>();
    while (done.size < uuids.length && Date.now() < deadline) {
      for (const uuid of uuids.filter((u) => !done.has(u))) {
        const { body } = await this.post('/status', { q: uuid });
        if (body.status === 'finished' || body.status === 'error')
          done.set(uuid, body.message ? `${body.status}: ${body.message}` : body.status);
      }
      if (done.size < uuids.length) await new Promise((r) => setTimeout(r, 250));
    }
    return done;
  }

  async artifacts(uuid: string): Promise<TaskArtifact[]> {
    return (await this.post('/task', { q: uuid })).body.artifacts as TaskArtifact[];
  }

  /** artifact type:name → sha256 of the served bytes (decoded) and the ETag (sha256 of the stored gzip). */
  async fingerprints(uuid: string): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const a of await this.artifacts(uuid)) {
      const res = await fetch(`${this.url}/blob/${a.id}`);
      const sha = createHash('sha256')
        .update(Buffer.from(await res.arrayBuffer()))
        .digest('hex');
      out.set(`${a.artifact_type}:${a.artifact_name}`, `${sha} ${res.headers.get('etag')}`);
    }
    return out;
  }
}

async function startService(logs: FakeLogServer): Promise<{ api: Api; processes: ServiceProcess[] }> {
  await resetTestDatabase();
  const port = await freePort();
  const env = {
    ...backendEnv(),
    ...NO_UPSTREAMS,
    ARTIFACT_HOSTS: logs.host,
    HOST: '127.0.0.1',
    PORT: String(port),
    RATE_LIMIT_PER_MINUTE: '0',
  };
  const api = new ServiceProcess(['--role=api'], env);
  await api.waitFor(/api role listening/, 60_000);
  const workers = [new ServiceProcess(['--role=worker'], env), new ServiceProcess(['--role=worker'], env)];
  await Promise.all(workers.map((w) => w.waitFor(/worker started/, 60_000)));
  return { api: new Api(`http://127.0.0.1:${port}`), processes: [api, ...workers] };
}

function row(cells: (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}

async function main(): Promise<number> {
  const seconds = flag('seconds', 30);
  const connections = flag('connections', 200);
  const scrapes = flag('scrapes', 100);
  const logs = await startFakeLogServer({ latencyMs: LATENCY_MS });
  const { api, processes } = await startService(logs);
  const failures: string[] = [];
  try {
    console.log(`database ${new URL(MYSQL_TEST_URL).pathname.slice(1)}; log server latency ${LATENCY_MS} ms; api + 2 workers`);

    // The quiet run: one copy of each build, scraped alone. Its artifacts are the reference bytes.
    const quietStarted = Date.now();
    const quiet = await Promise.all(BUILDS.map((b, i) => api.scrape(logs.logUrlCopy(b, QUIET_COPY + i))));
    const quietDone = await api.settle(quiet, FINISH_TIMEOUT_MS);
    const reference = new Map<LogPathName, Map<string, string>>();
    for (const [i, uuid] of quiet.entries()) {
      if (quietDone.get(uuid) !== 'finished') throw new Error(`quiet run of ${BUILDS[i]}: ${quietDone.get(uuid) ?? 'not done'}`);
      reference.set(BUILDS[i], await api.fingerprints(uuid));
    }
    console.log(`quiet run: ${BUILDS.length} builds in ${((Date.now() - quietStarted) / 1000).toFixed(1)} s`);
    const blobs = (await Promise.all(quiet.map((u) => api.artifacts(u)))).flat();
    const etags = new Map<string, string>();
    for (const b of blobs) etags.set(b.id, (await fetch(`${api.url}/blob/${b.id}`, { method: 'HEAD' })).headers.get('etag') ?? '');

    // Under load: queue the scrapes, then read while they run.
    const started = Date.now();
    const tasks = await Promise.all(Array.from({ length: scrapes }, (_, i) => api.scrape(logs.logUrlCopy(BUILDS[i % BUILDS.length], i))));
    const json = { 'content-type': 'application/json' };
    const per = Math.floor(connections / 3);
    const endpoints: [string, autocannon.Request[], number][] = [
      ['POST /status', tasks.map((q) => ({ method: 'POST', path: '/status', headers: json, body: JSON.stringify({ q }) })), per],
      ['POST /task', tasks.map((q) => ({ method: 'POST', path: '/task', headers: json, body: JSON.stringify({ q }) })), per],
      [
        'GET /blob',
        blobs.flatMap((b) => [
          { method: 'GET', path: `/blob/${b.id}` },
          { method: 'GET', path: `/blob/${b.id}`, headers: { 'if-none-match': etags.get(b.id)! } },
        ]),
        connections - 2 * per,
      ],
    ];
    const results = await Promise.all(
      endpoints.map(([, requests, conns]) => autocannon({ url: api.url, connections: conns, duration: seconds, timeout: 10, requests })),
    );
    const settled = await api.settle(tasks, FINISH_TIMEOUT_MS);
    const scrapeSeconds = (Date.now() - started) / 1000;

    console.log(`\n${connections} connections for ${seconds} s while ${scrapes} scrapes ran\n`);
    console.log(row(['endpoint', 'connections', 'requests', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'status codes', 'errors']));
    console.log(row(['---', '---', '---', '---', '---', '---', '---', '---', '---']));
    for (const [i, [name, , conns]] of endpoints.entries()) {
      const r = results[i];
      const codes = Object.entries(r.statusCodeStats)
        .map(([code, { count }]) => `${code}: ${count}`)
        .join(', ');
      const bad = Object.entries(r.statusCodeStats)
        .filter(([code]) => !/^2\d\d$|^304$/.test(code))
        .reduce((n, [, { count }]) => n + count, 0);
      const errors = bad + r.errors + r.timeouts;
      console.log(
        row([name, conns, r.requests.total, Math.round(r.requests.average), r.latency.p50, r.latency.p99, r.latency.max, codes, errors]),
      );
      if (errors) failures.push(`${name}: ${bad} non-2xx/304 answers, ${r.errors} socket errors, ${r.timeouts} timeouts`);
    }

    const finished = tasks.filter((u) => settled.get(u) === 'finished').length;
    console.log(`\nscrapes: ${finished}/${scrapes} finished, the last ${scrapeSeconds.toFixed(1)} s after they were queued`);
    for (const u of tasks.filter((t) => settled.get(t) !== 'finished')) failures.push(`task ${u}: ${settled.get(u) ?? 'not done'}`);

    let compared = 0;
    for (const [i, uuid] of tasks.entries()) {
      const build = BUILDS[i % BUILDS.length];
      const got = await api.fingerprints(uuid);
      const want = reference.get(build)!;
      compared += got.size;
      const same = got.size === want.size && [...want].every(([k, v]) => got.get(k) === v);
      if (!same) failures.push(`task ${uuid} (${build}): artifacts differ from the quiet run`);
    }
    console.log(`blobs: ${compared} artifacts of ${scrapes} tasks compared with the quiet run (sha256 of the bytes and the ETag)`);
  } finally {
    await Promise.all(processes.map((p) => p.stop()));
    await logs.close();
  }
  for (const f of failures) console.error(`FAIL ${f}`);
  console.log(
    failures.length ? `\n${failures.length} failures` : '\nOK: no errors, every task finished, every blob identical to the quiet run',
  );
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack ?? err.message);
    process.exit(1);
  },
);
