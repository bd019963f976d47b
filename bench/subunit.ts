/**
 * Subunit benchmark over a large stream made by concatenating real streams:
 *  - full conversion: subunitArtifacts (decode, fold, the three StackViz JSON artifacts, gzip);
 *  - like for like with subunit2csv: decode and fold, one line per test (id, status, times);
 *  - Debian's subunit2csv on the same bytes (and on an empty stream: its start-up time).
 * Each is run `--runs` times and the fastest run is reported, for both sides alike.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/subunit.ts [--mb=20] [--kind=tempest,unit] [--runs=5] [--quick]
 *   (--quick: 5 MiB, 2 runs)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { subunitArtifacts } from '../src/artifacts/parsers';
import { SubunitPacketDecoder } from '../src/artifacts/parsers/subunit/packet-decoder';
import { StreamToTests, TestRecord } from '../src/artifacts/parsers/subunit/stream-to-tests';
import { isoFromMicros } from '../src/artifacts/parsers/subunit/timestamps';
import { flag, textFlag } from './lib/args';
import { BenchRow, runBench } from './lib/report';
import { subunit2csvMs } from './lib/subunit2csv';
import { fastest } from './lib/timing';

const FIXTURES = join(__dirname, '..', 'test', 'fixtures', 'subunit');

/**
 * Two kinds of real CI stream, since the ratio depends on the shape: a devstack tempest run is
 * mostly big attachments (bulk bytes that python-subunit also handles in C), a unit-test run is
 * mostly small packets (where python pays per packet).
 */
const STREAM_KINDS = {
  tempest: () => [gunzipSync(readFileSync(join(FIXTURES, 'devstack-gate-tempest.subunit.gz')))],
  unit: () => ['stestr-failure.subunit', 'stestr-all-skips.subunit', 'stestr-4workers.subunit'].map((f) => readFileSync(join(FIXTURES, f))),
};
type StreamKind = keyof typeof STREAM_KINDS;

/** Writes real streams end to end until the file reaches `bytes`; never holds it in memory. */
async function writeConcatenatedStream(path: string, bytes: number, kind: StreamKind): Promise<void> {
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
}

interface Conversion {
  ms: number;
  cores: number;
  tests: number;
}

async function timeOurs(path: string): Promise<Conversion> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await subunitArtifacts(createReadStream(path, { highWaterMark: 64 * 1024 }));
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { ms, cores: (used.user + used.system) / 1e3 / ms, tests: result.testCount };
}

/** The work subunit2csv does: decode, fold, and one text line per test (id, status, start, stop). */
async function timeDecodeAndFold(path: string): Promise<number> {
  const started = performance.now();
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
  return performance.now() - started;
}

/** The built parser (npm run build), as a worker runs it: no TypeScript loader in the process being measured. */
const BUILT_PARSERS = join(__dirname, '..', 'dist', 'src', 'artifacts', 'parsers');
const CONVERT_ONCE = `require(${JSON.stringify(BUILT_PARSERS)})
  .subunitArtifacts(require('node:fs').createReadStream(process.argv[1], { highWaterMark: 64 * 1024 }))
  .then(() => console.log(Math.round(process.resourceUsage().maxRSS / 1024)));`;

/** A worker converts each stream once, so its memory is measured on one run in a fresh process, not after several. */
async function peakRssOfOneConversion(path: string): Promise<number> {
  const child = spawn(process.execPath, ['-e', CONVERT_ONCE, path], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  if (code !== 0) throw new Error(`the conversion child exited with ${code}`);
  return Number(out.trim());
}

async function benchKind(kind: StreamKind, targetMb: number, runs: number, dir: string): Promise<BenchRow[]> {
  const path = join(dir, `${kind}.subunit`);
  await writeConcatenatedStream(path, targetMb * 1024 * 1024, kind);
  const mib = statSync(path).size / (1024 * 1024);
  const rate = (ms: number) => `${(ms / 1000).toFixed(2)} s, ${((mib * 1000) / ms).toFixed(0)} MiB/s`;

  let ours = await timeOurs(path); // the first run also warms the JIT
  for (let i = 1; i < runs; i++) {
    const again = await timeOurs(path);
    if (again.ms < ours.ms) ours = again;
  }
  const fold = await fastest(runs, () => timeDecodeAndFold(path));
  const python = await fastest(runs, () => subunit2csvMs(path));
  const startup = await fastest(runs, () => subunit2csvMs('/dev/null'));
  const stream = `a ${mib.toFixed(0)} MiB ${kind} stream (${ours.tests.toLocaleString('en')} tests)`;
  const reference = `subunit2csv ${rate(python)} (${(startup / 1000).toFixed(2)} s start-up)`;
  return [
    {
      figure: `full conversion (decode, fold, 3 JSON artifacts, gzip) of ${stream} vs subunit2csv, same bytes`,
      ours: `${rate(ours.ms)}, ${ours.cores.toFixed(2)} cores busy`,
      reference,
      ratio: python / ours.ms,
      goal: 'reported',
      met: null,
    },
    {
      figure: `decode + fold only (subunit2csv's work) of ${stream} vs subunit2csv`,
      ours: `${rate(fold)}; ${((python - startup) / fold).toFixed(1)}× subunit2csv without its start-up`,
      reference,
      ratio: python / fold,
      goal: 'reported',
      met: null,
    },
    {
      figure: `peak RSS of one full conversion of ${stream} in a fresh process`,
      ours: `${await peakRssOfOneConversion(path)} MiB`,
      reference: '',
      ratio: null,
      goal: 'reported',
      met: null,
    },
  ];
}

export async function subunitBench(): Promise<BenchRow[]> {
  const targetMb = flag('mb', 20, 5);
  const runs = flag('runs', 5, 2);
  const kinds = (textFlag('kind')?.split(',') ?? Object.keys(STREAM_KINDS)) as StreamKind[];
  const dir = mkdtempSync(join(tmpdir(), 'subunit-bench-'));
  try {
    const rows: BenchRow[] = [];
    for (const kind of kinds) rows.push(...(await benchKind(kind, targetMb, runs, dir)));
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) runBench(subunitBench);
