import { StringDecoder } from 'string_decoder';
import { GzipWriter } from '../gzip-writer';
import { ArtifactFormatError, ProducedArtifact } from '../produced-artifact';
import { MemoryTrackerReader } from './memory-tracker-reader';

export interface MemoryTrackerArtifactResult {
  artifact: ProducedArtifact;
  pointCount: number;
  warnings: string[];
}

/**
 * The `memory-tracker` artifact (shape in memory-low-points.ts) from devstack's memory_tracker
 * output, streamed a line at a time. Throws ArtifactFormatError when the file holds no
 * memory_tracker block at all.
 */
export async function memoryTrackerArtifact(source: AsyncIterable<Buffer>, fileName: string): Promise<MemoryTrackerArtifactResult> {
  const decoder = new StringDecoder('utf8');
  const reader = new MemoryTrackerReader();
  const gzip = new GzipWriter();
  let points = 0;
  let carry = '';
  const pushLines = async (text: string, final: boolean): Promise<void> => {
    const lines = (carry + text).split('\n');
    carry = final ? '' : lines.pop()!;
    for (const line of lines) {
      const point = reader.pushLine(line);
      if (point) await gzip.writeText((points++ === 0 ? '{"points":[' : ',') + JSON.stringify(point));
    }
  };
  for await (const chunk of source) await pushLines(decoder.write(chunk), false);
  await pushLines(decoder.end(), true);
  if (reader.blocks === 0) {
    throw new ArtifactFormatError(`${fileName} is not memory_tracker output: it has no "[[[" … "]]]" block`);
  }
  await gzip.writeText(points === 0 ? '{"points":[]}' : ']}');
  const warnings = reader.undated > 0 ? [`${reader.undated} low points without a readable date were left out`] : [];
  return {
    artifact: { artifactType: 'memory-tracker', contentType: 'application/json', primary: false, gzipped: await gzip.finish() },
    pointCount: points,
    warnings,
  };
}
