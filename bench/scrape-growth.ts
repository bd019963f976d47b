/**
 * How a scrape's time grows with the stream: tempest-like streams of about 5, 25, 100 and 200 MB
 * (every test with a pythonlogging attachment, about 730 bytes a test) served gzip-encoded by the
 * fake log server, POST /scrape → `finished` on the `all` role on SQLite, the median of `--runs` (3)
 * per size. Cost grows linearly when the time per MB stays within ±30% of the median across the sizes.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/scrape-growth.ts [--runs=3] [--mb=5,25,100,200] [--quick]   (--quick: 1 run)
 */
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { flag, textFlag } from './lib/args';
import { BenchRow, GrowthPoint, growthRows, runBench } from './lib/report';
import { scrapeFinished, startAllOnSqlite } from './lib/service';
import { tempestLikeStream } from './lib/streams';
import { median } from './lib/timing';

/** The tempest-like stream's bytes per test (35,200 tests make 25.7 MB). */
const BYTES_PER_TEST = 25.7e6 / 35_200;

export async function scrapeGrowthBench(
  runs = flag('runs', 3, 1),
  sizes = (textFlag('mb') ?? '5,25,100,200').split(',').map(Number),
): Promise<BenchRow[]> {
  const points: GrowthPoint[] = [];
  for (const mb of sizes) {
    const tests = Math.round((mb * 1e6) / BYTES_PER_TEST);
    const stream = tempestLikeStream(tests);
    const paths = Array.from({ length: runs + 1 }, (_, i) => `/bench/growth/${mb}/${i}/`);
    const logs = await startFakeLogServer({ builds: Object.fromEntries(paths.map((p) => [p, stream])) });
    const service = await startAllOnSqlite({ ARTIFACT_HOSTS: logs.host });
    try {
      // The first scrape compresses the object on the log server (once, as Swift stores it) and warms the service.
      await scrapeFinished(service.url, logs.url + paths[0], 600_000);
      const times: number[] = [];
      for (const path of paths.slice(1)) {
        const started = performance.now();
        await scrapeFinished(service.url, logs.url + path, 600_000);
        times.push(performance.now() - started);
      }
      const megabytes = stream.length / 1e6;
      points.push({
        label: `${megabytes.toFixed(1)} MB, ${tests.toLocaleString('en')} tests, median of ${runs}`,
        ms: median(times),
        units: megabytes,
      });
    } finally {
      await service.stop();
      await logs.close();
    }
  }
  return growthRows('end-to-end scrape, all role on SQLite', points, 'MB');
}

if (require.main === module) runBench(() => scrapeGrowthBench());
