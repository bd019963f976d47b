import { StringDecoder } from 'string_decoder';
import { GzipWriter } from '../gzip-writer';
import { ArtifactFormatError, ProducedArtifact } from '../produced-artifact';
import { MAX_LOW_POINTS, MemoryTrackerReader } from './memory-tracker-reader';

export interface MemoryTrackerArtifactResult {
  artifact: ProducedArtifact;
  pointCount: number;
  warnings: string[];
}

/**
 * The `memory-tracker` artifact (shape in memory-low-points.ts) from devstack's memory_tracker
 * output, read a line at a time. Throws ArtifactFormatError when the file holds no
 * memory_tracker block at all.
 */
export async function memoryTrackerArtifact(source: AsyncIterable<Buffer>, fileName: string): Promise<MemoryTrackerArtifactResult> {
  const decoder = new StringDecoder('utf8');
  const reader = new MemoryTrackerReader();
  let carry = '';
  const pushLines = (text: string, final: boolean): void => {
    const lines = (carry + text).split('\n');
    carry = final ? '' : lines.pop()!;
    for (const line of lines) reader.pushLine(line);
  };
  for await (const chunk of source) pushLines(decoder.write(chunk), false);
  pushLines(decoder.end(), true);
  if (reader.blocks === 0) {
    throw new ArtifactFormatError(`${fileName} is not memory_tracker output: it has no "[[[" … "]]]" block`);
  }
  const doc = reader.finish();
  const unplaced = doc.unplaced ?? [];
  const warnings: string[] = [];
  if (unplaced.length > 0) {
    warnings.push(
      `${unplaced.length} low points could not be placed in time (date line ${JSON.stringify(unplaced[0].date_line)} not read, ` +
        'and no journal time with a known year): they are kept without a time',
    );
  }
  if (reader.dropped > 0) warnings.push(`${reader.dropped} low points past the first ${MAX_LOW_POINTS} were left out`);
  const gzip = new GzipWriter();
  await gzip.writeText(JSON.stringify(doc));
  return {
    artifact: { artifactType: 'memory-tracker', contentType: 'application/json', primary: false, gzipped: await gzip.finish() },
    pointCount: doc.points.length,
    warnings,
  };
}
