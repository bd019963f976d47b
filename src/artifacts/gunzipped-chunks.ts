import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

const GUNZIP_CHUNK_BYTES = 256 * 1024;

/** A stored artifact's bytes (ArtifactStore.openStored), decompressed as they stream; an error of the source ends it. */
export async function* gunzippedChunks(gzipped: Readable): AsyncGenerator<Buffer> {
  const gunzip = createGunzip({ chunkSize: GUNZIP_CHUNK_BYTES });
  gzipped.on('error', (err) => gunzip.destroy(err));
  try {
    for await (const chunk of gzipped.pipe(gunzip)) yield chunk as Buffer;
  } finally {
    // a reader that stops early leaves nothing behind (a stored artifact's source reads its chunks from the database)
    gzipped.destroy();
  }
}
