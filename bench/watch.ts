/**
 * Watch and report under load, end to end on the built service: an api, 2 workers and a watcher on
 * MariaDB + Redis (TEST_DATABASE_URL, TEST_REDIS_URL), WATCH_INTERVAL_S=30, REPORT_GERRIT=on. The
 * fake Zuul adds failed builds of a 1,800-test job at 2,000 an hour for two minutes; every upstream
 * (Gerrit, Zuul, the log server) answers after 100 ms; the job has 10 other runs on other changes for
 * the insights. Figures: from each build's end to its review on the fake Gerrit (distribution),
 * nothing missed and nothing twice; then, idle, the watcher's builds queries per interval and its CPU
 * (utime + stime of /proc/PID/stat) over the idle sample, extrapolated to 10 minutes.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/watch.ts [--minutes=2] [--per-hour=2000] [--interval=30] [--idle=180] [--quick]
 *   (--quick: 30 s of builds, a 5 s interval, a 30 s idle sample)
 */
import { readFileSync } from 'node:fs';
import { backendEnv } from '../test/e2e/backend';
import resetTestDatabase from '../test/e2e/global-setup';
import { gerritChange, JobOnChanges, JobRun, logDirectories, zuulRecords } from '../test/fake-upstream/data/job-runs';
import { startFakeGerrit } from '../test/fake-upstream/fake-gerrit';
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { startFakeZuul, ZuulBuildRecord } from '../test/fake-upstream/fake-zuul';
import { generatedStream, GeneratedTest } from '../test/fake-upstream/generated-stream';
import { flag } from './lib/args';
import { BenchRow, runBench } from './lib/report';
import { startApiWorkersAndWatcher } from './lib/service';

const TENANT = 'openstack';
const CHANGE = 810_000;
const JOB = 'tempest-full-py3';
const BOT = { username: 'stackviz-bench', password: 'bench-http-password' };
const OTHER_RUNS = 10;
/** Clock ticks a second of /proc/PID/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** Run `r`: 1% of its tests fail, a different 1% in each run, plus 30 that every watched build fails. */
function tests(r: number, count: number): GeneratedTest[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `tempest.api.compute.module${i % 30}.test_servers_${i % 9}.ServersTest.test_action_${i}`,
    status: (r === 0 && i % 60 === 0) || (i + r) % 100 === 0 ? 'fail' : i % 41 === 0 ? 'skip' : 'success',
    seconds: 0.1 + (i % 30) / 10,
  }));
}

/** Run 0 on CHANGE is what every watched build's logs hold; runs 1..10 are on other changes. */
function job(testCount: number): JobOnChanges {
  const runs: JobRun[] = Array.from({ length: OTHER_RUNS + 1 }, (_, r) => {
    const change = r === 0 ? CHANGE : CHANGE + r;
    const uuid = `c4d5${r.toString(16).padStart(28, '0')}`;
    return {
      uuid,
      change,
      patchset: 1,
      result: 'FAILURE',
      start: new Date(Date.UTC(2024, 3, 1) + r * 3600_000).toISOString().slice(0, 19),
      seconds: 3600,
      logPath: `/${String(change).slice(-2)}/${change}/1/check/${JOB}/${uuid.slice(-7)}/`,
      results: generatedStream(tests(r, testCount)),
    };
  });
  return { job: JOB, project: 'openstack/nova', runs };
}

function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function watchBench(
  minutes = flag('minutes', 2, 0.5),
  perHour = flag('per-hour', 2000),
  intervalS = flag('interval', 30, 5),
  idleS = flag('idle', 180, 30),
  testCount = flag('tests', 1800),
  latencyMs = flag('latency', 100),
): Promise<BenchRow[]> {
  const runs = job(testCount);
  const logs = await startFakeLogServer({ builds: logDirectories(runs), latencyMs });
  const zuul = await startFakeZuul({ tenant: TENANT, builds: zuulRecords(runs, logs.url, 1), buildsets: [] });
  const gerrit = await startFakeGerrit([gerritChange(runs, CHANGE, 'bench change', zuul.url, TENANT)], BOT);
  zuul.setDelay(latencyMs);
  gerrit.setDelay(latencyMs);
  await resetTestDatabase();
  const service = await startApiWorkersAndWatcher(2, {
    ...backendEnv(),
    GERRIT_URL: gerrit.url,
    ZUUL_URL: zuul.url,
    ZUUL_TENANT: TENANT,
    ARTIFACT_HOSTS: logs.host,
    WORKER_CONCURRENCY: '4',
    WATCH_PIPELINES: 'check',
    WATCH_INTERVAL_S: String(intervalS),
    REPORT_GERRIT: 'on',
    PUBLIC_URL: 'https://stackviz.example.org',
    GERRIT_USER: BOT.username,
    GERRIT_PASSWORD: BOT.password,
  });
  const watcherPid = service.processes.at(-1)!.pid!;
  const ended = new Map<string, number>();
  const reviewed = new Map<string, number[]>();
  let seen = 0;
  const stamp = setInterval(() => {
    for (const review of gerrit.reviews.slice(seen)) {
      const uuid = /\(build ([0-9a-f]{32})\)/.exec(review.input.message ?? '')?.[1] ?? '?';
      reviewed.set(uuid, [...(reviewed.get(uuid) ?? []), Date.now()]);
    }
    seen = gerrit.reviews.length;
  }, 200);
  try {
    const total = Math.round((perHour * minutes) / 60);
    const every = 3_600_000 / perHour;
    const template = zuulRecords(runs, logs.url, 1)[0];
    const loadStart = Date.now();
    for (let i = 0; i < total; i++) {
      await sleep(Math.max(0, loadStart + i * every - Date.now()));
      const uuid = `d00d${i.toString(16).padStart(28, '0')}`;
      const now = new Date().toISOString().slice(0, 19);
      const build: ZuulBuildRecord = {
        ...template,
        _id: 1000 + i,
        uuid,
        start_time: now,
        end_time: now,
        log_url: `${logs.url}/copy/${i}${runs.runs[0].logPath}`,
      };
      zuul.addBuild(build);
      ended.set(uuid, Date.now());
    }
    const deadline = Date.now() + 15 * 60_000;
    while ([...ended.keys()].some((u) => !reviewed.has(u)) && Date.now() < deadline) await sleep(1000);
    await sleep(2 * intervalS * 1000); // a second review of anything would show by now

    const latencies = [...ended].filter(([u]) => reviewed.has(u)).map(([u, t]) => (reviewed.get(u)![0] - t) / 1000);
    latencies.sort((a, b) => a - b);
    const missed = total - latencies.length;
    const twice = [...reviewed.values()].filter((times) => times.length > 1).length;
    const dist = latencies.length
      ? `p50 ${percentile(latencies, 50).toFixed(0)} s, p90 ${percentile(latencies, 90).toFixed(0)} s, p95 ${percentile(latencies, 95).toFixed(0)} s, max ${latencies.at(-1)!.toFixed(0)} s (min ${latencies[0].toFixed(0)} s)`
      : 'no review';
    const p95 = latencies.length ? percentile(latencies, 95) : Infinity;

    const queriesBefore = zuul.requests.filter((r) => r.path.includes('/builds?')).length;
    const cpuBefore = cpuSeconds(watcherPid);
    const idleStart = Date.now();
    await sleep(idleS * 1000);
    const idleMs = Date.now() - idleStart;
    const queries = zuul.requests.filter((r) => r.path.includes('/builds?')).length - queriesBefore;
    const cpuShare = (cpuSeconds(watcherPid) - cpuBefore) / (idleMs / 1000);
    const intervals = idleMs / 1000 / intervalS;
    return [
      {
        figure: `build end → review: ${total} failed builds of a ${testCount.toLocaleString('en')}-test job at ${perHour.toLocaleString('en')}/h for ${minutes} min, upstreams ${latencyMs} ms away, WATCH_INTERVAL_S=${intervalS}, insights over the job's other runs, api + 2 workers + watcher on MariaDB + Redis`,
        ours: `${dist}; ${missed} missed, ${twice} reviewed twice`,
        reference: '',
        ratio: null,
        goal: 'p95 ≤ 180 s, none missed or twice',
        met: p95 <= 180 && missed === 0 && twice === 0,
      },
      {
        figure: `idle watcher, ${(idleMs / 1000).toFixed(0)} s sample (${intervals.toFixed(1)} intervals of ${intervalS} s): Zuul builds queries`,
        ours: `${queries} queries, ${(queries / intervals).toFixed(2)} per interval`,
        reference: '',
        ratio: null,
        goal: '1 per interval',
        met: Math.abs(queries - Math.round(intervals)) <= 1,
      },
      {
        figure: `idle watcher CPU over the same sample (extrapolated to 10 minutes: ${(cpuShare * 600).toFixed(2)} CPU-seconds)`,
        ours: `${(cpuShare * 100).toFixed(2)}% of one core`,
        reference: '',
        ratio: null,
        goal: '< 1%',
        met: cpuShare < 0.01,
      },
    ];
  } finally {
    clearInterval(stamp);
    await service.stop();
    await Promise.all([logs.close(), zuul.close(), gerrit.close()]);
  }
}

if (require.main === module) runBench(() => watchBench());
