import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { ArtifactToStore } from '../artifacts/artifact-store';
import type { TaskEntity } from '../database/entities';
import { logContext } from '../logging/request-context';
import { HandBackJobError, RetryableJobError, ScrapeJobHandler, ScrapeJobHandlerRef } from '../queue/scrape-queue';
import { ConversionContext, CONVERSIONS } from './artifact-conversions';
import { discoverArtifacts, DiscoveredArtifact } from './discovery';
import { ArtifactFetcher, FetchError } from '../fetch';
import { missingLogsError } from './missing-logs';
import { classifyScrapeError, retryCanHelp } from './scrape-errors';
import { StageClock } from './stage-clock';
import { TaskFailureFeed } from '../tasks/task-failure-feed';
import { TaskLifecycle, TaskOutcome } from '../tasks/task-lifecycle';
import { TaskReader } from '../tasks/task-reader';
import { isFinal } from '../tasks/task-transitions';
import { TaskEntries } from './task-entries';

/**
 * How long a job waits when our database is away before it runs again. Short, so work resumes
 * within seconds of the database's return; each try costs one refused connection.
 */
const DATABASE_RETRY_MS = 5000;

interface Collected {
  stored: ArtifactToStore[];
  /** Artifacts skipped, and why. */
  skipped: string[];
  /** What the stored artifacts did not read cleanly. */
  warnings: string[];
}

/**
 * The scrape job: discover a job's artifacts under its log URL, stream each through its
 * conversion, and store the results with the task's final state in one transaction. The failed
 * tests go to TaskFailureFeed as the subunit conversion finds them.
 */
@Injectable()
export class ScrapeRunner implements ScrapeJobHandler, OnModuleInit {
  private readonly logger = new Logger('ScrapeRunner');

  constructor(
    private readonly tasks: TaskReader,
    private readonly lifecycle: TaskLifecycle,
    @Inject(ArtifactFetcher) private readonly fetcher: ArtifactFetcher,
    private readonly handlerRef: ScrapeJobHandlerRef,
    private readonly entries: TaskEntries,
    private readonly failureFeed: TaskFailureFeed,
  ) {}

  onModuleInit(): void {
    this.handlerRef.set(this);
  }

  handle(taskId: string, attempt: number, maxAttempts: number, signal: AbortSignal): Promise<void> {
    return logContext.run({ taskId }, () => this.handBackOnOutage(taskId, signal, () => this.run(taskId, attempt, maxAttempts, signal)));
  }

  /**
   * Neither our database being away nor this process stopping is the task's fault: whatever step
   * met it (reading the task, a heartbeat, storing the result, recording an error), the job is
   * handed back, the task left as it was, and the job runs again later here or on another worker.
   */
  private async handBackOnOutage(taskId: string, signal: AbortSignal, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      if (signal.aborted) {
        this.logger.log(`handing the job back: ${String(signal.reason)}`);
        throw new HandBackJobError(String(signal.reason), 0);
      }
      if (classifyScrapeError(err, false) === 'database') {
        this.logger.warn(`database unavailable, handing the job back for ${DATABASE_RETRY_MS / 1000} s: ${(err as Error).message}`);
        throw new HandBackJobError((err as Error).message, DATABASE_RETRY_MS);
      }
      throw err;
    }
  }

  private async run(taskId: string, attempt: number, maxAttempts: number, signal: AbortSignal): Promise<void> {
    const lastAttempt = attempt >= maxAttempts;
    const fetcher = this.fetcher.withSignal(signal);
    const clock = new StageClock();
    const queued = { queue: 0 };
    try {
      const task = await this.tasks.find(taskId);
      if (!task || isFinal(task.status) || !(await this.lifecycle.markRunning(taskId, 'discovering artifacts', []))) {
        this.logger.log(`nothing to do: task is ${task ? task.status : 'gone'}`);
        return;
      }
      if (attempt === 1) queued.queue = Math.max(0, Date.now() - task.createdAt.getTime());
      this.logger.log(`scraping ${task.url} (attempt ${attempt}/${maxAttempts}, scope ${task.scope})`);
      const postedWithoutResult = task.ciStatus === null;
      const entry = await this.entries.complete(task);
      const discovering = () =>
        discoverArtifacts(fetcher, task.url).catch((err: unknown) => {
          throw postedWithoutResult && err instanceof FetchError && err.kind === 'not-found' ? missingLogsError(task.url, err, entry) : err;
        });
      const { artifacts: found, method, warnings: passedOver } = await clock.time('discovery', discovering);
      this.logger.log(`found ${found.map((a) => a.name).join(', ') || 'nothing'} by ${method}`);
      const { stored, skipped, warnings } = await this.collect(
        task,
        found,
        { fetcher, clock, jobResult: task.ciStatus, scope: task.scope, failuresFound: (f) => this.failureFeed.found(task, f) },
        attempt,
        maxAttempts,
      );
      signal.throwIfAborted();
      const hasSubunit = stored.some((a) => a.artifactType === 'subunit');
      if (!hasSubunit && !stored.some((a) => a.artifactType === 'console')) {
        const why = [...passedOver, ...skipped];
        const message = `no subunit or console artifact found under ${task.url}${why.length ? ` (${why.join('; ')})` : ''}`;
        await this.finish(taskId, [], { status: 'error', message, warnings: why, retryable: false });
        return;
      }
      for (const a of stored) if (a.artifactType === 'console') a.primary = !hasSubunit;
      await this.lifecycle.markRunning(taskId, 'storing artifacts');
      const message = skipped.length ? skipped.join('; ') : null;
      const outcome: TaskOutcome = { status: 'finished', message, warnings: [...passedOver, ...skipped, ...warnings] };
      await this.finish(taskId, stored, outcome, clock.summary(queued));
    } catch (err) {
      signal.throwIfAborted();
      await this.failed(taskId, err, lastAttempt);
    }
  }

  /** Fetches and converts each artifact the task's scope needs; an optional one that fails is skipped with the reason. */
  private async collect(
    task: TaskEntity,
    found: DiscoveredArtifact[],
    context: ConversionContext,
    attempt: number,
    maxAttempts: number,
  ): Promise<Collected> {
    const collected: Collected = { stored: [], skipped: [], warnings: [] };
    const names = found.map((a) => a.name);
    for (const conversion of CONVERSIONS) {
      const artifact = found.find((a) => a.role === conversion.role);
      if (!artifact || !conversion.scopes.includes(task.scope)) continue;
      if (conversion.unlessStored && collected.stored.some((a) => a.artifactType === conversion.unlessStored)) continue;
      await this.lifecycle.markRunning(task.id, `fetching ${artifact.name}`, names);
      try {
        const { artifacts, warnings } = await context.clock.time(conversion.role, () => conversion.convert(artifact, context));
        for (const p of artifacts) collected.stored.push({ ...p, artifactName: p.artifactName ?? artifact.name });
        collected.warnings.push(...warnings.map((w) => `${artifact.name}: ${w}`));
      } catch (err) {
        // Stopped by us (the worker is shutting down): no reason to skip the artifact, nor to go on.
        if (err instanceof FetchError && err.kind === 'aborted') throw err;
        if (classifyScrapeError(err, attempt >= maxAttempts) !== 'give-up') throw err;
        const tries = err instanceof FetchError && err.retryable ? ` (gave up after ${attempt} attempts)` : '';
        collected.skipped.push(`${artifact.name} skipped: ${(err as Error).message}${tries}`);
      }
    }
    return collected;
  }

  private async failed(taskId: string, err: unknown, lastAttempt: boolean): Promise<void> {
    const message = (err as Error).message;
    switch (classifyScrapeError(err, lastAttempt)) {
      case 'database':
        throw err; // handed back by handBackOnOutage
      case 'retry':
        await this.lifecycle.markRunning(taskId, `will retry: ${message}`.slice(0, 64));
        throw new RetryableJobError(message);
      case 'crash':
        this.logger.error(`scrape crashed: ${message}`, (err as Error).stack);
        break;
      case 'give-up':
        break;
    }
    await this.finish(taskId, [], { status: 'error', message, warnings: [], retryable: retryCanHelp(err) });
  }

  /** Completes the task; `stages` (the clock's summary so far) goes on the log line of a finished scrape. */
  private async finish(taskId: string, items: ArtifactToStore[], outcome: TaskOutcome, stages?: Record<string, number>): Promise<void> {
    const started = performance.now();
    const done = await this.lifecycle.complete(taskId, items, outcome);
    const note = outcome.message ? ` (${outcome.message})` : '';
    const msg = done ? `${outcome.status}: ${items.length} artifacts${note}` : 'already completed by another run';
    if (!stages) return this.logger.log(msg);
    // the store stage itself ends here, after the summary was taken
    const store = performance.now() - started;
    this.logger.log({ msg, stages: { ...stages, store: Math.round(store), total: stages.total + Math.round(store) } });
  }
}
