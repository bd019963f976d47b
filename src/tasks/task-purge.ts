import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, In, Repository, SelectQueryBuilder } from 'typeorm';
import { TaskEntity } from '../database/entities';
import { rowLock } from '../database/dialect';
import { Transactions } from '../database/transactions';

/** The tasks module's part of the retention purge: which tasks are past a cutoff, and deleting them. */
@Injectable()
export class TaskPurge {
  constructor(
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    private readonly transactions: Transactions,
  ) {}

  countCreatedBefore(cutoff: string): Promise<number> {
    return this.idsCreatedBefore(cutoff).getCount();
  }

  /** A query of the ids of the tasks created before `cutoff` (a database time), for the owners of rows that hang off tasks. */
  idsCreatedBefore(cutoff: string): SelectQueryBuilder<TaskEntity> {
    return this.tasks.createQueryBuilder('t').select('t.id').where('t.created_at < :cutoff', { cutoff });
  }

  /**
   * Up to `limit` of the oldest tasks created before `cutoff`, locked in `m` for deletion. On MySQL
   * they are taken with FOR UPDATE SKIP LOCKED: a concurrent purge gets other rows, and a task whose
   * blobs TaskLifecycle.complete() is writing (it holds that row's lock) is left for the next pass
   * instead of being deleted under it.
   */
  async lockCreatedBefore(m: EntityManager, cutoff: string, limit: number): Promise<string[]> {
    const lock = rowLock(this.transactions.dialect, 'FOR UPDATE SKIP LOCKED');
    const rows: { id: string }[] = await m.query(`SELECT id FROM tasks WHERE created_at < ? ORDER BY created_at LIMIT ${limit}${lock}`, [
      cutoff,
    ]);
    return rows.map((r) => r.id);
  }

  /** Deletes these tasks in `m`, by primary key; what other modules keep of them must be deleted first. */
  async delete(m: EntityManager, ids: string[]): Promise<void> {
    await m.delete(TaskEntity, { id: In(ids) });
  }
}
