/**
 * Every benchmark in one go: each bench runs in a child process of its own (its memory and its
 * servers go with it) and hands back its rows; this prints the machine and one table of them all.
 * Goals are not gates: the exit code is 1 only when a bench crashed (the others still run and print).
 *
 *   npm run bench [-- --quick]   (--quick: shorter runs, a smoke test of a few minutes)
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { quick } from './lib/args';
import { BenchRow, printRows } from './lib/report';

const BENCHES = [
  'api',
  'scrape',
  'scrape-growth',
  'scale-out',
  'list-cost',
  'list-growth',
  'compare',
  'insight',
  'failures',
  'failure-recording',
  'watch',
  'worker-memory',
  'subunit',
  'ui-render',
];

function machine(): string[] {
  const model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  const load = loadavg().map((l) => l.toFixed(2));
  return [
    `Machine: ${model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}`,
    `Load average at start: ${load.join(', ')}${quick ? ' (--quick run)' : ''}`,
  ];
}

/** Runs bench/NAME.ts in a child; its own output goes to stderr, its rows come back through a file. */
async function runChild(name: string, dir: string): Promise<BenchRow[]> {
  const rowsFile = join(dir, `${name}.json`);
  const args = [...process.execArgv, join(__dirname, `${name}.ts`), `--rows-json=${rowsFile}`, ...(quick ? ['--quick'] : [])];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 2, 'inherit'] });
  const [code, signal] = (await once(child, 'exit')) as [number | null, string | null];
  if (code !== 0) throw new Error(`exited ${code ?? signal}`);
  return JSON.parse(readFileSync(rowsFile, 'utf8')) as BenchRow[];
}

async function main(): Promise<number> {
  const header = machine();
  const dir = mkdtempSync(join(tmpdir(), 'svbench-rows-'));
  const rows: BenchRow[] = [];
  const crashed: string[] = [];
  try {
    for (const name of BENCHES) {
      console.error(`\n== bench/${name}.ts`);
      try {
        rows.push(...(await runChild(name, dir)));
      } catch (err) {
        crashed.push(`${name} (${(err as Error).message})`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(header.join('  \n'));
  console.log();
  printRows(rows);
  if (crashed.length === 0) return 0;
  console.log(`\nCrashed: ${crashed.join(', ')}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.stack);
    process.exit(1);
  },
);
