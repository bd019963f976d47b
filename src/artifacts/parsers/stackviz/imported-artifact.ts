import { dstatArtifact } from '../dstat/dstat-artifact';
import { GzipWriter } from '../gzip-writer';
import { isJsonObject } from '../is-json-object';
import { ArtifactFormatError, ProducedArtifact } from '../produced-artifact';
import { ImportedType } from './stackviz-site-config';

/**
 * One file of an existing StackViz site as our artifact of the same type, stored as found once
 * checked: `subunit` (a JSON list of tests with name and status) and `subunit-stats` (an object
 * with a count) are parsed, they are small; `subunit-details` (all the tests' attachments) is
 * streamed and only checked to be one JSON object from its first and last characters; `dstat` goes
 * through the dstat check. Throws ArtifactFormatError saying why a file is not what it should be.
 */
export async function importedArtifact(type: ImportedType, source: AsyncIterable<Buffer>, fileName: string): Promise<ProducedArtifact> {
  if (type === 'dstat') return dstatArtifact(source);
  if (type === 'subunit-details') return streamedDetails(source, fileName);
  const chunks: Buffer[] = [];
  for await (const chunk of source) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  let doc: unknown;
  try {
    doc = JSON.parse(bytes.toString('utf8'));
  } catch (err) {
    throw new ArtifactFormatError(`${fileName} is not JSON (${(err as Error).message})`);
  }
  if (type === 'subunit' && !isTestList(doc))
    throw new ArtifactFormatError(`${fileName} is not a StackViz test list: expected a list of tests with a name and a status`);
  if (type === 'subunit-stats' && !(isJsonObject(doc) && typeof doc.count === 'number')) {
    throw new ArtifactFormatError(`${fileName} is not StackViz test stats: expected an object with a count`);
  }
  return jsonArtifact(type, bytes);
}

/** A `subunit*` artifact of JSON bytes; `subunit` is the primary one, as stackviz-export marks it. */
export async function jsonArtifact(type: Exclude<ImportedType, 'dstat'>, bytes: Buffer): Promise<ProducedArtifact> {
  const gzip = new GzipWriter();
  await gzip.writeBytes(bytes);
  return { artifactType: type, contentType: 'application/json', primary: type === 'subunit', gzipped: await gzip.finish() };
}

async function streamedDetails(source: AsyncIterable<Buffer>, fileName: string): Promise<ProducedArtifact> {
  const gzip = new GzipWriter();
  let first: number | undefined;
  let last: number | undefined;
  for await (const chunk of source) {
    const text = chunk.toString('latin1');
    const start = text.search(/\S/);
    if (start >= 0) {
      first ??= text.charCodeAt(start);
      last = text.charCodeAt(text.trimEnd().length - 1);
    }
    await gzip.writeBytes(chunk);
  }
  if (first !== 0x7b /* { */ || last !== 0x7d /* } */) {
    throw new ArtifactFormatError(
      `${fileName} is not StackViz test details: expected one JSON object${first === undefined ? ', the file is empty' : ''}`,
    );
  }
  return { artifactType: 'subunit-details', contentType: 'application/json', primary: false, gzipped: await gzip.finish() };
}

function isTestList(doc: unknown): boolean {
  return Array.isArray(doc) && doc.every((t) => isJsonObject(t) && typeof t.name === 'string' && typeof t.status === 'string');
}
