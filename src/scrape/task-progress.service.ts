import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
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
    await this.tasks.update(
      { id },
      { status: 'running', stage, ...(artifactsFound ? { artifactsFound: JSON.stringify(artifactsFound) } : {}) },
    );
  }
}
