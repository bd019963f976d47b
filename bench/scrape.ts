/**
 * End-to-end scrape: POST /scrape → `finished` for a tempest-like stream of 35,200 tests (about
 * 25 MB, every test with a pythonlogging attachment) served gzip-encoded by the fake log server as
 * OpenDev's Swift serves it, against Debian's subunit2csv reading the same bytes, in the same run.
 * Twice: the `all` role on SQLite, and an api with a separate worker process on MariaDB + Redis
 * (TEST_DATABASE_URL, TEST_REDIS_URL). Prints the worker's per-stage times of the fastest scrape.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/scrape.ts [--runs=3] [--quick]   (--quick: one run)
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { backendEnv } from '../test/e2e/backend';
import resetTestDatabase from '../test/e2e/global-setup';
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { flag } from './lib/args';
import { BenchRow, runBench, seconds } from './lib/report';
import { RunningService, scrapeFinished, startAllOnSqlite, startApiAndWorkers } from './lib/service';
import { tempestLikeStream } from './lib/streams';
import { subunit2csvMs } from './lib/subunit2csv';
import { fastest } from './lib/timing';

const TESTS = 35_200;

/** The stages the worker logged on the finish line of `uuid`'s scrape. */
function stagesOf(service: RunningService, uuid: string): Record<string, number> | null {
  for (const file of readdirSync(service.logDir)) {
    for (const line of readFileSync(join(service.logDir, file), 'utf8').split('\n')) {
      if (!line.includes(uuid) || !line.includes('"stages"')) continue;
      return (JSON.parse(line) as { stages: Record<string, number> }).stages;
    }
  }
  return null;
}

interface Timed {
  ms: number;
  stages: Record<string, number> | null;
}

/** Scrapes copies of the build one after another; the fastest one counts. */
async function fastestScrape(service: RunningService, urls: string[]): Promise<Timed> {
  let best: Timed = { ms: Infinity, stages: null };
  for (const url of urls) {
    const started = performance.now();
    const uuid = await scrapeFinished(service.url, url);
    const ms = performance.now() - started;
    if (ms < best.ms) best = { ms, stages: stagesOf(service, uuid) };
  }
  return best;
}

function describeStages(stages: Record<string, number> | null): string {
  if (!stages) return 'no stages logged';
  return Object.entries(stages)
    .map(([k, v]) => `${k} ${Math.round(v)} ms`)
    .join(', ');
}

export async function scrapeBench(runs = flag('runs', 3, 1)): Promise<BenchRow[]> {
  const stream = tempestLikeStream(TESTS);
  const file = join(mkdtempSync(join(tmpdir(), 'svbench-')), 'bench.subunit');
  writeFileSync(file, stream);
  const reference = await fastest(runs, () => subunit2csvMs(file));
  const paths = Array.from({ length: 2 * runs }, (_, i) => `/bench/e2e/${i}/`);
  const logs = await startFakeLogServer({ builds: Object.fromEntries(paths.map((p) => [p, stream])) });
  const urls = paths.map((p) => logs.url + p);
  const mb = `${(stream.length / 1e6).toFixed(1)} MB, ${TESTS.toLocaleString('en')} tests`;
  try {
    // The log server compresses the object once, as Swift stores it: not part of any scrape.
    await (await fetch(`${urls[0]}testrepository.subunit`)).arrayBuffer();
    const sqlite = await startAllOnSqlite({ ARTIFACT_HOSTS: logs.host });
    const onSqlite = await fastestScrape(sqlite, urls.slice(0, runs)).finally(() => sqlite.stop());

    await resetTestDatabase();
    const split = await startApiAndWorkers(1, { ...backendEnv(), ARTIFACT_HOSTS: logs.host });
    const onMysql = await fastestScrape(split, urls.slice(runs)).finally(() => split.stop());

    const row = (figure: string, t: Timed, goal: number): BenchRow => ({
      figure,
      ours: seconds(t.ms),
      reference: `subunit2csv ${seconds(reference)}`,
      ratio: reference / t.ms,
      goal: `≥ ${goal}×`,
      met: reference / t.ms >= goal,
    });
    return [
      row(`end-to-end scrape (${mb}), all role on SQLite, vs subunit2csv on the same bytes`, onSqlite, 6),
      row(`the same on MariaDB + Redis, api and a separate worker process`, onMysql, 4),
      {
        figure: 'per-stage times of the SQLite scrape',
        ours: describeStages(onSqlite.stages),
        reference: '',
        ratio: null,
        goal: 'printed',
        met: onSqlite.stages !== null,
      },
      {
        figure: 'per-stage times of the MariaDB + Redis scrape',
        ours: describeStages(onMysql.stages),
        reference: '',
        ratio: null,
        goal: 'printed',
        met: onMysql.stages !== null,
      },
    ];
  } finally {
    await logs.close();
  }
}

if (require.main === module) runBench(() => scrapeBench());
