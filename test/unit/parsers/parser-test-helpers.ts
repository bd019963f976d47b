import { readFileSync } from 'fs';
import { join } from 'path';
import { gunzipSync } from 'zlib';
import { ProducedArtifact } from '../../../src/artifacts/parsers';

export const FIXTURES = join(__dirname, '../../fixtures');

/** The bytes as an async stream of `size`-byte chunks, like a Node Readable. */
export async function* chunked(bytes: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

export function artifactJson<T = unknown>(artifacts: ProducedArtifact[], type: string): T {
  const artifact = artifacts.find((a) => a.artifactType === type);
  if (!artifact) throw new Error(`no ${type} artifact`);
  return JSON.parse(gunzipSync(artifact.gzipped).toString('utf8')) as T;
}

export function fixture(...path: string[]): Buffer {
  return readFileSync(join(FIXTURES, ...path));
}
