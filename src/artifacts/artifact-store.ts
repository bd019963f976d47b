import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { EntityManager, In, ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { fullCollection } from '../common/full-collection';
import { ArtifactChunkEntity, ArtifactEntity } from '../database/entities';
import type { ProducedArtifact } from './parsers';

/** Rows stay well under MariaDB's default 16 MiB max_allowed_packet. */
export const CHUNK_BYTES = 4 * 1024 * 1024;

export interface ArtifactToStore extends ProducedArtifact {
  artifactName: string;
}

export interface StoredTotals {
  artifacts: number;
  /** Their stored (gzip) sizes. */
  bytes: number;
}

/** Writes a task's blobs (in chunks) inside the caller's transaction, reads them back, counts and deletes them. */
@Injectable()
export class ArtifactStore {
  constructor(
    @InjectRepository(ArtifactEntity) private readonly artifacts: Repository<ArtifactEntity>,
    @InjectRepository(ArtifactChunkEntity) private readonly chunks: Repository<ArtifactChunkEntity>,
  ) {}

  /**
   * Inserts the artifacts of `taskId`. The caller holds the task row's lock and has checked that
   * the task is not finished yet, so the task has no artifacts: nothing is deleted first (deleting
   * an empty range would take a gap lock that deadlocks concurrent inserts on MySQL).
   */
  async write(m: EntityManager, taskId: string, items: readonly ArtifactToStore[]): Promise<void> {
    // The conversion that made a blob this big left tens of MB of dead Buffers (zlib's output among
    // them): gone before the inserts below build their big SQL texts.
    if (items.some((item) => item.gzipped.length > CHUNK_BYTES)) fullCollection();
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
        // A full chunk's insert leaves garbage several times its size (MariaDB's driver sends it as hex in the SQL text).
        if (off + CHUNK_BYTES < item.gzipped.length) fullCollection();
      }
    }
  }

  /**
   * How many artifacts are stored and their bytes: all of them, or those of the tasks `ofTasks`
   * selects (a query of task ids, from the tasks module: one query in all).
   */
  async totals(ofTasks?: SelectQueryBuilder<ObjectLiteral>): Promise<StoredTotals> {
    const query = this.artifacts.createQueryBuilder('a').select('COUNT(*)', 'n').addSelect('COALESCE(SUM(a.size), 0)', 'bytes');
    if (ofTasks) query.where(`a.task_id IN (${ofTasks.getQuery()})`).setParameters(ofTasks.getParameters());
    // MySQL returns COUNT and SUM as strings (BIGINT, DECIMAL).
    const row = await query.getRawOne<{ n: string | number; bytes: string | number }>();
    return { artifacts: Number(row?.n ?? 0), bytes: Number(row?.bytes ?? 0) };
  }

  /** Deletes the artifacts of these tasks and their chunks in `m`, by primary key; returns what was removed, and their ids. */
  async deleteOfTasks(m: EntityManager, taskIds: string[]): Promise<StoredTotals & { ids: string[] }> {
    const artifacts = await m.find(ArtifactEntity, { where: { taskId: In(taskIds) }, select: { id: true, size: true } });
    if (artifacts.length === 0) return { artifacts: 0, bytes: 0, ids: [] };
    const ids = artifacts.map((a) => a.id);
    await m.delete(ArtifactChunkEntity, { artifactId: In(ids) });
    await m.delete(ArtifactEntity, { id: In(ids) });
    return { artifacts: ids.length, bytes: artifacts.reduce((sum, a) => sum + Number(a.size), 0), ids };
  }

  listForTask(taskId: string): Promise<ArtifactEntity[]> {
    return this.artifacts.find({ where: { taskId }, order: { primary: 'DESC', artifactType: 'ASC' } });
  }

  findMeta(id: string): Promise<ArtifactEntity | null> {
    return this.artifacts.findOneBy({ id });
  }

  /**
   * The stored (gzip) bytes, fetched one chunk at a time. The chunk count follows from the size, so
   * the stream ends with its last chunk: no query after it that a client already holding every byte
   * would leave pending (the response, and its keep-alive connection, would stay open until it settles).
   */
  openStored(meta: Pick<ArtifactEntity, 'id' | 'size'>): Readable {
    const chunks = this.chunks;
    const count = Math.max(1, Math.ceil(meta.size / CHUNK_BYTES));
    return Readable.from(
      (async function* () {
        for (let seq = 0; seq < count; seq++) {
          const chunk = await chunks.findOne({ where: { artifactId: meta.id, seq } });
          if (!chunk) throw new Error(`artifact ${meta.id} is missing its chunk ${seq} of ${count}`);
          yield chunk.data;
        }
      })(),
    );
  }
}
