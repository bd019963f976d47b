import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import { ArtifactStore } from '../artifacts/artifact-store';
import { PurgeHooks } from '../artifacts/purge-hooks';
import type { TaskEntity } from '../database/entities';
import { readSubunitArtifact, TestIndex } from './test-index';

/** Bound on the cached indexes: a 35,000-test run takes about 7 MiB. */
const TEST_INDEX_CACHE_BYTES = 96 * 1024 * 1024;

/** A cached answer; `index` is null for a task that stored no test results. */
interface Cached {
  index: TestIndex | null;
}

/**
 * The test index of finished tasks, read from their stored `subunit` artifacts (never the
 * `subunit-details` blobs). A finished task never changes, so its index is cached by task id, in
 * an LRU bounded by the indexes' size; concurrent requests for one task share one read.
 */
@Injectable()
export class TestIndexes {
  private readonly cache = new LRUCache<string, Cached>({
    maxSize: TEST_INDEX_CACHE_BYTES,
    sizeCalculation: (c) => c.index?.bytes ?? 1,
    fetchMethod: (taskId) => this.read(taskId),
  });

  constructor(
    private readonly store: ArtifactStore,
    purgeHooks: PurgeHooks,
  ) {
    purgeHooks.add(({ taskIds }) => taskIds.forEach((id) => this.cache.delete(id)));
  }

  /** The task's test index; null unless it finished with test results. */
  async ofTask(task: Pick<TaskEntity, 'id' | 'status'>): Promise<TestIndex | null> {
    if (task.status !== 'finished') return null;
    const cached = await this.cache.fetch(task.id);
    return cached?.index ?? null;
  }

  private async read(taskId: string): Promise<Cached> {
    const subunits = (await this.store.listForTask(taskId)).filter((a) => a.artifactType === 'subunit');
    if (subunits.length === 0) return { index: null };
    const index = new TestIndex();
    for (const artifact of subunits) await readSubunitArtifact(this.store.openStored(artifact), index);
    return { index };
  }
}
