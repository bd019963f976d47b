import { Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { In, QueryFailedError, Repository } from 'typeorm';
import { TaskEntity, TaskStatus } from '../database/entities';
import { QueueUnavailableError, SCRAPE_QUEUE, ScrapeQueue } from '../queue/scrape-queue';
import { ScrapeRequestDto } from './dto/scrape-request.dto';
import { entryToTaskFields } from './task-entry';

function dedupKeyOf(url: string): string {
  return createHash('sha256').update(url).digest('hex');
}

function isUniqueViolation(err: unknown): boolean {
  if (!(err instanceof QueryFailedError)) return false;
  const code = (err.driverError as { code?: string })?.code ?? '';
  return code === 'ER_DUP_ENTRY' || code.startsWith('SQLITE_CONSTRAINT');
}

/** Creating, finding and moving tasks through queued → running → finished | error. */
@Injectable()
export class TasksService {
  constructor(
    @InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>,
    @Inject(SCRAPE_QUEUE) private readonly queue: ScrapeQueue,
  ) {}

  /**
   * Returns the live task for this url (queued, running or finished) or creates and enqueues a new
   * one. If the queue refuses the job, the new row is removed again and the caller gets 503.
   */
  async createOrReuse(entry: ScrapeRequestDto): Promise<{ task: TaskEntity; created: boolean }> {
    const dedupKey = dedupKeyOf(entry.url);
    const existing = await this.tasks.findOneBy({ dedupKey });
    if (existing) return { task: existing, created: false };
    const task = this.tasks.create({ ...entryToTaskFields(entry), id: randomUUID(), dedupKey, status: 'queued' });
    try {
      await this.tasks.insert(task);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      const winner = await this.tasks.findOneBy({ dedupKey });
      if (winner) return { task: winner, created: false };
      throw err;
    }
    try {
      await this.queue.enqueue(task.id);
    } catch (err) {
      await this.tasks.delete({ id: task.id });
      if (err instanceof QueueUnavailableError) throw new ServiceUnavailableException(`${err.message}; nothing was queued, try again`);
      throw err;
    }
    return { task, created: true };
  }

  async get(id: string): Promise<TaskEntity> {
    const task = await this.tasks.findOneBy({ id });
    if (!task) throw new NotFoundException(`no task ${id}`);
    return task;
  }

  /** Re-enqueues queued (and optionally running) tasks that have no job in the queue. */
  async requeueOrphans({ includeRunning }: { includeRunning: boolean }): Promise<number> {
    const statuses: TaskStatus[] = includeRunning ? ['queued', 'running'] : ['queued'];
    const orphans = await this.tasks.find({ where: { status: In(statuses) }, select: { id: true } });
    let n = 0;
    for (const { id } of orphans) {
      if (await this.queue.hasJob(id)) continue;
      // Its job may have run to the end since the find: only a task still waiting is put back.
      const { affected } = await this.tasks.update({ id, status: In(statuses) }, { status: 'queued', stage: null });
      if (!affected) continue;
      await this.queue.enqueue(id);
      n++;
    }
    return n;
  }
}
