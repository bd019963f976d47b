/**
 * Peak memory of a worker process converting one big stream: an api and one worker process on
 * MariaDB + Redis (TEST_DATABASE_URL, TEST_REDIS_URL) scrape a tempest-like stream of at least 200 MB
 * served by the fake log server; the worker's peak RSS is its kernel high-water mark (`VmHWM` in
 * /proc/PID/status), read once the task has finished, before the worker is stopped.
 *
 *   npm run build && node -r ./scripts/register-ts.js bench/worker-memory.ts [--mb=200] [--quick]   (--quick: 50 MB)
 */
import { readFileSync } from 'node:fs';
import { backendEnv } from '../test/e2e/backend';
import resetTestDatabase from '../test/e2e/global-setup';
import { startFakeLogServer } from '../test/fake-upstream/fake-logs';
import { flag } from './lib/args';
import { BenchRow, runBench, seconds } from './lib/report';
import { scrapeFinished, startApiAndWorkers } from './lib/service';
import { tempestLikeStream } from './lib/streams';

const PART_TESTS = 35_200;
const GOAL_BYTES = 300e6;

/** Tempest-like parts with distinct test ids, end to end, until the stream holds at least `bytes`. */
function streamOf(bytes: number): { stream: Buffer; tests: number } {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < bytes) {
    const part = tempestLikeStream(PART_TESTS, parts.length * PART_TESTS);
    parts.push(part);
    size += part.length;
  }
  return { stream: Buffer.concat(parts), tests: parts.length * PART_TESTS };
}

/** A memory figure of process `pid` from /proc/PID/status (VmHWM: peak RSS, VmRSS: RSS now), in bytes. */
function memoryBytes(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const kb = new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!kb) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(kb[1]) * 1024;
}

export async function workerMemoryBench(mb = flag('mb', 200, 50)): Promise<BenchRow[]> {
  const { stream, tests } = streamOf(mb * 1e6);
  const logs = await startFakeLogServer({ builds: { '/bench/worker-memory/': stream } });
  const url = `${logs.url}/bench/worker-memory/`;
  try {
    // The log server compresses the object once, as Swift stores it: not part of the scrape.
    await (await fetch(`${url}testrepository.subunit`)).arrayBuffer();
    await resetTestDatabase();
    const service = await startApiAndWorkers(1, { ...backendEnv(), ARTIFACT_HOSTS: logs.host });
    try {
      const worker = service.processes[1];
      const idle = memoryBytes(worker.pid!, 'VmRSS');
      const started = performance.now();
      await scrapeFinished(service.url, url, 600_000);
      const ms = performance.now() - started;
      const peak = memoryBytes(worker.pid!, 'VmHWM');
      return [
        {
          figure: `peak RSS (VmHWM) of a worker process scraping a ${(stream.length / 1e6).toFixed(0)} MB stream (${tests.toLocaleString('en')} tests), MariaDB + Redis`,
          ours: `${(peak / 1e6).toFixed(0)} MB (${(idle / 1e6).toFixed(0)} MB before the scrape; scrape ${seconds(ms)})`,
          reference: '',
          ratio: null,
          goal: '< 300 MB',
          met: peak < GOAL_BYTES,
        },
      ];
    } finally {
      await service.stop();
    }
  } finally {
    await logs.close();
  }
}

if (require.main === module) runBench(() => workerMemoryBench());
