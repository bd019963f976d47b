/**
 * Subunit benchmark over a large stream made by concatenating real streams:
 *  - full conversion: subunitArtifacts (decode, fold, the three StackViz JSON artifacts, gzip);
 *  - like for like with subunit2csv: decode and fold, one line per test (id, status, times);
 *  - Debian's subunit2csv on the same bytes (and on an empty stream: its start-up time).
 * Each is run RUNS times and the fastest run is reported, for both sides alike.
 *
 *   npx tsc -p tsconfig.json && npm run bench:subunit -- [--mb=20] [--kind=tempest,unit] [--skip-python]
 */
import { spawn } from 'child_process';
import { createReadStream, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'fs';
import { once } from 'events';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { gunzipSync } from 'zlib';
import { subunitArtifacts } from '../src/artifacts/parsers';
import { SubunitPacketDecoder } from '../src/artifacts/parsers/subunit/packet-decoder';
import { StreamToTests, TestRecord } from '../src/artifacts/parsers/subunit/stream-to-tests';
import { isoFromMicros } from '../src/artifacts/parsers/subunit/timestamps';

const ROOT = resolve(__dirname, '..');
const SHARED = resolve(ROOT, 'test/fixtures/subunit');
const SUBUNIT2CSV = '/usr/bin/subunit2csv';
const RUNS = 5;

async function fastest(run: () => Promise<number>): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < RUNS; i++) best = Math.min(best, await run());
  return best;
}

function option(name: string): string | undefined {
  const arg = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  return arg === undefined ? undefined : (arg.split('=')[1] ?? '');
}

/**
 * Two kinds of real CI stream, since the ratio depends on the shape: a devstack tempest run is
 * mostly big attachments (bulk bytes that python-subunit also handles in C), a unit-test run is
 * mostly small packets (where python pays per packet).
 */
const STREAM_KINDS = {
  tempest: () => [gunzipSync(readFileSync(join(SHARED, 'devstack-gate-tempest.subunit.gz')))],
  unit: () => [
    readFileSync(join(SHARED, 'stestr-failure.subunit')),
    readFileSync(join(SHARED, 'stestr-all-skips.subunit')),
    readFileSync(join(ROOT, 'test/fixtures/subunit/stestr-4workers.subunit')),
  ],
};
type StreamKind = keyof typeof STREAM_KINDS;

/** Writes real streams end to end until the file reaches `bytes`; never holds it in memory. */
async function writeConcatenatedStream(path: string, bytes: number, kind: StreamKind): Promise<number> {
  const streams = STREAM_KINDS[kind]();
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

async function timeOurs(path: string): Promise<{ seconds: number; cores: number; tests: number; gzipped: number }> {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const result = await subunitArtifacts(createReadStream(path, { highWaterMark: 64 * 1024 }));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return {
    seconds,
    cores: (used.user + used.system) / 1e6 / seconds,
    tests: result.testCount,
    gzipped: result.artifacts.reduce((n, a) => n + a.gzipped.length, 0),
  };
}

/** The work subunit2csv does: decode, fold, and one text line per test (id, status, start, stop). */
async function timeDecodeAndFold(path: string): Promise<number> {
  const started = process.hrtime.bigint();
  const decoder = new SubunitPacketDecoder();
  const fold = new StreamToTests();
  let csvChars = 0;
  const iso = (micros: number | undefined) => (micros === undefined ? '' : isoFromMicros(micros));
  const line = (record: TestRecord) => {
    csvChars += `${record.id},${record.status},${iso(record.startMicros)},${iso(record.endMicros)}\n`.length;
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

function rate(mb: number, seconds: number): string {
  return `${seconds.toFixed(2)} s, ${(mb / seconds).toFixed(1)} MiB/s`;
}

async function benchKind(kind: StreamKind, targetMb: number, dir: string): Promise<void> {
  const path = join(dir, `${kind}.subunit`);
  await writeConcatenatedStream(path, targetMb * 1024 * 1024, kind);
  const mb = statSync(path).size / (1024 * 1024);
  console.log(`\n${kind} stream: ${mb.toFixed(1)} MiB (concatenated real ${kind} runs)`);

  let ours = await timeOurs(path);
  for (let i = 1; i < RUNS; i++) {
    const again = await timeOurs(path);
    if (again.seconds < ours.seconds) ours = again;
  }
  const foldSeconds = await fastest(() => timeDecodeAndFold(path));
  console.log(
    `full conversion (decode, fold, 3 JSON artifacts, gzip): ${rate(mb, ours.seconds)}, ` +
      `${ours.cores.toFixed(2)} cores busy, ${ours.tests} tests, ${(ours.gzipped / 1024 / 1024).toFixed(1)} MiB gzipped`,
  );
  console.log(`decode + fold only (subunit2csv's work): ${rate(mb, foldSeconds)}`);
  console.log(`peak RSS of one full conversion in a fresh process: ${await peakRssOfOneConversion(path)} MiB`);

  if (option('skip-python') === undefined) {
    const python = await fastest(() => timeSubunit2csv(path));
    const startup = await fastest(() => timeSubunit2csv('/dev/null'));
    console.log(`subunit2csv (python-subunit): ${rate(mb, python)} (of which ${startup.toFixed(2)} s start-up)`);
    console.log(`ratio, full conversion / subunit2csv: ${(python / ours.seconds).toFixed(1)}x`);
    console.log(`ratio, decode + fold / subunit2csv: ${(python / foldSeconds).toFixed(1)}x`);
    console.log(`ratio, decode + fold / subunit2csv without its start-up: ${((python - startup) / foldSeconds).toFixed(1)}x`);
  }
}

/** A worker converts each stream once, so its memory is measured on one run, not after five. */
async function peakRssOfOneConversion(path: string): Promise<number> {
  const child = spawn(process.execPath, [__filename, `--convert-once=${path}`], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the conversion child exited with ${code}`);
  return Number(out.trim());
}

async function main(): Promise<void> {
  const convertOnce = option('convert-once');
  if (convertOnce) {
    await subunitArtifacts(createReadStream(convertOnce, { highWaterMark: 64 * 1024 }));
    console.log((process.resourceUsage().maxRSS / 1024).toFixed(0));
    return;
  }
  const targetMb = Number(option('mb') ?? 20);
  const kinds = (option('kind')?.split(',') ?? Object.keys(STREAM_KINDS)) as StreamKind[];
  const dir = mkdtempSync(join(tmpdir(), 'subunit-bench-'));
  try {
    for (const kind of kinds) await benchKind(kind, targetMb, dir);
    console.log(`\npeak RSS of this process, after every run above: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
