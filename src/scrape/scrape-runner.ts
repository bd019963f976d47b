import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ArtifactToStore } from '../artifacts/artifact-store.service';
import { TaskEntity } from '../database/entities';
import { logContext } from '../logging/request-context';
import { RetryableJobError, ScrapeJobHandler, ScrapeJobHandlerRef } from '../queue/scrape-queue';
import { CONVERSIONS } from './artifact-conversions';
import { discoverArtifacts, DiscoveredArtifact } from './discovery';
import { ArtifactFetcher, FetchError } from './fetch';
import { classifyScrapeError } from './scrape-errors';
import { TaskLifecycle } from './task-lifecycle.service';
import { isFinal } from './task-transitions';

/** A build with no result yet has no logs yet: not the "expired" that a 404 otherwise means. */
function notFinishedYet(url: string): FetchError {
  return new FetchError(
    `there are no logs at ${url} yet: the build has no result, so it may still be running; scrape it again once it finishes`,
    'not-found',
    404,
  );
}

interface Collected {
  stored: ArtifactToStore[];
  /** Artifacts skipped, and why. */
  skipped: string[];
  /** What the stored artifacts did not read cleanly. */
  warnings: string[];
}

/**
 * The scrape job: discover a job's artifacts under its log URL, stream each through its
 * conversion, and store the results with the task's final state in one transaction.
 */
@Injectable()
export class ScrapeRunner implements ScrapeJobHandler, OnModuleInit {
  private readonly logger = new Logger('ScrapeRunner');

  constructor(
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    private readonly lifecycle: TaskLifecycle,
    @Inject(ArtifactFetcher) private readonly fetcher: ArtifactFetcher,
    private readonly handlerRef: ScrapeJobHandlerRef,
  ) {}

  onModuleInit(): void {
    this.handlerRef.set(this);
  }

  handle(taskId: string, attempt: number, maxAttempts: number): Promise<void> {
    return logContext.run({ taskId }, () => this.run(taskId, attempt, maxAttempts));
  }

  private async run(taskId: string, attempt: number, maxAttempts: number): Promise<void> {
    const lastAttempt = attempt >= maxAttempts;
    try {
      const task = await this.tasks.findOneBy({ id: taskId });
      if (!task || isFinal(task.status) || !(await this.lifecycle.markRunning(taskId, 'discovering artifacts', []))) {
        this.logger.log(`nothing to do: task is ${task ? task.status : 'gone'}`);
        return;
      }
      this.logger.log(`scraping ${task.url} (attempt ${attempt}/${maxAttempts}, scope ${task.scope})`);
      const { artifacts: found, method, warnings: passedOver } = await discoverArtifacts(this.fetcher, task.url).catch((err: unknown) => {
        throw task.ciStatus === null && err instanceof FetchError && err.kind === 'not-found' ? notFinishedYet(task.url) : err;
      });
      this.logger.log(`found ${found.map((a) => a.name).join(', ') || 'nothing'} by ${method}`);
      const { stored, skipped, warnings } = await this.collect(task, found, lastAttempt);
      const hasSubunit = stored.some((a) => a.artifactType === 'subunit');
      if (!hasSubunit && !stored.some((a) => a.artifactType === 'console')) {
        const why = [...passedOver, ...skipped];
        const message = `no subunit or console artifact found under ${task.url}${why.length ? ` (${why.join('; ')})` : ''}`;
        await this.finish(taskId, [], { status: 'error', message, warnings: why });
        return;
      }
      for (const a of stored) if (a.artifactType === 'console') a.primary = !hasSubunit;
      await this.lifecycle.markRunning(taskId, 'storing artifacts');
      const message = skipped.length ? skipped.join('; ') : null;
      await this.finish(taskId, stored, { status: 'finished', message, warnings: [...passedOver, ...skipped, ...warnings] });
    } catch (err) {
      await this.failed(taskId, err, lastAttempt);
    }
  }

  /** Fetches and converts each artifact the task's scope needs; an optional one that fails is skipped with the reason. */
  private async collect(task: TaskEntity, found: DiscoveredArtifact[], lastAttempt: boolean): Promise<Collected> {
    const collected: Collected = { stored: [], skipped: [], warnings: [] };
    const names = found.map((a) => a.name);
    for (const conversion of CONVERSIONS) {
      const artifact = found.find((a) => a.role === conversion.role);
      if (!artifact || !conversion.scopes.includes(task.scope)) continue;
      await this.lifecycle.markRunning(task.id, `fetching ${artifact.name}`, names);
      try {
        const { body } = await this.fetcher.open(artifact.url);
        const { artifacts, warnings } = await conversion.convert(artifact, body);
        for (const p of artifacts) collected.stored.push({ ...p, artifactName: artifact.name });
        collected.warnings.push(...warnings.map((w) => `${artifact.name}: ${w}`));
      } catch (err) {
        if (classifyScrapeError(err, lastAttempt) !== 'give-up') throw err;
        collected.skipped.push(`${artifact.name} skipped: ${(err as Error).message}`);
      }
    }
    return collected;
  }

  private async failed(taskId: string, err: unknown, lastAttempt: boolean): Promise<void> {
    const message = (err as Error).message;
    switch (classifyScrapeError(err, lastAttempt)) {
      case 'database':
        this.logger.warn(`database unavailable, handing the job back: ${message}`);
        throw new RetryableJobError(message);
      case 'retry':
        await this.lifecycle.markRunning(taskId, `will retry: ${message}`.slice(0, 64));
        throw new RetryableJobError(message);
      case 'crash':
        this.logger.error(`scrape crashed: ${message}`, (err as Error).stack);
        break;
      case 'give-up':
        break;
    }
    await this.finish(taskId, [], { status: 'error', message, warnings: [] });
  }

  private async finish(taskId: string, items: ArtifactToStore[], outcome: Parameters<TaskLifecycle['complete']>[2]): Promise<void> {
    const done = await this.lifecycle.complete(taskId, items, outcome);
    const note = outcome.message ? ` (${outcome.message})` : '';
    this.logger.log(done ? `${outcome.status}: ${items.length} artifacts${note}` : 'already completed by another run');
  }
}
