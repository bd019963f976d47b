import { tmpdir } from 'node:os';
import { FakeLogServer, startFakeLogServer } from '../fake-upstream/fake-logs';
import { BACKEND, backendEnv } from './backend';
import { postJson, waitForTask } from './harness';
import { freePort, NO_UPSTREAMS, ServiceProcess } from './service-process';

describe('the built service as OS processes', () => {
  it.each([
    [
      ['--role=bogus'],
      {},
      /^stackviz-deployer: configuration error: unknown role "bogus": use --role=all\|api\|worker\|cleanup\|watcher\n$/,
    ],
    [[], { PORT: 'abc' }, /^stackviz-deployer: configuration error: PORT="abc" is not a whole number\n$/],
    [[], { DATABASE_URL: 'mysql://stackviz:s3cret@/nodb' }, /^stackviz-deployer: configuration error: DATABASE_URL .*stackviz:\*\*\*@/],
    [
      ['--role=worker'],
      { REDIS_URL: 'redis://127.0.0.1:1/0', WORKER_LOCK_MS: '30s' },
      /^stackviz-deployer: configuration error: WORKER_LOCK_MS="30s" is not a whole number\n$/,
    ],
    [
      [],
      { CLEANUP_CRON: '61 * * * *' },
      /^stackviz-deployer: configuration error: CLEANUP_CRON="61 \* \* \* \*" is not a valid cron expression: Field value \(61\) is out of range\n$/,
    ],
  ])('refuses %j %j with one clear line and exit code 2', async (args, env, line) => {
    const p = new ServiceProcess(args, env);
    expect(await p.exited).toEqual({ code: 2, signal: null });
    expect(p.output).toMatch(line);
    expect(p.output).not.toContain('s3cret');
  });

  it('runs zero-config (all role, SQLite + in-process queue) and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const p = new ServiceProcess([], { PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${tmpdir()}/sv-zero-${port}.sqlite` });
    try {
      await p.waitFor(/all role listening/);
      expect((await (await fetch(`http://127.0.0.1:${port}/health`)).json()).queue).toBe('in-process');
      p.proc.kill('SIGTERM');
      expect(await p.exited).toEqual({ code: 0, signal: null });
    } finally {
      await p.stop();
    }
  });
});

(BACKEND === 'mysql' ? describe : describe.skip)('api and worker processes on MariaDB + Redis', () => {
  let logs: FakeLogServer;
  let env: Record<string, string>;
  let api: ServiceProcess;
  let baseUrl: string;
  const workers: ServiceProcess[] = [];

  beforeAll(async () => {
    logs = await startFakeLogServer();
    const port = await freePort();
    // Short job locks so a killed worker's job is found stalled within seconds, not a minute.
    env = { ...backendEnv(), ...NO_UPSTREAMS, ARTIFACT_HOSTS: logs.host, WORKER_LOCK_MS: '1500', HOST: '127.0.0.1', PORT: String(port) };
    baseUrl = `http://127.0.0.1:${port}`;
    api = new ServiceProcess(['--role=api'], env);
    await api.waitFor(/api role listening/);
  });
  afterAll(async () => {
    await Promise.all([api, ...workers].map((p) => p.stop()));
    await logs.close();
  });

  function startWorker(): ServiceProcess {
    const w = new ServiceProcess(['--role=worker'], env);
    workers.push(w);
    return w;
  }

  it('hands a job from the api process to a worker process through Redis', async () => {
    const worker = startWorker();
    await worker.waitFor(/worker started/);
    const res = await postJson(baseUrl, '/scrape', { url: logs.logUrl('legacyUnit') });
    expect(res.status).toBe(202);
    expect((await waitForTask(baseUrl, res.body.uuid)).status).toBe('finished');
    const workerLines = worker.output.split('\n').filter((l) => l.includes(res.body.uuid));
    expect(workerLines.length).toBeGreaterThan(0);
    for (const line of workerLines) expect(JSON.parse(line).taskId).toBe(res.body.uuid);
    expect(api.output).not.toMatch(/scraping/);
    expect(worker.output).not.toMatch(/listening/);
  });

  it('lets another worker finish a scrape whose worker was killed with SIGKILL, exactly once', async () => {
    const first = startWorker();
    await first.waitFor(/worker started/);
    workers[0].proc.kill('SIGKILL'); // only `first` may take the job
    const res = await postJson(baseUrl, '/scrape', { url: logs.logUrl('trickleSubunit') });
    await first.waitFor(new RegExp(`${res.body.uuid}.*scraping`));
    await first.waitFor(/fetching testrepository|found/);
    first.proc.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    expect((await postJson(baseUrl, '/status', { q: res.body.uuid })).body.status).toBe('running');
    const second = startWorker();
    expect((await waitForTask(baseUrl, res.body.uuid, 40000)).status).toBe('finished');
    expect(second.output).toContain(res.body.uuid);
    const task = (await postJson(baseUrl, '/task', { q: res.body.uuid })).body;
    const types = task.artifacts.map((a: { artifact_type: string }) => a.artifact_type).sort();
    expect(types).toEqual(['console', 'subunit', 'subunit-details', 'subunit-stats']);
  }, 60000);

  it('drains on SIGTERM and exits 0', async () => {
    const worker = workers[workers.length - 1];
    worker.proc.kill('SIGTERM');
    api.proc.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
    expect(await api.exited).toEqual({ code: 0, signal: null });
  });
});
