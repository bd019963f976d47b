import { Readable } from 'node:stream';
import type { ArtifactType, StackVizFailure } from '../api-shapes';
import type { ArtifactStore, ArtifactToStore } from '../artifacts/artifact-store';
import { gunzippedChunks } from '../artifacts/gunzipped-chunks';

/**
 * A task's artifact to read failures from, wherever its bytes are: being stored by the task's finish
 * (still in memory) or stored before (read back in chunks).
 */
export interface ArtifactSource {
  artifactType: ArtifactType;
  /** The JSON's bytes, decompressed as they stream. */
  chunks(): AsyncIterable<Buffer>;
  /** `subunit-stats`' failures, when still in memory (the artifacts being stored). */
  failures?: readonly StackVizFailure[];
}

/** The artifacts a finishing task is storing. */
export function artifactsBeingStored(items: readonly ArtifactToStore[]): ArtifactSource[] {
  return items.map((item) => ({
    artifactType: item.artifactType,
    chunks: () => gunzippedChunks(Readable.from([item.gzipped])),
    failures: item.failures,
  }));
}

/** A stored task's artifacts. */
export async function storedArtifacts(store: ArtifactStore, taskId: string): Promise<ArtifactSource[]> {
  return (await store.listForTask(taskId)).map((meta) => ({
    artifactType: meta.artifactType,
    chunks: () => gunzippedChunks(store.openStored(meta)),
  }));
}

/** The whole JSON document of an artifact. */
export async function artifactJson(source: ArtifactSource): Promise<unknown> {
  const parts: Buffer[] = [];
  for await (const chunk of source.chunks()) parts.push(chunk);
  return JSON.parse(Buffer.concat(parts).toString('utf8')) as unknown;
}
