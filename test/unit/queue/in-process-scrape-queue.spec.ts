import { Test } from '@nestjs/testing';
import { APP_CONFIG } from '../../../src/config/app-config';
import { InProcessScrapeQueue } from '../../../src/queue/in-process-scrape-queue';
import {
  HandBackJobError,
  RetryableJobError,
  SCRAPE_ATTEMPTS,
  SCRAPE_BACKOFF_MS,
  ScrapeJobHandlerRef,
} from '../../../src/queue/scrape-queue';

type Step = () => Promise<void>;

/** A handler whose n-th call for a task does what the script says (default: succeed at once). */
class ScriptedHandler {
  calls: { taskId: string; attempt: number; signal: AbortSignal }[] = [];
  running = 0;
  maxRunning = 0;
  scripts = new Map<string, Step[]>();

  async handle(taskId: string, attempt: number, _maxAttempts: number, signal: AbortSignal): Promise<void> {
    this.calls.push({ taskId, attempt, signal });
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      await (this.scripts.get(taskId)?.shift() ?? (async () => undefined))();
    } finally {
      this.running--;
    }
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe('InProcessScrapeQueue (DI)', () => {
  let queue: InProcessScrapeQueue;
  let handler: ScriptedHandler;

  beforeEach(async () => {
    handler = new ScriptedHandler();
    const moduleRef = await Test.createTestingModule({
      providers: [
        InProcessScrapeQueue,
        ScrapeJobHandlerRef,
        { provide: APP_CONFIG, useValue: { workerConcurrency: 2, shutdownGraceMs: 50 } },
      ],
    }).compile();
    moduleRef.get(ScrapeJobHandlerRef).set(handler);
    queue = moduleRef.get(InProcessScrapeQueue);
  });
  afterEach(() => jest.useRealTimers());

  it('runs at most WORKER_CONCURRENCY jobs at once and each enqueued task once', async () => {
    const gates: (() => void)[] = [];
    for (const id of ['a', 'b', 'c']) handler.scripts.set(id, [() => new Promise<void>((r) => gates.push(r))]);
    await Promise.all(['a', 'b', 'c', 'a'].map((id) => queue.enqueue(id)));
    await tick();
    expect(handler.calls.map((c) => c.taskId)).toEqual(['a', 'b']);
    expect(await queue.hasJob('c')).toBe(true);
    gates.shift()!();
    await tick();
    await tick();
    expect(handler.calls.map((c) => c.taskId)).toEqual(['a', 'b', 'c']);
    gates.splice(0).forEach((open) => open());
    await queue.beforeApplicationShutdown();
    expect(handler.maxRunning).toBe(2);
    expect(await queue.hasJob('a')).toBe(false);
  });

  it("runs users' jobs ahead of background (watcher) jobs that were waiting before them", async () => {
    const gates: (() => void)[] = [];
    for (const id of ['busy1', 'busy2']) handler.scripts.set(id, [() => new Promise<void>((r) => gates.push(r))]);
    await queue.enqueue('busy1');
    await queue.enqueue('busy2');
    await queue.enqueue('triage1', 'background');
    await queue.enqueue('triage2', 'background');
    await queue.enqueue('user1');
    await queue.enqueue('user2', 'user');
    gates.splice(0).forEach((open) => open());
    for (let i = 0; i < 10; i++) await tick();
    expect(handler.calls.map((c) => c.taskId)).toEqual(['busy1', 'busy2', 'user1', 'user2', 'triage1', 'triage2']);
    await queue.beforeApplicationShutdown();
  });

  it('retries a RetryableJobError with backoff until the attempts run out, and nothing else', async () => {
    jest.useFakeTimers();
    const flaky: Step = async () => {
      throw new RetryableJobError('503');
    };
    handler.scripts.set('flaky', Array(SCRAPE_ATTEMPTS).fill(flaky));
    handler.scripts.set('broken', [
      async () => {
        throw new Error('bug');
      },
    ]);
    await queue.enqueue('flaky');
    await queue.enqueue('broken');
    await jest.advanceTimersByTimeAsync(SCRAPE_BACKOFF_MS * 2 ** SCRAPE_ATTEMPTS);
    expect(handler.calls.filter((c) => c.taskId === 'flaky').map((c) => c.attempt)).toEqual(
      Array.from({ length: SCRAPE_ATTEMPTS }, (_, i) => i + 1),
    );
    expect(handler.calls.filter((c) => c.taskId === 'broken')).toHaveLength(1);
    expect(await queue.hasJob('flaky')).toBe(false);
  });

  it('stops taking work at shutdown: a retry waiting for its backoff is dropped', async () => {
    handler.scripts.set('x', [
      async () => {
        throw new RetryableJobError('timeout');
      },
    ]);
    await queue.enqueue('x');
    await tick();
    await queue.beforeApplicationShutdown();
    await new Promise((r) => setTimeout(r, 10));
    expect(handler.calls).toHaveLength(1);
  });

  it('runs a handed-back job again after its delay at the same attempt, however often', async () => {
    jest.useFakeTimers();
    const outage: Step = async () => {
      throw new HandBackJobError('database unavailable', 5000);
    };
    handler.scripts.set('t', Array(SCRAPE_ATTEMPTS + 2).fill(outage));
    await queue.enqueue('t');
    await jest.advanceTimersByTimeAsync(5000 * (SCRAPE_ATTEMPTS + 3));
    expect(handler.calls.map((c) => c.attempt)).toEqual(Array(SCRAPE_ATTEMPTS + 3).fill(1));
    expect(await queue.hasJob('t')).toBe(false); // the last run succeeded
  });

  it('at shutdown, aborts a job still running after SHUTDOWN_GRACE_MS and waits for it to hand itself back', async () => {
    handler.scripts.set('long', [
      () =>
        new Promise<void>((_resolve, reject) =>
          handler.calls[0].signal.addEventListener('abort', () => reject(new HandBackJobError('stopping', 0))),
        ),
    ]);
    await queue.enqueue('long');
    await tick();
    const started = Date.now();
    await queue.beforeApplicationShutdown();
    expect(handler.calls[0].signal.aborted).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(handler.calls).toHaveLength(1); // not run again in a stopping process
  });
});
