/**
 * POST /compare on two 35,000-test runs: how long the answer takes, first with the runs' test
 * indexes not yet read (each side's stored `subunit` artifact is streamed from the database and
 * parsed), then from the index cache. The runs are generated subunit streams (a few hundred tests
 * differ: new failures, fixed, slower, faster, added, removed), served by the fake log server and
 * scraped by the real app, as in production.
 *
 *   npm run build && node dist/bench/compare.js [--tests=35000] [--runs=5]
 *   DATABASE_URL=mysql://root@127.0.0.1:3306/stackviz_bench node dist/bench/compare.js   (default: SQLite in a temp dir)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHttpApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/load-config';
import { AppLogger } from '../src/logging/app-logger';
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { generatedStream, GeneratedTest } from '../test/fake-upstream/generated-stream';
import { postJson, waitForTask } from '../test/e2e/harness';

function option(name: string, fallback: number): number {
  const arg = process.argv.find((a) => a.startsWith(`--${name}=`));
  return arg ? Number(arg.split('=')[1]) : fallback;
}

const TESTS = option('tests', 35_000);
const RUNS = option('runs', 5);

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

async function main(): Promise<void> {
  const [base, head] = twoRuns(TESTS);
  const streams = { '/bench/base/': generatedStream(base), '/bench/head/': generatedStream(head) };
  const logs = await startFakeLogServer({ builds: streams });
  const dir = mkdtempSync(join(tmpdir(), 'svbench-'));
  const config = loadConfig(
    {
      DATABASE_URL: process.env.DATABASE_URL ?? `sqlite:${join(dir, 'bench.sqlite')}`,
      ARTIFACT_HOSTS: logs.host,
      LOG_LEVEL: 'error',
      PORT: '0',
      HOST: '127.0.0.1',
      CLEANUP_CRON: '0 0 1 1 *',
    },
    ['--role=all'],
  );
  const app = await createHttpApp(config, new AppLogger('pretty', 'error', process.stderr));
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    const uuids: string[] = [];
    for (const path of Object.keys(streams)) {
      const { body } = await postJson(url, '/scrape', { url: logs.url + path });
      await waitForTask(url, body.uuid, 600_000);
      uuids.push(body.uuid);
    }
    const compare = async () => {
      const started = process.hrtime.bigint();
      const res = await postJson(url, '/compare', { base: uuids[0], head: uuids[1] });
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (res.status !== 200) throw new Error(`compare answered ${res.status}: ${JSON.stringify(res.body)}`);
      return { ms, body: res.body };
    };
    const cold = await compare();
    const warm: number[] = [];
    for (let i = 0; i < RUNS; i++) warm.push((await compare()).ms);
    warm.sort((a, b) => a - b);
    const mb = (Buffer.byteLength(JSON.stringify(cold.body)) / 1024 / 1024).toFixed(2);
    console.log(`compare: ${base.length} vs ${head.length} tests (${config.database.type}), ${cold.body.tests.length} listed (${mb} MiB)`);
    console.log(`  counts: ${JSON.stringify(cold.body.counts)}`);
    console.log(`  first answer (both artifacts read from the database): ${cold.ms.toFixed(0)} ms`);
    console.log(
      `  cached indexes: median ${warm[Math.floor(warm.length / 2)].toFixed(0)} ms (${warm.map((m) => m.toFixed(0)).join(', ')})`,
    );
  } finally {
    await app.close();
    await logs.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: Error) => {
  console.error(err.stack ?? err.message);
  process.exit(1);
});
