import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { Readable } from 'node:stream';
import type { ArtifactEntity } from '../database/entities';
import { ArtifactStore } from './artifact-store';
import { PurgeHooks } from './purge-hooks';

/** Blobs up to this size are kept whole in memory once read; larger ones are streamed from the database each time. */
const SMALL_BLOB_BYTES = 512 * 1024;
const CACHE_BYTES = 64 * 1024 * 1024;
/**
 * A stored blob never changes until the purge removes it after RETENTION_DAYS: the purge drops it here
 * at once in its own process (PurgeHooks); other processes' copies outlive it by this much at most.
 */
const CACHE_TTL_MS = 10 * 60_000;

export type BlobMeta = Pick<ArtifactEntity, 'id' | 'size' | 'sha256' | 'contentType' | 'contentEncoding'>;

interface Cached {
  meta: BlobMeta;
  /** The stored (gzip) bytes, for small blobs. */
  bytes: Buffer | null;
}

/**
 * Reads blobs for GET /blob: the metadata of every blob asked for, and the bytes of small ones, are
 * kept in a bounded LRU, so a viewer's repeated reads of a run's artifacts cost no query.
 */
@Injectable()
export class BlobReader {
  private readonly cache = new LRUCache<string, Cached>({
    maxSize: CACHE_BYTES,
    sizeCalculation: (c) => 256 + (c.bytes?.length ?? 0),
    ttl: CACHE_TTL_MS,
  });

  constructor(
    private readonly store: ArtifactStore,
    purgeHooks: PurgeHooks,
  ) {
    purgeHooks.add(({ artifactIds }) => artifactIds.forEach((id) => this.cache.delete(id)));
  }

  /**
   * The blob's metadata and its stored bytes: a Buffer when small, else a stream that reads the
   * chunks only once consumed. Null when there is no such blob.
   */
  async open(id: string): Promise<{ meta: BlobMeta; body: Buffer | Readable } | null> {
    const cached = this.cache.get(id) ?? (await this.load(id));
    if (!cached) return null;
    return { meta: cached.meta, body: cached.bytes ?? this.store.openStored(cached.meta) };
  }

  /** A small blob already in memory (id in lower case), without waiting: the hot path of GET /blob. */
  inMemory(id: string): { meta: BlobMeta; body: Buffer } | undefined {
    const cached = this.cache.get(id);
    return cached?.bytes ? { meta: cached.meta, body: cached.bytes } : undefined;
  }

  private async load(id: string): Promise<Cached | null> {
    const found = await this.store.findMeta(id);
    if (!found) return null;
    const meta: BlobMeta = {
      id: found.id,
      size: found.size,
      sha256: found.sha256,
      contentType: found.contentType,
      contentEncoding: found.contentEncoding,
    };
    const bytes = meta.size <= SMALL_BLOB_BYTES ? await readAll(this.store.openStored(meta)) : null;
    const cached = { meta, bytes };
    this.cache.set(id, cached);
    return cached;
  }
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
