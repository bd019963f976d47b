import { ArtifactStore, CHUNK_BYTES } from '../../../src/artifacts/artifact-store';
import type { ArtifactChunkEntity, ArtifactEntity } from '../../../src/database/entities';

/** openStored against an in-memory chunk table that counts its queries. */
function storeWith(chunks: Buffer[]) {
  const queries: number[] = [];
  const repo = {
    findOne: async ({ where }: { where: { seq: number } }) => {
      queries.push(where.seq);
      const data = chunks[where.seq];
      return data ? ({ seq: where.seq, data } as ArtifactChunkEntity) : null;
    },
  };
  return { store: new ArtifactStore({} as never, repo as never), queries };
}

const read = async (stream: AsyncIterable<unknown>) => {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
};

describe('ArtifactStore.openStored', () => {
  it('reads exactly the chunks the size calls for, and no query after the last one', async () => {
    const bytes = Buffer.alloc(CHUNK_BYTES + 10, 7);
    const { store, queries } = storeWith([bytes.subarray(0, CHUNK_BYTES), bytes.subarray(CHUNK_BYTES)]);
    const meta = { id: 'a', size: bytes.length } as ArtifactEntity;
    expect((await read(store.openStored(meta))).equals(bytes)).toBe(true);
    expect(queries).toEqual([0, 1]);
  });

  it('reads the one chunk of an empty artifact', async () => {
    const { store, queries } = storeWith([Buffer.alloc(0)]);
    expect((await read(store.openStored({ id: 'a', size: 0 } as ArtifactEntity))).length).toBe(0);
    expect(queries).toEqual([0]);
  });

  it('fails the stream when a chunk is missing instead of ending it short', async () => {
    const { store } = storeWith([Buffer.alloc(CHUNK_BYTES)]);
    await expect(read(store.openStored({ id: 'a', size: CHUNK_BYTES + 1 } as ArtifactEntity))).rejects.toThrow(
      'artifact a is missing its chunk 1 of 2',
    );
  });
});
