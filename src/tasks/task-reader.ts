import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { TASK_STATUSES, type TaskStatus } from '../api-shapes';
import { TaskEntity } from '../database/entities';
import { isFinal } from './task-transitions';

const FINAL_STATUSES = TASK_STATUSES.filter(isFinal);

/** How other modules read tasks. Tasks are created by TasksService; their status is moved by TaskLifecycle. */
@Injectable()
export class TaskReader {
  constructor(@InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>) {}

  /** The task, or 404. */
  async get(id: string): Promise<TaskEntity> {
    const task = await this.tasks.findOneBy({ id });
    if (!task) throw new NotFoundException(`no task ${id}`);
    return task;
  }

  find(id: string): Promise<TaskEntity | null> {
    return this.tasks.findOneBy({ id });
  }

  /** The tasks of these ids that exist, in no particular order. */
  async findMany(ids: readonly string[]): Promise<TaskEntity[]> {
    return ids.length === 0 ? [] : this.tasks.findBy({ id: In([...ids]) });
  }

  /** The newest full-scope tasks, newest first: one walk down the created_at index, at most `limit` rows. */
  recent(limit: number): Promise<TaskEntity[]> {
    return this.tasks.find({
      where: { scope: 'full' },
      order: { createdAt: 'DESC' },
      take: limit,
      select: {
        id: true,
        name: true,
        changeId: true,
        changeProject: true,
        revision: true,
        pipeline: true,
        status: true,
        ciStatus: true,
        createdAt: true,
      },
    });
  }

  /**
   * Up to `limit` finished tasks whose id sorts after `afterId` (all when null), in id order: a walk
   * over every stored task that can stop and resume anywhere, along the primary key.
   */
  finishedAfter(afterId: string | null, limit: number): Promise<TaskEntity[]> {
    const q = this.tasks.createQueryBuilder('t').where("t.status = 'finished'").orderBy('t.id', 'ASC').take(limit);
    if (afterId) q.andWhere('t.id > :afterId', { afterId });
    return q.getMany();
  }

  /** The `running` tasks whose heartbeat (updated_at) is older than `cutoff`, a database time. */
  findStuck(cutoff: string): Promise<Pick<TaskEntity, 'id' | 'requeues'>[]> {
    return this.tasks
      .createQueryBuilder('t')
      .select(['t.id', 't.requeues'])
      .where("t.status = 'running'")
      .andWhere('t.updated_at < :cutoff', { cutoff })
      .getMany();
  }

  /**
   * Of the tasks that `ids` selects, how many there are and how many have ended (finished or error).
   * `ids` is a query over the caller's own table that selects task ids: all of it is one query.
   */
  async countEnded(ids: SelectQueryBuilder<ObjectLiteral>): Promise<{ done: number; total: number }> {
    // MySQL returns COUNT and SUM as strings (BIGINT, DECIMAL); SUM of no rows is NULL.
    const row = await this.tasks
      .createQueryBuilder('t')
      .select('COUNT(*)', 'total')
      .addSelect('SUM(CASE WHEN t.status IN (:...final) THEN 1 ELSE 0 END)', 'done')
      .where(`t.id IN (${ids.getQuery()})`)
      .setParameters({ ...ids.getParameters(), final: FINAL_STATUSES })
      .getRawOne<{ total: string | number; done: string | number | null }>();
    return { done: Number(row?.done ?? 0), total: Number(row?.total ?? 0) };
  }

  /** How many tasks there are in each status. */
  async countByStatus(): Promise<Record<TaskStatus, number>> {
    const rows = await this.tasks
      .createQueryBuilder('t')
      .select('t.status', 'status')
      .addSelect('COUNT(*)', 'n')
      .groupBy('t.status')
      .getRawMany<{ status: TaskStatus; n: string | number }>();
    const counts = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
    for (const row of rows) counts[row.status] = Number(row.n);
    return counts;
  }

  /** When the oldest task was created; null when there is none. */
  async oldestCreatedAt(): Promise<Date | null> {
    const [oldest] = await this.tasks.find({ order: { createdAt: 'ASC' }, take: 1, select: { id: true, createdAt: true } });
    return oldest?.createdAt ?? null;
  }
}
