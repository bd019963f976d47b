/**
 * Subunit benchmark over a large stream made by concatenating real streams:
 *  - full conversion: subunitArtifacts (decode, fold, the three StackViz JSON artifacts, gzip);
 *  - like for like with subunit2csv: decode and fold, one line per test (id, status, times);
 *  - Debian's subunit2csv on the same bytes.
 *
 *   npx tsc -p tsconfig.json && npm run bench:subunit -- [--mb=20] [--skip-python]
 */
import { spawn } from 'child_process';
import { createReadStream, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'fs';
import { once } from 'events';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { gunzipSync } from 'zlib';
import { subunitArtifacts } from '../src/artifacts/parsers';
import { SubunitPacketDecoder } from '../src/artifacts/parsers/subunit/packet-decoder';
import { stackVizTest } from '../src/artifacts/parsers/subunit/stackviz-json';
import { StreamToTests } from '../src/artifacts/parsers/subunit/stream-to-tests';

const ROOT = resolve(__dirname, '../..');
const SHARED = resolve(ROOT, '../shared/fixtures/subunit');
const SUBUNIT2CSV = '/usr/bin/subunit2csv';

function option(name: string): string | undefined {
  const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : (arg.split('=')[1] ?? '');
}

function realStreams(): Buffer[] {
  return [
    gunzipSync(readFileSync(join(SHARED, 'devstack-gate-tempest.subunit.gz'))),
    readFileSync(join(SHARED, 'stestr-failure.subunit')),
    readFileSync(join(SHARED, 'stestr-all-skips.subunit')),
    readFileSync(join(ROOT, 'test/fixtures/subunit/stestr-4workers.subunit')),
  ];
}

/** Writes real streams end to end until the file reaches `bytes`; never holds it in memory. */
async function writeConcatenatedStream(path: string, bytes: number): Promise<number> {
  const streams = realStreams();
  const out = createWriteStream(path);
  let written = 0;
  for (let i = 0; written < bytes; i++) {
    const next = streams[i % streams.length];
    written += next.length;
    if (!out.write(next)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  return written;
}

async function timeOurs(path: string): Promise<{ seconds: number; tests: number; gzipped: number }> {
  const started = process.hrtime.bigint();
  const result = await subunitArtifacts(createReadStream(path, { highWaterMark: 64 * 1024 }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { seconds, tests: result.testCount, gzipped: result.artifacts.reduce((n, a) => n + a.gzipped.length, 0) };
}

/** The work subunit2csv does: decode, fold, and one text line per test (id, status, start, stop). */
async function timeDecodeAndFold(path: string): Promise<number> {
  const started = process.hrtime.bigint();
  const decoder = new SubunitPacketDecoder();
  const fold = new StreamToTests();
  let csvChars = 0;
  const line = (record: ReturnType<StreamToTests['finish']>[number]) => {
    const test = stackVizTest(record);
    csvChars += `${test.id},${test.status},${test.timestamps[0]},${test.timestamps[1]}\n`.length;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
    for (const event of decoder.push(chunk as Buffer)) {
      if (event.kind !== 'packet') continue;
      const done = fold.accept(event.packet);
      if (done) line(done);
    }
  }
  for (const event of decoder.end()) if (event.kind === 'packet') fold.accept(event.packet);
  fold.finish().forEach(line);
  if (csvChars === 0) throw new Error('no tests');
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function timeSubunit2csv(path: string): Promise<number> {
  const started = process.hrtime.bigint();
  const child = spawn(SUBUNIT2CSV, [], { stdio: [openSync(path, 'r'), 'ignore', 'inherit'] });
  const [code] = (await once(child, 'exit')) as [number | null];
  // subunit2csv exits 1 when the stream has failing tests
  if (code !== 0 && code !== 1) throw new Error(`subunit2csv exited with ${code}`);
  return Number(process.hrtime.bigint() - started) / 1e9;
}

async function main(): Promise<void> {
  const targetMb = Number(option('mb') ?? 20);
  const dir = mkdtempSync(join(tmpdir(), 'subunit-bench-'));
  try {
    const path = join(dir, 'stream.subunit');
    await writeConcatenatedStream(path, targetMb * 1024 * 1024);
    const mb = statSync(path).size / (1024 * 1024);
    console.log(`stream: ${mb.toFixed(1)} MiB (concatenated real streams)`);

    const ours = await timeOurs(path);
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    const oursRate = mb / ours.seconds;
    console.log(
      `stackviz-deployer: ${ours.seconds.toFixed(2)} s, ${oursRate.toFixed(1)} MiB/s, ${ours.tests} tests, ` +
        `${(ours.gzipped / 1024 / 1024).toFixed(1)} MiB of gzipped artifacts`,
    );
    console.log(`peak RSS: ${peakRssMb.toFixed(0)} MiB`);
    const foldSeconds = await timeDecodeAndFold(path);
    const foldRate = mb / foldSeconds;
    console.log(`decode + fold only (subunit2csv's work): ${foldSeconds.toFixed(2)} s, ${foldRate.toFixed(1)} MiB/s`);

    if (option('skip-python') === undefined) {
      const python = await timeSubunit2csv(path);
      const pythonRate = mb / python;
      console.log(`subunit2csv (python-subunit): ${python.toFixed(2)} s, ${pythonRate.toFixed(2)} MiB/s`);
      console.log(`ratio, full conversion: ${(oursRate / pythonRate).toFixed(1)}x`);
      console.log(`ratio, decode + fold: ${(foldRate / pythonRate).toFixed(1)}x`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
