import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ArtifactStore } from '../artifacts/artifact-store';
import { RowLease } from '../database/row-lease';
import { Transactions } from '../database/transactions';
import { TaskReader } from '../tasks/task-reader';
import { storedArtifacts } from './artifact-source';
import { FailureOccurrences } from './failure-occurrences';
import { OccurrenceChanges } from './occurrence-changes';
import { occurrencesOfTask, TaskOccurrences } from './task-occurrences';

/** Tasks read per page, recorded together in one transaction. */
const PAGE = 100;
/** How long a process holds the walk without renewing it (each page renews it). */
const LEASE_MS = 2 * 60 * 1000;

/**
 * Records the failure occurrences of the tasks stored before the service recorded them, in the
 * background: start-up does not wait for it. One process walks at a time (a RowLease in
 * failure_backfill, by the database's clock, taken over when its holder stops renewing it); the
 * walk goes along the tasks' primary key and saves where it is after every page, so a restart
 * resumes there. Recording is idempotent (occurrences are unique per build log URL, test and
 * signature), so a task the finish hook recorded already, or a page walked twice after a crash,
 * counts once.
 */
@Injectable()
export class FailureBackfill implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('FailureBackfill');
  private readonly lease: RowLease;
  private stopped = false;
  private walking: Promise<unknown> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: Transactions,
    private readonly reader: TaskReader,
    private readonly store: ArtifactStore,
    private readonly occurrences: FailureOccurrences,
    private readonly changes: OccurrenceChanges,
  ) {
    const row = {
      table: 'failure_backfill',
      keyColumn: 'id',
      key: 1,
      holderColumn: 'lease_owner',
      untilColumn: 'lease_until',
      onlyWhile: 'done = 0',
    };
    this.lease = new RowLease(dataSource, row, randomUUID(), LEASE_MS);
  }

  onApplicationBootstrap(): void {
    this.walking = this.run().catch((err: Error) => this.logger.warn(`failure backfill stopped: ${err.message}`));
  }

  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    await this.walking;
  }

  /** Walks the tasks not walked yet while this process holds the lease; returns how many it read. */
  async run(): Promise<number> {
    let read = 0;
    while (!this.stopped) {
      const cursor = await this.claim();
      if (cursor === undefined) break;
      const tasks = await this.reader.finishedAfter(cursor, PAGE);
      const found: TaskOccurrences[] = [];
      for (const task of tasks) {
        try {
          found.push(await occurrencesOfTask(task, await storedArtifacts(this.store, task.id)));
        } catch (err) {
          // a task whose artifacts do not read is left out; the walk goes on
          this.logger.warn(`failure backfill skipped task ${task.id}: ${(err as Error).message}`);
        }
      }
      if ((await this.transactions.run((m) => this.occurrences.recordFound(m, found))) > 0) this.changes.committed();
      read += tasks.length;
      await this.dataSource.query(
        'UPDATE failure_backfill SET last_task = ?, done = ?, tasks = tasks + ? WHERE id = 1 AND lease_owner = ?',
        [tasks.at(-1)?.id ?? cursor, tasks.length < PAGE ? 1 : 0, tasks.length, this.lease.holder],
      );
      if (tasks.length < PAGE) this.logger.log(`failure backfill done: ${read} stored tasks read by this process`);
    }
    return read;
  }

  /** Takes or renews the lease; the task to resume after (null: from the start), or undefined when done or another process walks. */
  private async claim(): Promise<string | null | undefined> {
    if (!(await this.lease.hold())) return undefined;
    const [row]: { last_task: string | null }[] = await this.dataSource.query('SELECT last_task FROM failure_backfill WHERE id = 1');
    return row.last_task;
  }
}
