import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { Repository } from 'typeorm';
import { ArtifactChunkEntity, ArtifactEntity, TaskEntity } from '../database/entities';
import { Transactions } from '../database/transactions';

/** Rows stay well under MariaDB's default 16 MiB max_allowed_packet. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export interface ArtifactToStore {
  artifactName: string;
  artifactType: string;
  contentType: string;
  primary: boolean;
  gzipped: Buffer;
}

export interface TaskOutcome {
  status: 'finished' | 'error';
  message: string | null;
}

/** Stores a task's artifacts and final state together, and reads blobs back in chunks. */
@Injectable()
export class ArtifactStore {
  constructor(
    private readonly transactions: Transactions,
    @InjectRepository(ArtifactEntity) private readonly artifacts: Repository<ArtifactEntity>,
    @InjectRepository(ArtifactChunkEntity) private readonly chunks: Repository<ArtifactChunkEntity>,
  ) {}

  /**
   * Writes the blobs and the task's final state in one transaction. A task that another run already
   * completed is left alone (returns false), so a job re-run after a stall completes it once.
   */
  complete(taskId: string, items: ArtifactToStore[], outcome: TaskOutcome): Promise<boolean> {
    return this.transactions.run(async (m) => {
      const lockClause = this.transactions.isMysql ? ' FOR UPDATE' : '';
      const rows: { status: string }[] = await m.query(`SELECT status FROM tasks WHERE id = ?${lockClause}`, [taskId]);
      if (rows.length === 0 || rows[0].status === 'finished' || rows[0].status === 'error') return false;
      // A previous attempt that died mid-write rolled back, but be strict about duplicates anyway.
      await m.delete(ArtifactEntity, { taskId });
      for (const item of items) {
        const id = randomUUID();
        await m.insert(ArtifactEntity, {
          id,
          taskId,
          artifactName: item.artifactName,
          artifactType: item.artifactType,
          contentType: item.contentType,
          contentEncoding: 'gzip',
          primary: item.primary,
          size: item.gzipped.length,
          sha256: createHash('sha256').update(item.gzipped).digest('hex'),
        });
        for (let seq = 0, off = 0; off < item.gzipped.length || seq === 0; seq++, off += CHUNK_BYTES) {
          await m.insert(ArtifactChunkEntity, { artifactId: id, seq, data: item.gzipped.subarray(off, off + CHUNK_BYTES) });
        }
      }
      const update: Partial<TaskEntity> = { status: outcome.status, message: outcome.message, stage: null };
      if (outcome.status === 'error') update.dedupKey = null;
      await m.update(TaskEntity, { id: taskId }, update);
      return true;
    });
  }

  listForTask(taskId: string): Promise<ArtifactEntity[]> {
    return this.artifacts.find({ where: { taskId }, order: { primary: 'DESC', artifactType: 'ASC' } });
  }

  findMeta(id: string): Promise<ArtifactEntity | null> {
    return this.artifacts.findOneBy({ id });
  }

  /** The stored (gzip) bytes, fetched one chunk at a time. */
  openStored(id: string): Readable {
    const chunks = this.chunks;
    return Readable.from(
      (async function* () {
        for (let seq = 0; ; seq++) {
          const chunk = await chunks.findOne({ where: { artifactId: id, seq } });
          if (!chunk) return;
          yield chunk.data;
        }
      })(),
    );
  }
}
