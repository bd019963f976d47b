import { GzipWriter } from '../gzip-writer';
import { ArtifactFormatError, ProducedArtifact } from '../produced-artifact';
import { DstatFormatError, parseDstatCsv } from './parse-dstat-csv';

/** Bytes parsed to validate the file: its header blocks and enough rows to trust it. */
const VALIDATE_BYTES = 1024 * 1024;

/**
 * The `dstat` artifact: the CSV's original bytes, gzip-compressed, after checking that the file
 * is dstat's (0.7.x/0.8, pcp-dstat, dool). Throws ArtifactFormatError saying why it is not.
 */
export async function dstatArtifact(source: AsyncIterable<Buffer>): Promise<ProducedArtifact> {
  const gzip = new GzipWriter();
  const head: Buffer[] = [];
  let headBytes = 0;
  for await (const chunk of source) {
    if (headBytes < VALIDATE_BYTES) {
      head.push(chunk.subarray(0, VALIDATE_BYTES - headBytes));
      headBytes += head[head.length - 1].length;
    }
    await gzip.writeBytes(chunk);
  }
  validate(Buffer.concat(head), headBytes >= VALIDATE_BYTES);
  return { artifactType: 'dstat', contentType: 'text/csv', primary: false, gzipped: await gzip.finish() };
}

function validate(head: Buffer, cut: boolean): void {
  if (head.length === 0) throw new ArtifactFormatError('the dstat file is empty');
  if (head[0] === 0x1f && head[1] === 0x8b) throw new ArtifactFormatError('the dstat file is still gzip-compressed');
  if (head.includes(0)) throw new ArtifactFormatError('not a dstat CSV file: it is binary');
  let text = head.toString('utf8');
  if (cut) text = text.slice(0, text.lastIndexOf('\n') + 1);
  try {
    parseDstatCsv(text);
  } catch (err) {
    if (err instanceof DstatFormatError) throw new ArtifactFormatError(err.message);
    throw err;
  }
}
