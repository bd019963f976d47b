/// <reference lib="dom" />
/**
 * First render of a 2,000-test timeline with dstat in headless Chromium (Debian's, never a
 * downloaded one). Serves dist/web (npm run build:web) and a generated StackViz data folder from a
 * local server, opens the timeline `--runs` times (a fresh page each) and reports the medians.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/ui-render.ts [--runs=5] [--quick]   (--quick: 2 runs)
 */
import { existsSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { chromium } from 'playwright-core';
import type { DetailsByName, StackVizTest } from '../src/api-shapes';
import { CHROMIUM_ARGS } from '../test/e2e/chromium';
import { flag } from './lib/args';
import { BenchRow, runBench } from './lib/report';
import { median } from './lib/timing';

const TESTS = 2000;
const WORKERS = 8;
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
  const pad = (n: number) => String(n).padStart(2, '0');
  const rows = [];
  for (let t = start - 30000; t < end + 30000; t += 1000) {
    const d = new Date(t);
    const stamp = `${pad(d.getUTCDate())}-${pad(d.getUTCMonth() + 1)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
    const u = 40 + 30 * Math.sin(t / 60000);
    rows.push(
      `${stamp},${u.toFixed(3)},${(u / 4).toFixed(3)},${(100 - u * 1.25).toFixed(3)},1.5,0,${5e9 + (t - start)},1e9,2e8,1e9,${(t % 7919) * 10},${(t % 3001) * 10},0,${(t % 4099) * 1000},0,50,4000,9000,3,2,1,4,0,10,0,0,38,110,0,57,0`,
    );
  }
  const dstat = [
    '"Dstat 0.7.3 CSV output"',
    '"Author:","Dag Wieers <dag@wieers.com>",,,,"URL:","http://dag.wieers.com/home-made/dstat/"',
    '"Host:","bench",,,,"User:","stack"',
    '"Cmdline:","dstat -tcmndrylpg --tcp --output dstat-csv.log",,,,"Date:","13 Feb 2024 20:59:30 UTC"',
    '"system","total cpu usage",,,,,"memory usage",,,,"net/total",,"dsk/total",,"io/total",,"system",,"load avg",,,"procs",,,"paging",,"tcp sockets",,,,',
    '"time","usr","sys","idl","wai","stl","used","free","buff","cach","recv","send","read","writ","read","writ","int","csw","1m","5m","15m","run","blk","new","in","out","lis","act","syn","tim","clo"',
    ...rows,
  ].join('\n');
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

function serve(webRoot: string, data: Record<string, string>): Promise<http.Server> {
  const index = readFileSync(join(webRoot, 'index.html'));
  const server = http.createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path.startsWith('/bench-data/')) {
      const body = data[path.slice('/bench-data/'.length)];
      if (body === undefined) return res.writeHead(404).end();
      return res.writeHead(200, { 'content-type': TYPES[extname(path)] ?? 'text/plain' }).end(body);
    }
    const file = join(webRoot, normalize(path).replace(/^(\.\.[/\\])+/, ''));
    if (path.startsWith('/assets/') && existsSync(file))
      return res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    res.writeHead(200, { 'content-type': 'text/html' }).end(index);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function uiRenderBench(runs = flag('runs', 5, 2)): Promise<BenchRow[]> {
  if (!existsSync(join(WEB_ROOT, 'index.html'))) throw new Error('no UI build: run npm run build:web first');
  const server = await serve(WEB_ROOT, generateRun());
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const url = `${base}/s/${encodeURIComponent(`~${base}/bench-data/config.json`)}/timeline`;
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const totals: number[] = [];
  const renders: number[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      await page.goto(url);
      // Lanes drawn and all four dstat strips built, then one frame so the paint has happened.
      await page.waitForFunction(
        () => performance.getEntriesByName('timeline-first-draw').length > 0 && document.querySelectorAll('.dstat .uplot').length === 4,
      );
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
  } finally {
    await browser.close();
    server.close();
  }
  const list = (xs: number[]) => xs.map((x) => x.toFixed(0)).join(', ');
  const figure = `first render of a ${TESTS.toLocaleString('en')}-test timeline on ${WORKERS} workers + dstat, headless Chromium 1280×800`;
  return [
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
