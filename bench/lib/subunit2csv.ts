import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync } from 'node:fs';

/** Debian's python-subunit: the reference the parser is measured against. */
const SUBUNIT2CSV = '/usr/bin/subunit2csv';

/** Wall time (ms) of one subunit2csv run over the stream in `path`, start-up included. */
export async function subunit2csvMs(path: string): Promise<number> {
  const started = performance.now();
  const input = openSync(path, 'r');
  const child = spawn(SUBUNIT2CSV, [], { stdio: [input, 'ignore', 'inherit'] });
  const [code] = (await once(child, 'exit')) as [number | null];
  closeSync(input);
  // like every subunit filter, it exits 1 when the run had failures
  if (code !== 0 && code !== 1) throw new Error(`subunit2csv exited ${code}`);
  return performance.now() - started;
}
