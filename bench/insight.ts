/**
 * One flake insight over 20 other builds of a 1,800-test job, end to end on the built service (`all`
 * role on SQLite, WORKER_CONCURRENCY 4): from POST /insight to the verdicts of /insight/result, with
 * every fake upstream (Gerrit, Zuul, the log server) answering after 100 ms. The builds are generated
 * subunit streams: the run asked about fails 30 tests, the other runs fail some of them.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/insight.ts [--builds=20] [--tests=1800] [--latency=100] [--quick]
 *   (--quick: 5 builds)
 */
import { gerritChange, JobOnChanges, JobRun, logDirectories, zuulRecords } from '../test/fake-upstream/data/job-runs';
import { startFakeGerrit } from '../test/fake-upstream/fake-gerrit';
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { startFakeZuul } from '../test/fake-upstream/fake-zuul';
import { generatedStream, GeneratedTest } from '../test/fake-upstream/generated-stream';
import { flag } from './lib/args';
import { BenchRow, runBench, seconds } from './lib/report';
import { postJson, scrapeFinished, startAllOnSqlite } from './lib/service';

const TENANT = 'openstack';
const CHANGE = 800_000;
const JOB = 'nova-tox-functional';

/** Run `r` of the job: 1% of its tests fail, a different 1% in each run, plus 30 the asked run fails. */
function tests(r: number, count: number): GeneratedTest[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `nova.tests.functional.module${i % 30}.test_api_${i % 9}.ServerActionsTest.test_action_${i}`,
    status: (r === 0 && i % 60 === 0) || (i + r) % 100 === 0 ? 'fail' : i % 41 === 0 ? 'skip' : 'success',
    seconds: 0.1 + (i % 30) / 10,
  }));
}

/** The asked run (change 800000 patch set 1), a run of its patch set 2, then runs on other changes. */
function job(builds: number, testCount: number): JobOnChanges {
  const runs: JobRun[] = Array.from({ length: builds + 1 }, (_, r) => {
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
      results: generatedStream(tests(r, testCount)),
    };
  });
  return { job: JOB, project: 'openstack/nova', runs };
}

export async function insightBench(
  builds = flag('builds', 20, 5),
  testCount = flag('tests', 1800),
  latencyMs = flag('latency', 100),
): Promise<BenchRow[]> {
  const flaky = job(builds, testCount);
  const logs = await startFakeLogServer({ builds: logDirectories(flaky), latencyMs });
  const zuul = await startFakeZuul({ tenant: TENANT, builds: zuulRecords(flaky, logs.url, 1), buildsets: [] });
  const gerrit = await startFakeGerrit([gerritChange(flaky, CHANGE, 'bench change', zuul.url, TENANT)]);
  zuul.setDelay(latencyMs);
  gerrit.setDelay(latencyMs);
  const service = await startAllOnSqlite({
    GERRIT_URL: gerrit.url,
    ZUUL_URL: zuul.url,
    ZUUL_TENANT: TENANT,
    ARTIFACT_HOSTS: logs.host,
    UPSTREAM_CACHE_SECONDS: '0',
    WORKER_CONCURRENCY: '4',
  });
  try {
    const { body: list } = await postJson(service.url, '/list', { q: `${zuul.url}/t/${TENANT}/build/${flaky.runs[0].uuid}` });
    const asked = await scrapeFinished(service.url, list.results[0], 120_000);

    const logRequests = logs.requests.length;
    const started = performance.now();
    const { body: insight } = await postJson(service.url, '/insight', { q: asked, builds });
    let result;
    for (;;) {
      const res = await postJson(service.url, '/insight/result', { q: insight.uuid });
      if (res.status === 200) {
        result = res.body;
        break;
      }
      if (res.status !== 202) throw new Error(`insight answered ${res.status}: ${res.bytes.toString()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const ms = performance.now() - started;
    const verdicts: Record<string, number> = {};
    for (const t of result.tests) verdicts[t.verdict] = (verdicts[t.verdict] ?? 0) + 1;
    const judged = Object.entries(verdicts)
      .map(([verdict, n]) => `${n} ${verdict}`)
      .join(', ');
    return [
      {
        figure: `one insight over ${result.runs.length} builds of a ${testCount.toLocaleString('en')}-test job, upstreams at ${latencyMs} ms, all role on SQLite`,
        ours: `verdicts after ${seconds(ms)} (${judged}; ${logs.requests.length - logRequests} log requests)`,
        reference: '',
        ratio: null,
        goal: '< 30 s',
        met: ms < 30_000,
      },
    ];
  } finally {
    await service.stop();
    await Promise.all([logs.close(), zuul.close(), gerrit.close()]);
  }
}

if (require.main === module) runBench(() => insightBench());
