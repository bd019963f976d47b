/**
 * POST /compare on two 35,000-test runs: how long the answer takes, first with the runs' test
 * indexes not yet read (each side's stored `subunit` artifact is streamed from the database and
 * parsed), then from the index cache. The runs are generated subunit streams (about 1,100 tests
 * differ: new failures, fixed, slower, faster, added, removed), served by the fake log server and
 * scraped by the built service (`all` role on SQLite), as in production.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/compare.ts [--tests=35000] [--runs=5] [--quick]   (--quick: 3 runs)
 */
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { generatedStream, GeneratedTest } from '../test/fake-upstream/generated-stream';
import { flag } from './lib/args';
import { BenchRow, runBench } from './lib/report';
import { postJson, scrapeFinished, startAllOnSqlite } from './lib/service';
import { median } from './lib/timing';

/** A tempest-sized name: module, class and test, ~90 characters. */
const nameOf = (i: number) => `tempest.api.compute.module${i % 60}.test_servers_${i % 7}.ServersTestJSON${i % 13}.test_server_action_${i}`;

/** Base and head: the same tests, but for 1% failing in base and a few hundred that changed. */
function twoRuns(n: number): [GeneratedTest[], GeneratedTest[]] {
  const base: GeneratedTest[] = [];
  const head: GeneratedTest[] = [];
  for (let i = 0; i < n; i++) {
    const id = nameOf(i);
    const seconds = 0.2 + (i % 40) / 10;
    const failing = i % 100 === 0;
    base.push({ id, status: failing ? 'fail' : i % 37 === 0 ? 'skip' : 'success', seconds });
    if (i % 350 === 1) continue; // removed
    const status = i % 300 === 5 ? 'fail' : failing && i % 200 === 0 ? 'success' : base[i].status;
    head.push({ id, status, seconds: i % 120 === 7 ? seconds * 3 + 1 : i % 170 === 9 ? seconds / 10 : seconds });
  }
  for (let i = 0; i < n / 350; i++) head.push({ id: `${nameOf(n + i)}_new`, status: 'success', seconds: 1 });
  return [base, head];
}

export async function compareBench(tests = flag('tests', 35_000), runs = flag('runs', 5, 3)): Promise<BenchRow[]> {
  const [base, head] = twoRuns(tests);
  const logs = await startFakeLogServer({ builds: { '/bench/base/': generatedStream(base), '/bench/head/': generatedStream(head) } });
  const service = await startAllOnSqlite({ ARTIFACT_HOSTS: logs.host });
  try {
    const uuids: string[] = [];
    for (const path of ['/bench/base/', '/bench/head/']) {
      uuids.push(await scrapeFinished(service.url, logs.url + path, 600_000));
    }
    const compare = async () => {
      const started = performance.now();
      const res = await postJson<{ tests: unknown[] }>(service.url, '/compare', { base: uuids[0], head: uuids[1] });
      const ms = performance.now() - started;
      if (res.status !== 200) throw new Error(`compare answered ${res.status}: ${res.bytes.toString()}`);
      return { ms, listed: res.body.tests.length, bytes: res.bytes.length };
    };
    const first = await compare();
    const cached: number[] = [];
    for (let i = 0; i < runs; i++) cached.push((await compare()).ms);
    const figure = `POST /compare of two ${tests.toLocaleString('en')}-test runs (${first.listed.toLocaleString('en')} tests listed, ${(first.bytes / 1024 / 1024).toFixed(2)} MiB), all role on SQLite`;
    return [
      {
        figure: `${figure}: first answer (both indexes read from the database)`,
        ours: `${first.ms.toFixed(0)} ms`,
        reference: '',
        ratio: null,
        goal: '< 1 s',
        met: first.ms < 1000,
      },
      {
        figure: `${figure}: cached indexes, median of ${runs}`,
        ours: `${median(cached).toFixed(0)} ms`,
        reference: '',
        ratio: null,
        goal: '< 1 s',
        met: median(cached) < 1000,
      },
    ];
  } finally {
    await service.stop();
    await logs.close();
  }
}

if (require.main === module) runBench(() => compareBench());
