import { StringDecoder } from 'string_decoder';
import { GzipWriter } from '../gzip-writer';
import { ArtifactFormatError, ProducedArtifact } from '../produced-artifact';
import { ConsoleScript } from './console-log';
import { ConsoleSectionBuilder } from './console-sections';
import { consoleStatus, detectConsoleFormat } from './parse-console';

/** A NUL byte this early means the file is not text. */
const BINARY_CHECK_BYTES = 8192;

/**
 * The `console` artifact (shape documented in console-log.ts) from Zuul's `job-output.txt` or
 * Jenkins' `console.html`, chosen by file name, else by content. Streams: only the section being
 * read (a play with its tasks) is held. `jobResult` is the build's result as CI reported it, when
 * known. primary=false: the caller makes it primary when there is no subunit. Throws
 * ArtifactFormatError for an empty or binary file.
 */
export async function consoleArtifact(
  source: AsyncIterable<Buffer>,
  fileName: string,
  jobResult?: string | null,
): Promise<ProducedArtifact> {
  const decoder = new StringDecoder('utf8');
  const gzip = new GzipWriter();
  let builder: ConsoleSectionBuilder | undefined;
  let carry = '';
  let sections = 0;
  let sawText = false;

  const write = async (done: ConsoleScript[]): Promise<void> => {
    for (const section of done) await gzip.writeText((sections++ === 0 ? '' : ',') + JSON.stringify(section));
  };
  const pushLines = async (text: string, final: boolean): Promise<void> => {
    const lines = (carry + text).split('\n');
    carry = final ? '' : lines.pop()!;
    for (const line of lines) {
      if (line.trim() !== '') sawText = true;
      await write(builder!.pushLine(line.endsWith('\r') ? line.slice(0, -1) : line));
    }
  };

  let checked = 0;

  for await (const chunk of source) {
    if (checked < BINARY_CHECK_BYTES) {
      if (chunk.subarray(0, BINARY_CHECK_BYTES - checked).includes(0)) {
        throw new ArtifactFormatError(`${fileName} is not a console log: it is binary`);
      }
      checked += chunk.length;
    }
    if (!builder) {
      const format = detectConsoleFormat(fileName, chunk.subarray(0, 4096).toString('utf8'));
      builder = new ConsoleSectionBuilder(format, jobResult ?? null);
      await gzip.writeText(`{"format":${JSON.stringify(format)},"scripts":[`);
    }
    await pushLines(decoder.write(chunk), false);
  }
  if (!builder) throw new ArtifactFormatError(`${fileName} is empty`);
  const rest = carry + decoder.end();
  carry = '';
  if (rest !== '') await pushLines(rest, true);
  await write(builder.finish());
  if (!sawText) throw new ArtifactFormatError(`${fileName} has no text`);
  // the status comes last: Jenkins' `Finished: X` is the log's last line
  await gzip.writeText(`],"status":${JSON.stringify(consoleStatus(jobResult, builder))},"remaining":null}`);
  return { artifactType: 'console', contentType: 'application/json', primary: false, gzipped: await gzip.finish() };
}
