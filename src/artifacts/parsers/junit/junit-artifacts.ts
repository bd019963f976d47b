import { StringDecoder } from 'string_decoder';
import { ProducedArtifact } from '../produced-artifact';
import { StackVizOutput } from '../subunit/stackviz-output';
import { JUnitReader, JUnitTest, MAX_TEXT_CHARS } from './junit-reader';
import { XML_DECLARATION_BYTES, xmlTextDecoder } from './xml-text-decoder';

export interface JUnitArtifactsResult {
  /** `subunit` (primary), `subunit-stats`, `subunit-details`: the same artifacts a subunit stream gives. */
  artifacts: ProducedArtifact[];
  testCount: number;
  warnings: string[];
}

/**
 * Converts a JUnit XML report (already decompressed, in chunks) into StackViz's three test
 * artifacts, streaming: the XML is parsed as it arrives and each test case written once it closes.
 * Throws ArtifactFormatError when the file is not a well-formed JUnit report.
 */
export async function junitArtifacts(source: AsyncIterable<Buffer>, fileName: string): Promise<JUnitArtifactsResult> {
  const reader = new JUnitReader(fileName);
  const output = new StackVizOutput();
  let decoder: StringDecoder | undefined;
  let head: Buffer[] = [];
  let headBytes = 0;
  const write = async (tests: JUnitTest[]): Promise<void> => {
    for (const test of tests) output.add(test, test.details);
    await output.drain();
  };
  // the encoding is chosen from the first bytes: a byte-order mark or the XML declaration
  const startDecoding = async (): Promise<StringDecoder> => {
    const bytes = Buffer.concat(head);
    head = [];
    const sniffed = xmlTextDecoder(bytes, fileName);
    await write(reader.push(sniffed.decoder.write(bytes.subarray(sniffed.skip))));
    return sniffed.decoder;
  };

  for await (const chunk of source) {
    if (decoder) {
      await write(reader.push(decoder.write(chunk)));
      continue;
    }
    head.push(chunk);
    headBytes += chunk.length;
    if (headBytes >= XML_DECLARATION_BYTES) decoder = await startDecoding();
  }
  decoder ??= await startDecoding();
  await write(reader.push(decoder.end()));
  await write(reader.end());

  const warnings =
    reader.truncatedTexts > 0 ? [`${reader.truncatedTexts} test outputs longer than ${MAX_TEXT_CHARS} characters were cut`] : [];
  return { artifacts: await output.finish(), testCount: output.testCount, warnings };
}
