/**
 * Scale-out: 200 small scrapes (20 tests each) against a log server that answers every request after
 * 200 ms, on MariaDB + Redis (TEST_DATABASE_URL, TEST_REDIS_URL): an api process with 1, 4 and 8
 * worker processes (WORKER_CONCURRENCY 2 each). Each figure is the time from the first POST /scrape
 * to the last task finished; the ratios are 1 worker's time over 4's and 8's, in the same run.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/scale-out.ts [--scrapes=200] [--latency=200] [--quick]
 *   (--quick: 40 scrapes)
 */
import { backendEnv } from '../test/e2e/backend';
import resetTestDatabase from '../test/e2e/global-setup';
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { flag } from './lib/args';
import { BenchRow, runBench, seconds } from './lib/report';
import { queueScrape, startApiAndWorkers, waitForTask } from './lib/service';
import { tempestLikeStream } from './lib/streams';

const WORKER_COUNTS = [1, 4, 8] as const;
const WORKER_CONCURRENCY = 2;

interface Batch {
  ms: number;
  errored: number;
}

/** Queues a scrape of every URL at once on api + `workers` workers and waits for all of them. */
async function scrapeAll(workers: number, urls: string[], env: Record<string, string>): Promise<Batch> {
  await resetTestDatabase();
  const service = await startApiAndWorkers(workers, { ...backendEnv(), ...env, WORKER_CONCURRENCY: String(WORKER_CONCURRENCY) });
  try {
    const started = performance.now();
    const uuids: string[] = [];
    for (const url of urls) uuids.push(await queueScrape(service.url, url));
    let errored = 0;
    for (const uuid of uuids) if ((await waitForTask(service.url, uuid, 600_000, 50)).status !== 'finished') errored++;
    return { ms: performance.now() - started, errored };
  } finally {
    await service.stop();
  }
}

export async function scaleOutBench(scrapes = flag('scrapes', 200, 40), latencyMs = flag('latency', 200)): Promise<BenchRow[]> {
  const stream = tempestLikeStream(20);
  // A distinct log URL for each scrape of each run: the service answers a URL it has seen with its task.
  const pathsOf = (workers: number) => Array.from({ length: scrapes }, (_, i) => `/bench/scale-out/${workers}/${i}/`);
  const builds = Object.fromEntries(WORKER_COUNTS.flatMap(pathsOf).map((p) => [p, stream]));
  const logs = await startFakeLogServer({ builds, latencyMs });
  try {
    const batches = new Map<number, Batch>();
    for (const workers of WORKER_COUNTS) {
      const urls = pathsOf(workers).map((p) => logs.url + p);
      batches.set(workers, await scrapeAll(workers, urls, { ARTIFACT_HOSTS: logs.host }));
    }
    const describe = (workers: number) => {
      const b = batches.get(workers)!;
      return `${workers} worker${workers > 1 ? 's' : ''}: ${seconds(b.ms)}${b.errored ? `, ${b.errored} scrapes errored` : ''}`;
    };
    const row = (workers: number, goal: number | null): BenchRow => {
      const [one, many] = [batches.get(1)!, batches.get(workers)!];
      const ratio = one.ms / many.ms;
      const clean = one.errored === 0 && many.errored === 0;
      return {
        figure: `${scrapes} scrapes, log server at ${latencyMs} ms: api + ${workers} worker processes vs api + 1 (WORKER_CONCURRENCY ${WORKER_CONCURRENCY}), MariaDB + Redis`,
        ours: describe(workers),
        reference: describe(1),
        ratio,
        goal: goal === null ? 'reported' : `≥ ${goal}×`,
        met: goal === null ? (clean ? null : false) : clean && ratio >= goal,
      };
    };
    return [row(4, 3.5), row(8, null)];
  } finally {
    await logs.close();
  }
}

if (require.main === module) runBench(() => scaleOutBench());
