import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { TaskEntity } from '../database/entities';

/**
 * The worker's progress writes. Kept apart from TasksService, which enqueues, so the job handler
 * does not depend on the queue that calls it.
 */
@Injectable()
export class TaskProgress {
  constructor(@InjectRepository(TaskEntity) private readonly tasks: Repository<TaskEntity>) {}

  /** Marks the task running at `stage`; also the heartbeat the stuck-task repair reads. */
  async update(id: string, stage: string, artifactsFound?: string[]): Promise<void> {
    // Only while the task is live: a stalled worker waking up must not revive a task that the
    // stuck-task repair or another run has already ended.
    await this.tasks.update(
      { id, status: In(['queued', 'running']) },
      { status: 'running', stage, ...(artifactsFound ? { artifactsFound: JSON.stringify(artifactsFound) } : {}) },
    );
  }
}
