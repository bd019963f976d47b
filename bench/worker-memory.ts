/**
 * Peak memory of a worker process converting one big stream: an api and one worker process on
 * MariaDB + Redis (TEST_DATABASE_URL, TEST_REDIS_URL) scrape a tempest-like stream of at least 200 MB
 * served by the fake log server; the worker's peak RSS is its kernel high-water mark (`VmHWM` in
 * /proc/PID/status), read once the task has finished, before the worker is stopped.
 *
 * `--runs=N` scrapes N times (each on a fresh database and fresh processes) and gives the median
 * and range. `--reference-dist=DIR` (another build laid out as dist/, as for bench/scrape.ts)
 * scrapes with that build too, in turns with this one, and adds its row and the ratio.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/worker-memory.ts [--mb=200] [--runs=1] [--reference-dist=DIR] [--quick]   (--quick: 50 MB)
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { backendEnv } from '../test/e2e/backend';
import resetTestDatabase from '../test/e2e/global-setup';
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { flag, textFlag } from './lib/args';
import { BenchRow, runBench, seconds } from './lib/report';
import { scrapeFinished, startApiAndWorkers } from './lib/service';
import { tempestLikeStream } from './lib/streams';
import { median } from './lib/timing';

const PART_TESTS = 35_200;
const GOAL_BYTES = 300e6;

/** Tempest-like parts with distinct test ids, end to end, until the stream holds at least `bytes`. */
function streamOf(bytes: number): { stream: Buffer; tests: number } {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < bytes) {
    const part = tempestLikeStream(PART_TESTS, parts.length * PART_TESTS);
    parts.push(part);
    size += part.length;
  }
  return { stream: Buffer.concat(parts), tests: parts.length * PART_TESTS };
}

/** A memory figure of process `pid` from /proc/PID/status (VmHWM: peak RSS, VmRSS: RSS now), in bytes. */
function memoryBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!kb) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kb[1]) * 1024;
}

interface Scrape {
  /** VmHWM once the task finished, and VmRSS before the scrape, in bytes. */
  peak: number;
  idle: number;
  ms: number;
}

/** One scrape of `url` by a fresh api and worker of the build `dist` (this one by default) on a fresh database. */
async function scrapeOnce(url: string, env: Record<string, string>, dist?: string): Promise<Scrape> {
  await resetTestDatabase();
  const service = await startApiAndWorkers(1, { ...backendEnv(), ...env }, [], dist);
  try {
    const worker = service.processes[1];
    const idle = memoryBytes(worker.pid!, 'VmRSS');
    const started = performance.now();
    await scrapeFinished(service.url, url, 600_000);
    const ms = performance.now() - started;
    return { peak: memoryBytes(worker.pid!, 'VmHWM'), idle, ms };
  } finally {
    await service.stop();
  }
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** The median scrape's peak, and with several runs their range. */
function describe(scrapes: Scrape[]): string {
  const peaks = scrapes.map((s) => s.peak);
  const middle = scrapes.find((s) => s.peak === median(peaks))!;
  const runs =
    scrapes.length > 1 ? ` (median of ${scrapes.length}: ${(Math.min(...peaks) / 1e6).toFixed(0)}-${mb(Math.max(...peaks))}; ` : ' (';
  return `${mb(middle.peak)}${runs}${mb(middle.idle)} before the scrape; scrape ${seconds(middle.ms)})`;
}

export async function workerMemoryBench(
  mbOfStream = flag('mb', 200, 50),
  runs = flag('runs', 1),
  referenceDist = textFlag('reference-dist'),
): Promise<BenchRow[]> {
  const { stream, tests } = streamOf(mbOfStream * 1e6);
  const logs = await startFakeLogServer({ builds: { '/bench/worker-memory/': stream } });
  const url = `${logs.url}/bench/worker-memory/`;
  const env = { ARTIFACT_HOSTS: logs.host };
  try {
    // The log server compresses the object once, as Swift stores it: not part of the scrape.
    await (await fetch(`${url}testrepository.subunit`)).arrayBuffer();
    const ours: Scrape[] = [];
    const theirs: Scrape[] = [];
    for (let i = 0; i < runs; i++) {
      ours.push(await scrapeOnce(url, env));
      if (referenceDist !== undefined) theirs.push(await scrapeOnce(url, env, resolve(referenceDist)));
    }
    const peak = median(ours.map((s) => s.peak));
    const what = `a worker process scraping a ${(stream.length / 1e6).toFixed(0)} MB stream (${tests.toLocaleString('en')} tests), MariaDB + Redis`;
    const rows: BenchRow[] = [
      { figure: `peak RSS (VmHWM) of ${what}`, ours: describe(ours), reference: '', ratio: null, goal: '< 300 MB', met: peak < GOAL_BYTES },
    ];
    if (theirs.length > 0) {
      rows.push({
        figure: `the same, this build vs ${referenceDist}, in turns`,
        ours: describe(ours),
        reference: describe(theirs),
        ratio: median(theirs.map((s) => s.peak)) / peak,
        goal: 'reported',
        met: null,
      });
    }
    return rows;
  } finally {
    await logs.close();
  }
}

if (require.main === module) runBench(() => workerMemoryBench());
