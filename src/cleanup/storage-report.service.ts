import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { TaskStatus } from '../api-shapes';
import { StorageReportDto } from './storage-report.dto';

/** MySQL returns DATETIME as a Date (UTC, timezone 'Z'); SQLite returns its 'YYYY-MM-DD HH:MM:SS.fff' text. */
function toIso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(`${value.replace(' ', 'T')}Z`)).toISOString();
}

/** How much the database holds, for operators watching its growth. */
@Injectable()
export class StorageReportService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async report(): Promise<StorageReportDto> {
    // MySQL returns COUNT and SUM as strings (BIGINT, DECIMAL).
    const statusRows: { status: TaskStatus; n: string | number }[] = await this.dataSource.query(
      'SELECT status, COUNT(*) AS n FROM tasks GROUP BY status',
    );
    const [blobs]: { n: string | number; bytes: string | number }[] = await this.dataSource.query(
      'SELECT COUNT(*) AS n, COALESCE(SUM(size), 0) AS bytes FROM artifacts',
    );
    const [oldest]: { t: Date | string | null }[] = await this.dataSource.query('SELECT MIN(created_at) AS t FROM tasks');
    const byStatus = { queued: 0, running: 0, finished: 0, error: 0 };
    for (const row of statusRows) byStatus[row.status] = Number(row.n);
    return {
      tasks: Object.values(byStatus).reduce((a, b) => a + b, 0),
      artifacts: Number(blobs.n),
      blob_bytes: Number(blobs.bytes),
      oldest_task_at: toIso(oldest.t),
      by_status: byStatus,
    };
  }
}
