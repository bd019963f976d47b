import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { ArtifactStore, ArtifactToStore } from '../artifacts/artifact-store.service';
import { consoleArtifact, dstatArtifact, subunitArtifacts } from '../artifacts/parsers';
import { ArtifactFormatError, ProducedArtifact } from '../artifacts/parsers/produced-artifact';
import { TaskEntity } from '../database/entities';
import { logContext } from '../logging/request-context';
import { RetryableJobError, ScrapeJobHandler } from '../queue/scrape-queue';
import { discoverArtifacts, DiscoveredArtifact } from './discovery';
import { ArtifactFetcher, FetchError } from './fetch';
import { TaskProgress } from './task-progress.service';

type Role = DiscoveredArtifact['role'];

/** What each discovered artifact turns into; subunit and console are the ones a task needs. */
const PARSERS: Partial<Record<Role, (a: DiscoveredArtifact, body: AsyncIterable<Buffer>) => Promise<ProducedArtifact[]>>> = {
  subunit: async (_a, body) => (await subunitArtifacts(body)).artifacts,
  console: async (a, body) => [await consoleArtifact(body, a.name)],
  dstat: async (_a, body) => [await dstatArtifact(body)],
};
const ORDER: Role[] = ['subunit', 'console', 'dstat'];

/** A build with no result yet has no logs yet: not the "expired" that a 404 otherwise means. */
function notFinishedYet(url: string): FetchError {
  return new FetchError(`there are no logs at ${url} yet: the build has no result, so it may still be running; scrape it again once it finishes`, 'not-found', 404);
}

/**
 * The scrape job: discover a job's artifacts under its log URL, stream each through its parser,
 * and store the results with the task's final state in one transaction.
 */
@Injectable()
export class ScrapeRunner implements ScrapeJobHandler {
  private readonly logger = new Logger('ScrapeRunner');

  constructor(
    @InjectRepository(TaskEntity) private readonly taskRepo: Repository<TaskEntity>,
    private readonly progress: TaskProgress,
    private readonly store: ArtifactStore,
    @Inject(ArtifactFetcher) private readonly fetcher: ArtifactFetcher,
  ) {}

  handle(taskId: string, attempt: number, maxAttempts: number): Promise<void> {
    return logContext.run({ taskId }, () => this.run(taskId, attempt, maxAttempts));
  }

  private async run(taskId: string, attempt: number, maxAttempts: number): Promise<void> {
    const task = await this.taskRepo.findOneBy({ id: taskId });
    if (!task || task.status === 'finished' || task.status === 'error') {
      this.logger.log(`nothing to do: task is ${task ? task.status : 'gone'}`);
      return;
    }
    const lastAttempt = attempt >= maxAttempts;
    this.logger.log(`scraping ${task.url} (attempt ${attempt}/${maxAttempts})`);
    try {
      await this.progress.update(taskId, 'discovering artifacts', []);
      const { artifacts: found, method } = await discoverArtifacts(this.fetcher, task.url).catch((err: unknown) => {
        throw task.ciStatus === null && err instanceof FetchError && err.kind === 'not-found' ? notFinishedYet(task.url) : err;
      });
      this.logger.log(`found ${found.map((a) => a.name).join(', ') || 'nothing'} by ${method}`);
      const stored: ArtifactToStore[] = [];
      const notes: string[] = [];
      for (const role of ORDER) {
        const artifact = found.find((a) => a.role === role);
        if (!artifact) continue;
        await this.progress.update(taskId, `fetching ${artifact.name}`, found.map((a) => a.name));
        try {
          const { body } = await this.fetcher.open(artifact.url);
          for (const p of await PARSERS[role]!(artifact, body)) stored.push({ ...p, artifactName: artifact.name });
        } catch (err) {
          if (err instanceof FetchError && err.retryable && !lastAttempt) throw err;
          if (!(err instanceof FetchError) && !(err instanceof ArtifactFormatError)) throw err;
          notes.push(`${artifact.name} skipped: ${err.message}`);
        }
      }
      const hasSubunit = stored.some((a) => a.artifactType === 'subunit');
      if (!hasSubunit && !stored.some((a) => a.artifactType === 'console')) {
        const why = notes.length ? ` (${notes.join('; ')})` : '';
        await this.finish(taskId, [], 'error', `no subunit or console artifact found under ${task.url}${why}`);
        return;
      }
      for (const a of stored) if (a.artifactType === 'console') a.primary = !hasSubunit;
      await this.progress.update(taskId, 'storing artifacts', found.map((a) => a.name));
      await this.finish(taskId, stored, 'finished', notes.length ? notes.join('; ') : null);
    } catch (err) {
      const message = (err as Error).message;
      if (err instanceof FetchError && err.retryable && !lastAttempt) {
        await this.progress.update(taskId, `will retry: ${message}`.slice(0, 64));
        throw new RetryableJobError(message);
      }
      if (!(err instanceof FetchError) && !(err instanceof ArtifactFormatError)) {
        this.logger.error(`scrape crashed: ${message}`, (err as Error).stack);
      }
      await this.finish(taskId, [], 'error', message);
    }
  }

  private async finish(taskId: string, items: ArtifactToStore[], status: 'finished' | 'error', message: string | null) {
    const done = await this.store.complete(taskId, items, { status, message });
    this.logger.log(done ? `${status}: ${items.length} artifacts${message ? ` (${message})` : ''}` : 'already completed by another run');
  }
}
