/**
 * End-to-end scrape: POST /scrape → `finished` for a tempest-like stream of 35,200 tests (about
 * 25 MB, every test with a pythonlogging attachment) served gzip-encoded by the fake log server as
 * OpenDev's Swift serves it, against Debian's subunit2csv reading the same bytes, in the same run.
 * Twice: the `all` role on SQLite, and an api with a separate worker process on MariaDB + Redis
 * (TEST_DATABASE_URL, TEST_REDIS_URL). Each side is the median of `--runs` (5); subunit2csv too.
 * Prints the worker's per-stage times of the median scrape.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/scrape.ts [--runs=5] [--quick]   (--quick: one run)
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
import { median } from './lib/timing';

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

/** Scrapes copies of the build one after another; the median one counts (with the times of all, in order). */
async function medianScrape(service: RunningService, urls: string[]): Promise<Timed & { all: number[] }> {
  const scrapes: Timed[] = [];
  for (const url of urls) {
    const started = performance.now();
    const uuid = await scrapeFinished(service.url, url);
    scrapes.push({ ms: performance.now() - started, stages: stagesOf(service, uuid) });
  }
  const middle = [...scrapes].sort((a, b) => a.ms - b.ms)[Math.floor(scrapes.length / 2)];
  return { ...middle, all: scrapes.map((t) => t.ms) };
}

function describeStages(stages: Record<string, number> | null): string {
  if (!stages) return 'no stages logged';
  return Object.entries(stages)
    .map(([k, v]) => `${k} ${Math.round(v)} ms`)
    .join(', ');
}

export async function scrapeBench(runs = flag('runs', 5, 1)): Promise<BenchRow[]> {
  const stream = tempestLikeStream(TESTS);
  const file = join(mkdtempSync(join(tmpdir(), 'svbench-')), 'bench.subunit');
  writeFileSync(file, stream);
  const referenceRuns: number[] = [];
  for (let i = 0; i < runs; i++) referenceRuns.push(await subunit2csvMs(file));
  const reference = median(referenceRuns);
  const paths = Array.from({ length: 2 * runs }, (_, i) => `/bench/e2e/${i}/`);
  const logs = await startFakeLogServer({ builds: Object.fromEntries(paths.map((p) => [p, stream])) });
  const urls = paths.map((p) => logs.url + p);
  const mb = `${(stream.length / 1e6).toFixed(1)} MB, ${TESTS.toLocaleString('en')} tests`;
  try {
    // The log server compresses the object once, as Swift stores it: not part of any scrape.
    await (await fetch(`${urls[0]}testrepository.subunit`)).arrayBuffer();
    const sqlite = await startAllOnSqlite({ ARTIFACT_HOSTS: logs.host });
    const onSqlite = await medianScrape(sqlite, urls.slice(0, runs)).finally(() => sqlite.stop());

    await resetTestDatabase();
    const split = await startApiAndWorkers(1, { ...backendEnv(), ARTIFACT_HOSTS: logs.host });
    const onMysql = await medianScrape(split, urls.slice(runs)).finally(() => split.stop());

    const range = (xs: number[]) => `${seconds(Math.min(...xs))}-${seconds(Math.max(...xs))}`;
    const row = (figure: string, t: Timed & { all: number[] }, goal: number): BenchRow => ({
      figure,
      ours: `${seconds(t.ms)} (median of ${runs}: ${range(t.all)})`,
      reference: `subunit2csv ${seconds(reference)} (median of ${runs}: ${range(referenceRuns)})`,
      ratio: reference / t.ms,
      goal: `≥ ${goal}×`,
      met: reference / t.ms >= goal,
    });
    return [
      row(`end-to-end scrape (${mb}), all role on SQLite, vs subunit2csv on the same bytes`, onSqlite, 6),
      row(`the same on MariaDB + Redis, api and a separate worker process`, onMysql, 4),
      {
        figure: 'per-stage times of the median SQLite scrape',
        ours: describeStages(onSqlite.stages),
        reference: '',
        ratio: null,
        goal: 'printed',
        met: onSqlite.stages !== null,
      },
      {
        figure: 'per-stage times of the median MariaDB + Redis scrape',
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
