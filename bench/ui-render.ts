/// <reference lib="dom" />
/**
 * First render of a 2,000-test timeline with dstat in headless Chromium (Debian's, never a
 * downloaded one). Serves dist/web (npm run build:web) and a generated StackViz data folder from a
 * local server, opens the timeline `--runs` times (a fresh page each) and reports the medians.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/ui-render.ts [--runs=5] [--quick] [--reference-web=DIR] [--reference-dist=DIR]
 *   (--quick: 2 runs; the references: another commit's dist/web, or its whole dist/ as bench/scrape.ts takes it)
 */
import { existsSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import type { DetailsByName, StackVizTest } from '../src/api-shapes';
import { preloadLinks, routeModules, type ViteManifest } from '../src/ui/route-preloads';
import { CHROMIUM_ARGS } from '../test/e2e/chromium';
import { startFakeLogServer, type BuildResults } from '../test/fake-upstream/fake-logs';
import { generatedStream, type GeneratedTest } from '../test/fake-upstream/generated-stream';
import { flag, textFlag } from './lib/args';
import { dstatCsv } from './lib/dstat-csv';
import { BenchRow, runBench } from './lib/report';
import { scrapeFinished, startAllOnSqlite } from './lib/service';
import { tempestLikeStream } from './lib/streams';
import { median } from './lib/timing';

const TESTS = 2000;
const WORKERS = 8;
/** The end-to-end scrape's run (bench/scrape.ts). */
const LARGE_TESTS = 35_200;
const WEB_ROOT = join(__dirname, '..', 'dist', 'web');
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.csv': 'text/csv',
};

/** A tempest-like run: WORKERS lanes of back-to-back tests, some failing or skipped, a few zero-length. */
function generateRun(): Record<string, string> {
  const start = Date.UTC(2024, 1, 13, 21, 0, 0);
  const tests: StackVizTest[] = [];
  const details: DetailsByName = {};
  const clocks = Array.from({ length: WORKERS }, () => start);
  for (let i = 0; i < TESTS; i++) {
    const w = i % WORKERS;
    const seconds = i % 97 === 0 ? 0 : 0.2 + ((i * 7919) % 400) / 10;
    const status = i % 53 === 0 ? 'fail' : i % 11 === 0 ? 'skip' : 'success';
    const name = `tempest.api.module${i % 40}.test_things.ThingsTest.test_case_${i}`;
    tests.push({
      name,
      id: name,
      status,
      tags: [`worker-${w}`],
      timestamps: [new Date(clocks[w]).toISOString(), new Date(clocks[w] + seconds * 1000).toISOString()],
      duration: seconds,
      details: {},
    });
    if (status === 'fail')
      details[name] = { traceback: `Traceback (most recent call last):\n  File "x.py", line 1\nAssertionError: case ${i}` };
    clocks[w] += seconds * 1000 + 50;
  }
  const end = Math.max(...clocks);
  const dstat = dstatCsv(start - 30000, end + 30000);
  const artifact = (path: string, type: string) => ({
    path,
    artifact_name: path,
    artifact_type: type,
    content_type: 'application/json',
    primary: type === 'subunit',
  });
  const config = {
    deployer: false,
    datasets: [
      {
        name: 'bench-tempest',
        pipeline: 'check',
        status: 'FAILURE',
        artifacts: [artifact('raw.json', 'subunit'), artifact('details.json', 'subunit-details'), artifact('dstat.csv', 'dstat')],
      },
    ],
  };
  return {
    'config.json': JSON.stringify(config),
    'raw.json': JSON.stringify(tests),
    'details.json': JSON.stringify(details),
    'dstat.csv': dstat,
  };
}

/**
 * Serves a UI build as the service does (with its route preloads when the build has a manifest), the
 * generated folder under /bench-data/, and, given `api`, the service's API paths passed through to it.
 */
function serve(webRoot: string, data: Record<string, string>, api?: string): Promise<http.Server> {
  const index = readFileSync(join(webRoot, 'index.html'), 'utf8');
  const manifestPath = join(webRoot, '.vite', 'manifest.json');
  const manifest = existsSync(manifestPath) ? (JSON.parse(readFileSync(manifestPath, 'utf8')) as ViteManifest) : {};
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (api && /^\/(status|task|blob\/)/.test(path)) {
      const upstream = http.request(api + req.url, { method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(upstream);
      return;
    }
    if (path.startsWith('/bench-data/')) {
      const body = data[path.slice('/bench-data/'.length)];
      if (body === undefined) return res.writeHead(404).end();
      return res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/plain' }).end(body);
    }
    const file = join(webRoot, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    if (path.startsWith('/assets/') && existsSync(file))
      return res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    res
      .writeHead(200, { 'content-type': 'text/html' })
      .end(index.replace('</head>', `${preloadLinks(manifest, routeModules(path))}</head>`));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The scraped runs: the folder run's shape (and an hour of dstat) as a tempest build, and the 35,200-test stream. */
function scrapedBuilds(): { builds: Record<string, BuildResults>; small: string; large: string } {
  const start = Date.UTC(2024, 1, 13, 21, 0, 0);
  const tests: GeneratedTest[] = Array.from({ length: TESTS }, (_, i) => ({
    id: `tempest.api.module${i % 40}.test_things.ThingsTest.test_case_${i}[id-${i},smoke]`,
    status: i % 53 === 0 ? 'fail' : i % 11 === 0 ? 'skip' : 'success',
    seconds: i % 97 === 0 ? 0 : 0.2 + ((i * 7919) % 400) / 10,
  }));
  // generatedStream lays each worker's tests back to back, a millisecond apart.
  const clocks = Array.from({ length: WORKERS }, () => start);
  tests.forEach((t, i) => (clocks[i % WORKERS] += t.seconds * 1000 + 1));
  const stream = generatedStream(tests, { workers: WORKERS, startMicros: start * 1000, logBytes: 300 });
  const dstat = Buffer.from(dstatCsv(start - 30000, Math.max(...clocks) + 30000));
  return {
    builds: {
      '/bench/ui/small/': { 'testrepository.subunit': stream, 'logs/dstat-csv_log.txt': dstat },
      '/bench/ui/large/': tempestLikeStream(LARGE_TESTS),
    },
    small: '/bench/ui/small/',
    large: '/bench/ui/large/',
  };
}

/** Cold loads of `url` (a new context each: empty cache), navigation start → `ready()` true and one frame painted, ms. */
async function coldLoads(browser: Browser, url: string, ready: () => boolean, runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForFunction(ready, undefined, { timeout: 30_000 });
    times.push(await page.evaluate(() => new Promise<number>((resolve) => requestAnimationFrame(() => resolve(performance.now())))));
    await context.close();
  }
  return times;
}

const summaryShown = () => document.querySelector('.panel.results .counts') !== null && document.querySelector('.causes .cause') !== null;
// Lanes drawn and all four dstat strips built.
const timelineShown = () =>
  performance.getEntriesByName('timeline-first-draw').length > 0 && document.querySelectorAll('.dstat .uplot').length === 4;

const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');

function loadRow(figure: string, runs: number[], goalMs: number): BenchRow {
  const m = median(runs);
  return {
    figure: `${figure}, median of ${runs.length}`,
    ours: `${m.toFixed(0)} ms (${Math.min(...runs).toFixed(0)}-${Math.max(...runs).toFixed(0)}; runs: ${list(runs)})`,
    reference: '',
    ratio: null,
    goal: `≤ ${goalMs / 1000} s`,
    met: m <= goalMs,
  };
}

/** The service's own sites (`/s/<uuid>`), as a user opens them: the all role on SQLite serving the built UI. */
async function serviceRows(browser: Browser, runs: number): Promise<BenchRow[]> {
  const { builds, small, large } = scrapedBuilds();
  const logs = await startFakeLogServer({ builds });
  const service = await startAllOnSqlite({ ARTIFACT_HOSTS: logs.host });
  try {
    const smallUuid = await scrapeFinished(service.url, logs.url + small);
    const largeUuid = await scrapeFinished(service.url, logs.url + large);
    const site = (uuid: string, page = '') => `${service.url}/s/${uuid}/${page}`;
    const what = 'cold load in headless Chromium 1280×800, navigation →';
    const smallRun = `${TESTS.toLocaleString('en')}-test run on ${WORKERS} workers with an hour of dstat`;
    const rows = [
      loadRow(
        `summary of a scraped ${smallRun}, ${what} counts and failure groups shown`,
        await coldLoads(browser, site(smallUuid), summaryShown, runs),
        500,
      ),
      loadRow(
        `timeline of a scraped ${smallRun}, ${what} every lane and dstat strip drawn`,
        await coldLoads(browser, site(smallUuid, 'timeline'), timelineShown, runs),
        1000,
      ),
      loadRow(
        `summary of a scraped ${LARGE_TESTS.toLocaleString('en')}-test run, ${what} counts and failure groups shown`,
        await coldLoads(browser, site(largeUuid), summaryShown, runs),
        1000,
      ),
    ];
    const referenceWeb = textFlag('reference-web');
    if (referenceWeb) {
      // Both UI builds served by the bench's own server in front of the one service.
      const servers = await Promise.all([serve(WEB_ROOT, {}, service.url), serve(referenceWeb, {}, service.url)]);
      const [ours, theirs] = servers.map((s) => `http://127.0.0.1:${(s.address() as AddressInfo).port}`);
      try {
        const sites = { small: smallUuid, large: largeUuid };
        rows.push(...(await inTurn(browser, `the build in ${referenceWeb}`, { base: ours, ...sites }, { base: theirs, ...sites }, runs)));
      } finally {
        servers.forEach((s) => s.close());
      }
    }
    const referenceDist = textFlag('reference-dist');
    if (referenceDist) {
      // A whole other build of the service (its server's answers too), with the same runs scraped.
      const other = await startAllOnSqlite({ ARTIFACT_HOSTS: logs.host }, [], referenceDist);
      try {
        const theirs = {
          base: other.url,
          small: await scrapeFinished(other.url, logs.url + small),
          large: await scrapeFinished(other.url, logs.url + large),
        };
        const ours = { base: service.url, small: smallUuid, large: largeUuid };
        rows.push(...(await inTurn(browser, `the service built in ${referenceDist}`, ours, theirs, runs)));
      } finally {
        await other.stop();
      }
    }
    return rows;
  } finally {
    await service.stop();
    await logs.close();
  }
}

/** Where one side of a comparison serves the sites, and the uuids of the two scraped runs there. */
interface Side {
  base: string;
  small: string;
  large: string;
}

/**
 * `--reference-web=DIR` (another commit's `dist/web`) or `--reference-dist=DIR` (its whole `dist/`):
 * the three service loads on this build and on the other, taken in turn (which goes first
 * alternating), so the ratio holds however loaded the machine is.
 */
async function inTurn(browser: Browser, reference: string, ours: Side, theirs: Side, runs: number): Promise<BenchRow[]> {
  const cases: [string, (s: Side) => string, () => boolean][] = [
    [`summary, ${TESTS.toLocaleString('en')} tests`, (s) => `/s/${s.small}/`, summaryShown],
    [`timeline, ${TESTS.toLocaleString('en')} tests`, (s) => `/s/${s.small}/timeline`, timelineShown],
    [`summary, ${LARGE_TESTS.toLocaleString('en')} tests`, (s) => `/s/${s.large}/`, summaryShown],
  ];
  const rows: BenchRow[] = [];
  for (const [what, path, ready] of cases) {
    const a: number[] = [];
    const b: number[] = [];
    const load = async (side: Side, into: number[]) => into.push(...(await coldLoads(browser, side.base + path(side), ready, 1)));
    for (let i = 0; i < runs; i++) {
      if (i % 2 === 0) {
        await load(ours, a);
        await load(theirs, b);
      } else {
        await load(theirs, b);
        await load(ours, a);
      }
    }
    rows.push({
      figure: `cold load, ${what}: this build vs ${reference}, in turn, median of ${runs}`,
      ours: `${median(a).toFixed(0)} ms (${list(a)})`,
      reference: `${median(b).toFixed(0)} ms (${list(b)})`,
      ratio: median(b) / median(a),
      goal: 'reported',
      met: null,
    });
  }
  return rows;
}

export async function uiRenderBench(runs = flag('runs', 5, 2)): Promise<BenchRow[]> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error('no UI build: run npm run build:web first');
  const server = await serve(WEB_ROOT, generateRun());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${base}/s/${encodeURIComponent(`~${base}/bench-data/config.json`)}/timeline`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const totals: number[] = [];
  const renders: number[] = [];
  let scraped: BenchRow[];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(url);
      await page.waitForFunction(timelineShown);
      const t = await page.evaluate(
        () =>
          new Promise<{ total: number; render: number }>((resolve) =>
            requestAnimationFrame(() => {
              const loaded = performance.getEntriesByName('run-loaded')[0].startTime;
              const now = performance.now();
              resolve({ total: now, render: now - loaded });
            }),
          ),
      );
      totals.push(t.total);
      renders.push(t.render);
      await page.close();
    }
    scraped = await serviceRows(browser, runs);
  } finally {
    await browser.close();
    server.close();
  }
  const figure = `first render of a ${TESTS.toLocaleString('en')}-test timeline on ${WORKERS} workers + dstat, headless Chromium 1280×800`;
  return [
    ...scraped,
    {
      figure: `${figure}: navigation → timeline painted, median of ${runs}`,
      ours: `${median(totals).toFixed(0)} ms (runs: ${list(totals)})`,
      reference: '',
      ratio: null,
      goal: '< 1 s',
      met: median(totals) < 1000,
    },
    {
      figure: `${figure}: data loaded → timeline + dstat painted, median of ${runs}`,
      ours: `${median(renders).toFixed(0)} ms (runs: ${list(renders)})`,
      reference: '',
      ratio: null,
      goal: 'reported',
      met: null,
    },
  ];
}

if (require.main === module) runBench(() => uiRenderBench());
