import { GzipWriter } from '../gzip-writer';
import { ArtifactFormatError, ProducedArtifact } from '../produced-artifact';
import { performanceReportProblem } from './performance-report';

/** get-stats.py writes tens of kilobytes; a file this big is something else. */
const MAX_BYTES = 16 * 1024 * 1024;

/**
 * The `performance` artifact: devstack's performance.json as found, gzip-compressed, after checking
 * that it is JSON in get-stats.py's shape (performance-report.ts). Throws ArtifactFormatError
 * saying why it is not.
 */
export async function performanceArtifact(source: AsyncIterable<Buffer>, fileName: string): Promise<ProducedArtifact> {
  const chunks: Buffer[] = [];
  let bytes = 0;
  for await (const chunk of source) {
    bytes += chunk.length;
    if (bytes > MAX_BYTES) throw new ArtifactFormatError(`${fileName} is over ${MAX_BYTES} bytes: not devstack's performance report`);
    chunks.push(chunk);
  }
  const raw = Buffer.concat(chunks);
  let doc: unknown;
  try {
    doc = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    throw new ArtifactFormatError(`${fileName} is not JSON (${(err as Error).message})${raw.length === 0 ? ': it is empty' : ''}`);
  }
  const problem = performanceReportProblem(doc);
  if (problem) throw new ArtifactFormatError(`${fileName} is not devstack's performance report: ${problem}`);
  const gzip = new GzipWriter();
  await gzip.writeBytes(raw);
  return { artifactType: 'performance', contentType: 'application/json', primary: false, gzipped: await gzip.finish() };
}
