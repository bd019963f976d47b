import { extname, join } from 'node:path';
import { ResourceLimits, Worker } from 'node:worker_threads';

const THREAD_ENTRY = join(__dirname, `stackviz-encoder-thread${extname(__filename)}`);
/** From source (the unit tests), the thread compiles its TypeScript as it loads it, as the scripts do. */
const THREAD_EXEC_ARGV = extname(__filename) === '.ts' ? ['-r', join(__dirname, '../../../../scripts/register-ts.js')] : [];
/** Threads kept between streams: a new thread's code runs cold (unoptimised) through a whole stream. */
const MAX_IDLE_THREADS = 2;

/** Where a StackVizEncoder takes its thread from, and gives it back to once done with its stream. */
export interface EncoderThreads {
  take(): Worker;
  /** `reusable`: it finished its stream cleanly, so it may take the next one. */
  giveBack(thread: Worker, reusable: boolean): Promise<void>;
}

/** A new encoder thread; `resourceLimits` bound its heap (node:worker_threads). */
export function startEncoderThread(resourceLimits?: ResourceLimits): Worker {
  return new Worker(THREAD_ENTRY, { execArgv: THREAD_EXEC_ARGV, resourceLimits });
}

const idleThreads: Worker[] = [];

/** An idle thread that ends leaves the pool, rather than be handed the next stream's tests. */
function leavePool(this: Worker): void {
  const at = idleThreads.indexOf(this);
  if (at >= 0) idleThreads.splice(at, 1);
}

/** The encoders' threads: a reusable one given back is kept for the next stream, up to MAX_IDLE_THREADS. */
export const pooledEncoderThreads: EncoderThreads = {
  take() {
    const thread = idleThreads.pop()?.off('exit', leavePool) ?? startEncoderThread();
    thread.ref();
    return thread;
  },
  async giveBack(thread, reusable) {
    if (reusable && idleThreads.length < MAX_IDLE_THREADS) {
      // an idle thread does not keep the process alive
      thread.unref();
      idleThreads.push(thread.once('exit', leavePool));
      return;
    }
    await thread.terminate();
  },
};
