import { Injectable } from '@nestjs/common';
import { ArtifactStore } from '../artifacts/artifact-store';
import { TaskReader } from '../tasks/task-reader';
import { StorageReportDto } from './storage-report.dto';

/** How much the database holds, for operators watching its growth. */
@Injectable()
export class StorageReportService {
  constructor(
    private readonly tasks: TaskReader,
    private readonly artifacts: ArtifactStore,
  ) {}

  async report(): Promise<StorageReportDto> {
    const byStatus = await this.tasks.countByStatus();
    const blobs = await this.artifacts.totals();
    const oldest = await this.tasks.oldestCreatedAt();
    return {
      tasks: Object.values(byStatus).reduce((a, b) => a + b, 0),
      artifacts: blobs.artifacts,
      blob_bytes: blobs.bytes,
      oldest_task_at: oldest?.toISOString() ?? null,
      by_status: byStatus,
    };
  }
}
