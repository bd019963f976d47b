/**
 * One flake insight over 20 other builds of a 1,800-test job, end to end in one process (API and
 * scrape workers, WORKER_CONCURRENCY 4): from POST /insight to the verdicts of /insight/result,
 * with every fake upstream (Gerrit, Zuul, the log server) answering after 100 ms. The builds are
 * generated subunit streams: the run asked about fails 30 tests, the other runs fail some of them.
 *
 *   npm run build && node dist/bench/insight.js [--builds=20] [--tests=1800] [--latency=100]
 *   DATABASE_URL=… REDIS_URL=… node dist/bench/insight.js   (default: SQLite in a temp dir, in-process queue)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/load-config';
import { AppLogger } from '../src/logging/app-logger';
import { postJson, waitForTask } from '../test/e2e/harness';
import { startFakeGerrit } from '../test/fake-upstream/fake-gerrit';
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { startFakeZuul } from '../test/fake-upstream/fake-zuul';
import { gerritChange, JobOnChanges, JobRun, logDirectories, zuulRecords } from '../test/fake-upstream/data/job-runs';
import { generatedStream, GeneratedTest } from '../test/fake-upstream/generated-stream';

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : fallback;
}

const BUILDS = option('builds', 20);
const TESTS = option('tests', 1800);
const LATENCY_MS = option('latency', 100);
const TENANT = 'openstack';
const CHANGE = 800_000;
const JOB = 'nova-tox-functional';

/** Run `r` of the job: 1% of its tests fail, a different 1% in each run, plus 30 the asked run fails. */
function tests(r: number): GeneratedTest[] {
  return Array.from({ length: TESTS }, (_, i) => ({
    id: `nova.tests.functional.module${i % 30}.test_api_${i % 9}.ServerActionsTest.test_action_${i}`,
    status: (r === 0 && i % 60 === 0) || (i + r) % 100 === 0 ? 'fail' : i % 41 === 0 ? 'skip' : 'success',
    seconds: 0.1 + (i % 30) / 10,
  }));
}

/** The asked run (change 800000 patch set 1), a run of its patch set 2, then runs on other changes. */
function job(): JobOnChanges {
  const runs: JobRun[] = Array.from({ length: BUILDS + 1 }, (_, r) => {
    const change = r <= 1 ? CHANGE : CHANGE + r;
    const patchset = r === 1 ? 2 : 1;
    const uuid = `b3c4${r.toString(16).padStart(28, '0')}`;
    return {
      uuid,
      change,
      patchset,
      result: 'FAILURE',
      start: new Date(Date.UTC(2024, 3, 1) + r * 3600_000).toISOString().slice(0, 19),
      seconds: 1800,
      logPath: `/${String(change).slice(-2)}/${change}/${patchset}/check/${JOB}/${uuid.slice(-7)}/`,
      subunit: generatedStream(tests(r)),
    };
  });
  return { job: JOB, project: 'openstack/nova', runs };
}

async function main(): Promise<void> {
  const flaky = job();
  const logs = await startFakeLogServer({ builds: logDirectories(flaky), latencyMs: LATENCY_MS });
  const zuul = await startFakeZuul({ tenant: TENANT, builds: zuulRecords(flaky, logs.url, 1), buildsets: [] });
  const gerrit = await startFakeGerrit([gerritChange(flaky, CHANGE, 'bench change', zuul.url, TENANT)]);
  zuul.setDelay(LATENCY_MS);
  gerrit.setDelay(LATENCY_MS);
  const dir = mkdtempSync(join(tmpdir(), 'svbench-'));
  const env: Record<string, string> = {
    DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.sqlite')}`,
    GERRIT_URL: gerrit.url,
    ZUUL_URL: zuul.url,
    ZUUL_TENANT: TENANT,
    ARTIFACT_HOSTS: logs.host,
    UPSTREAM_CACHE_SECONDS: '0',
    LOG_LEVEL: 'error',
    PORT: '0',
    HOST: '127.0.0.1',
    CLEANUP_CRON: '0 0 1 1 *',
  };
  if (process.env.REDIS_URL) Object.assign(env, { REDIS_URL: process.env.REDIS_URL, QUEUE_PREFIX: `svbench-${process.pid}` });
  const config = loadConfig(env, ['--role=all']);
  const app = await createHttpApp(config, new AppLogger('pretty', 'error', process.stderr));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const { body: list } = await postJson(url, '/list', { q: `${zuul.url}/t/${TENANT}/build/${flaky.runs[0].uuid}` });
    const { body: scraped } = await postJson(url, '/scrape', list.results[0]);
    await waitForTask(url, scraped.uuid, 120_000);

    const logRequests = logs.requests.length;
    const started = Date.now();
    const { body: asked } = await postJson(url, '/insight', { q: scraped.uuid, builds: BUILDS });
    const acceptedMs = Date.now() - started;
    let result;
    for (;;) {
      const res = await postJson(url, '/insight/result', { q: asked.uuid });
      if (res.status === 200) {
        result = res.body;
        break;
      }
      if (res.status !== 202) throw new Error(`insight answered ${res.status}: ${JSON.stringify(res.body)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    const verdicts: Record<string, number> = {};
    for (const t of result.tests) verdicts[t.verdict] = (verdicts[t.verdict] ?? 0) + 1;
    console.log(
      `insight: ${result.runs.length} other runs of a ${TESTS}-test job, upstream latency ${LATENCY_MS} ms (${config.database.type}, ${config.redisUrl ? 'BullMQ' : 'in-process queue'}, ${config.workerConcurrency} workers)`,
    );
    console.log(`  POST /insight answered in ${acceptedMs} ms; verdicts ready after ${seconds.toFixed(1)} s`);
    console.log(
      `  ${result.tests.length} failures judged: ${JSON.stringify(verdicts)}; ${logs.requests.length - logRequests} log server requests`,
    );
    console.log(`  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  } finally {
    await app.close();
    await Promise.all([logs.close(), zuul.close(), gerrit.close()]);
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
