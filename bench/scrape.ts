/**
 * End-to-end scrape: POST /scrape → `finished` for a tempest-like stream of 35,200 tests (about
 * 25 MB, every test with a pythonlogging attachment) served gzip-encoded by the fake log server as
 * OpenDev's Swift serves it, against Debian's subunit2csv reading the same bytes, in the same run.
 * Twice: the `all` role on SQLite, and an api with a separate worker process on MariaDB + Redis
 * (TEST_DATABASE_URL, TEST_REDIS_URL). Each side is the median of `--runs` (5) warm scrapes, after
 * WARM_UPS uncounted ones (a worker lives long: its JIT, encoder thread and page cache are warm);
 * subunit2csv, a new process each time as it is run, the median of as many.
 * Prints the worker's per-stage times of the median scrape.
 *
 * `--reference-dist=DIR` (a build of another commit laid out as dist/, where Node finds this
 * repository's node_modules: e.g. `/tmp/ref/dist` beside a symlink `/tmp/ref/node_modules`)
 * scrapes with that build too, in turns with this one on each backend (each side its own
 * processes; on MariaDB + Redis both share the database, each with its own queue), and adds the
 * ratio of the two medians.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/scrape.ts [--runs=5] [--quick] [--reference-dist=DIR]   (--quick: one run)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { backendEnv } from '../test/e2e/backend';
import resetTestDatabase from '../test/e2e/global-setup';
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { flag, textFlag } from './lib/args';
import { BenchRow, runBench, seconds } from './lib/report';
import { RunningService, scrapeFinished, startAllOnSqlite, startApiAndWorkers } from './lib/service';
import { tempestLikeStream } from './lib/streams';
import { subunit2csvMs } from './lib/subunit2csv';
import { median } from './lib/timing';

const TESTS = 35_200;
/** Scrapes each service makes before the timed ones: the first few run 1.5-2× slower while V8 compiles the decoder. */
const WARM_UPS = 2;

/**
 * The stages the worker logged on the finish line of `uuid`'s scrape. On SQLite's `all` role
 * `/status` can say finished before that line is written (see README), so it is waited for briefly.
 */
async function stagesOf(service: RunningService, uuid: string): Promise<Record<string, number> | null> {
  for (let attempt = 0; attempt < 40; attempt++) {
    for (const file of readdirSync(service.logDir)) {
      for (const line of readFileSync(join(service.logDir, file), 'utf8').split('\n')) {
        if (!line.includes(uuid) || !line.includes('"stages"')) continue;
        return (JSON.parse(line) as { stages: Record<string, number> }).stages;
      }
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

interface Timed {
  ms: number;
  stages: Record<string, number> | null;
}

type Scrapes = Timed & { all: number[] };

/**
 * Scrapes copies of the build one after another, on each service in turn (the first service first
 * in even rounds, last in odd ones), after WARM_UPS each; per service, the median scrape counts
 * (with the times of all, in order).
 */
async function medianScrapes(services: RunningService[], given: readonly string[]): Promise<Scrapes[]> {
  const urls = [...given];
  for (let n = 0; n < WARM_UPS; n++) for (const service of services) await scrapeFinished(service.url, urls.shift()!);
  const scrapes: Timed[][] = services.map(() => []);
  for (let round = 0; round * services.length < urls.length; round++) {
    const order = services.map((_, i) => (round % 2 === 0 ? i : services.length - 1 - i));
    for (const [n, i] of order.entries()) {
      const started = performance.now();
      const uuid = await scrapeFinished(services[i].url, urls[round * services.length + n]);
      scrapes[i].push({ ms: performance.now() - started, stages: await stagesOf(services[i], uuid) });
    }
  }
  return scrapes.map((side) => {
    const middle = [...side].sort((a, b) => a.ms - b.ms)[Math.floor(side.length / 2)];
    return { ...middle, all: side.map((t) => t.ms) };
  });
}

async function stopAll(services: RunningService[]): Promise<void> {
  await Promise.all(services.map((s) => s.stop()));
}

function describeStages(stages: Record<string, number> | null): string {
  if (!stages) return 'no stages logged';
  return Object.entries(stages)
    .map(([k, v]) => `${k} ${Math.round(v)} ms`)
    .join(', ');
}

export async function scrapeBench(runs = flag('runs', 5, 1), referenceDist = textFlag('reference-dist')): Promise<BenchRow[]> {
  const dists = referenceDist === undefined ? [undefined] : [undefined, resolve(referenceDist)];
  const stream = tempestLikeStream(TESTS);
  const file = join(mkdtempSync(join(tmpdir(), 'svbench-')), 'bench.subunit');
  writeFileSync(file, stream);
  const referenceRuns: number[] = [];
  for (let i = 0; i < runs; i++) referenceRuns.push(await subunit2csvMs(file));
  const reference = median(referenceRuns);
  const scrapes = (runs + WARM_UPS) * dists.length;
  const paths = Array.from({ length: 2 * scrapes }, (_, i) => `/bench/e2e/${i}/`);
  const logs = await startFakeLogServer({ builds: Object.fromEntries(paths.map((p) => [p, stream])) });
  const urls = paths.map((p) => logs.url + p);
  const mb = `${(stream.length / 1e6).toFixed(1)} MB, ${TESTS.toLocaleString('en')} tests`;
  try {
    // The log server compresses the object once, as Swift stores it: not part of any scrape.
    await (await fetch(`${urls[0]}testrepository.subunit`)).arrayBuffer();
    const sqlite = await Promise.all(dists.map((dist) => startAllOnSqlite({ ARTIFACT_HOSTS: logs.host }, [], dist)));
    const [onSqlite, refSqlite] = await medianScrapes(sqlite, urls.slice(0, scrapes)).finally(() => stopAll(sqlite));

    await resetTestDatabase();
    const split = await Promise.all(
      dists.map((dist) =>
        startApiAndWorkers(
          1,
          { ...backendEnv(), ARTIFACT_HOSTS: logs.host, QUEUE_PREFIX: `svbench-${randomUUID().slice(0, 8)}` },
          [],
          dist,
        ),
      ),
    );
    const [onMysql, refMysql] = await medianScrapes(split, urls.slice(scrapes)).finally(() => stopAll(split));

    const range = (xs: number[]) => `${seconds(Math.min(...xs))}-${seconds(Math.max(...xs))}`;
    const row = (figure: string, t: Scrapes, goal: number): BenchRow => ({
      figure,
      ours: `${seconds(t.ms)} (median of ${runs}: ${range(t.all)})`,
      reference: `subunit2csv ${seconds(reference)} (median of ${runs}: ${range(referenceRuns)})`,
      ratio: reference / t.ms,
      goal: `≥ ${goal}×`,
      met: reference / t.ms >= goal,
    });
    const againstReference = (figure: string, ours: Scrapes, reference: Scrapes): BenchRow => ({
      figure,
      ours: `${seconds(ours.ms)} (median of ${runs}: ${range(ours.all)})`,
      reference: `${seconds(reference.ms)} (median of ${runs}: ${range(reference.all)})`,
      ratio: reference.ms / ours.ms,
      goal: 'reported',
      met: null,
    });
    const references = !refSqlite
      ? []
      : [
          againstReference(`end-to-end scrape, all role on SQLite, this build vs ${referenceDist}, in turns`, onSqlite, refSqlite),
          againstReference(`the same on MariaDB + Redis with a worker process, this build vs ${referenceDist}`, onMysql, refMysql),
          {
            figure: `per-stage times of ${referenceDist}'s median SQLite scrape`,
            ours: describeStages(refSqlite.stages),
            reference: '',
            ratio: null,
            goal: 'printed',
            met: refSqlite.stages !== null,
          },
          {
            figure: `per-stage times of ${referenceDist}'s median MariaDB + Redis scrape`,
            ours: describeStages(refMysql.stages),
            reference: '',
            ratio: null,
            goal: 'printed',
            met: refMysql.stages !== null,
          },
        ];
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
      ...references,
    ];
  } finally {
    await logs.close();
  }
}

if (require.main === module) runBench(() => scrapeBench());
