import { ArtifactStore, CHUNK_BYTES } from '../../../src/artifacts/artifact-store';
import type { ArtifactChunkEntity, ArtifactEntity } from '../../../src/database/entities';
import * as fullCollectionModule from '../../../src/common/full-collection';
import type { ArtifactToStore } from '../../../src/artifacts/artifact-store';

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

describe('ArtifactStore.write', () => {
  /** The inserts (their entity's name, and a chunk's size) and the collections between them, in order. */
  async function writeLog(sizes: number[]): Promise<string[]> {
    const log: string[] = [];
    const collections = jest.spyOn(fullCollectionModule, 'fullCollection').mockImplementation(() => log.push('collect'));
    try {
      const m = {
        insert: async (entity: { name: string }, row: { data?: Buffer }) => log.push(row.data ? `chunk ${row.data.length}` : entity.name),
      };
      const items = sizes.map((n) => ({
        artifactName: 'a',
        artifactType: 'subunit',
        contentType: 'application/json',
        primary: true,
        gzipped: Buffer.alloc(n),
      }));
      await new ArtifactStore({} as never, {} as never).write(m as never, 't', items as ArtifactToStore[]);
    } finally {
      collections.mockRestore();
    }
    return log;
  }

  it('collects the garbage before storing a blob bigger than a chunk, and after each full chunk but the last', async () => {
    expect(await writeLog([10, CHUNK_BYTES * 2 + 1])).toEqual([
      'collect',
      'ArtifactEntity',
      'chunk 10',
      'ArtifactEntity',
      `chunk ${CHUNK_BYTES}`,
      'collect',
      `chunk ${CHUNK_BYTES}`,
      'collect',
      'chunk 1',
    ]);
  });

  it('stores small blobs without a collection', async () => {
    expect(await writeLog([10, CHUNK_BYTES])).toEqual(['ArtifactEntity', 'chunk 10', 'ArtifactEntity', `chunk ${CHUNK_BYTES}`]);
  });
});
