import { setImmediate as nextTurn } from 'timers/promises';
import { fullCollection } from '../../../common/full-collection';
import { ArtifactFormatError, ProducedArtifact } from '../produced-artifact';
import { DecodeReport } from './decode-report';
import { notSubunitReason } from './not-subunit-reason';
import { DecoderEvent, SubunitPacketDecoder } from './packet-decoder';
import type { EncoderThreads } from './encoder-threads';
import { InProcessEncoder } from './in-process-encoder';
import { StackVizEncoder } from './stackviz-encoder';
import { StreamToTests } from './stream-to-tests';
import { encodeTests, FailuresListener, TestsEncoder } from './tests-encoder';

/**
 * Input bytes between full collections. V8 lets the old generation grow far past what a decode
 * keeps alive (and dead Buffers, zlib's output among them, wait for that collection): a 200 MB
 * stream took the worker's heap from 80 to 180 MB without one. A collection costs tens of ms.
 */
const COLLECT_EVERY_BYTES = 64 * 1024 * 1024;
/** Packets between turns given back to the event loop, so a long decode does not starve it. */
const PACKETS_PER_TURN = 2000;
const HEAD_BYTES = 512;

export interface SubunitArtifactsResult {
  /** `subunit` (primary), `subunit-stats`, `subunit-details`. */
  artifacts: ProducedArtifact[];
  testCount: number;
  /** Damaged regions, non-subunit output, unfinished tests. */
  warnings: string[];
  /** Non-subunit bytes found between packets: their count and the first 64 KiB as text. */
  nonSubunitOutput: { bytes: number; text: string };
}

/** Receives how long each step took (milliseconds); a scrape logs them as its stages. */
export interface StageTimer {
  add(stage: 'decode' | 'encode', ms: number): void;
}

export interface SubunitEncoding {
  /**
   * Whether the JSON is built on a thread of its own (StackVizEncoder, the default) while this one
   * decodes, or here between decoding steps, which holds less memory (docs/architecture.md).
   */
  onThread?: boolean;
  /** Where that thread comes from: by default the pool that keeps threads between streams. */
  threads?: EncoderThreads;
  /**
   * Hears the failed tests as they are written (on the thread, when this one is about to wait for
   * it): each failure of `subunit-stats` exactly once, in order, before the result (FailuresListener).
   */
  onFailures?: FailuresListener;
}

/**
 * Decodes a subunit v2 stream (already decompressed, in chunks) into StackViz's three artifacts,
 * streaming each into gzip. Memory holds the current packet, the tests still running and, on a
 * thread, the few batches of finished tests on their way to it.
 * Throws ArtifactFormatError when the bytes hold no valid subunit packet at all.
 * Attachments are kept as views of the chunks, so a chunk must not change once yielded (Node
 * streams never reuse theirs).
 */
export async function subunitArtifacts(
  source: AsyncIterable<Buffer>,
  timer?: StageTimer,
  encoding: SubunitEncoding = {},
): Promise<SubunitArtifactsResult> {
  const { onThread, threads, onFailures } = encoding;
  const encoder = onThread === false ? new InProcessEncoder(onFailures) : new StackVizEncoder(threads, onFailures);
  try {
    return await convert(source, encoder, timer);
  } finally {
    await encoder.close();
  }
}

async function convert(source: AsyncIterable<Buffer>, encoder: TestsEncoder, timer?: StageTimer): Promise<SubunitArtifactsResult> {
  const decoder = new SubunitPacketDecoder();
  const fold = new StreamToTests();
  const report = new DecodeReport();
  const head: Buffer[] = [];
  let headBytes = 0;
  let packetsAtLastTurn = 0;
  let decodeMs = 0;
  /** Handing tests to the encoder and waiting for it. */
  let encodeMs = 0;
  /** Time given back to the event loop: neither decoding nor encoding. */
  let yieldedMs = 0;

  const handle = async (events: DecoderEvent[]): Promise<void> => {
    for (const event of events) {
      report.note(event);
      if (event.kind !== 'packet') continue;
      const done = fold.accept(event.packet);
      if (done) {
        const encoding = performance.now();
        // encodeTests' steps, without a promise per test
        encoder.add(done);
        if (encoder.backlogged) await encoder.drain();
        encodeMs += performance.now() - encoding;
      }
      if (report.packets - packetsAtLastTurn >= PACKETS_PER_TURN) {
        packetsAtLastTurn = report.packets;
        const yielding = performance.now();
        await nextTurn();
        yieldedMs += performance.now() - yielding;
      }
    }
  };
  // Timed a chunk at a time, not a packet at a time: decoding is what the encoding and yielding leave.
  const decode = async (events: () => DecoderEvent[]): Promise<void> => {
    const started = performance.now();
    const elsewhere = encodeMs + yieldedMs;
    await handle(events());
    decodeMs += performance.now() - started - (encodeMs + yieldedMs - elsewhere);
  };

  let collectedAt = 0;
  for await (const chunk of source) {
    report.inputBytes += chunk.length;
    if (report.inputBytes - collectedAt >= COLLECT_EVERY_BYTES) {
      collectedAt = report.inputBytes;
      fullCollection();
    }
    if (headBytes < HEAD_BYTES) {
      head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
      headBytes += head[head.length - 1].length;
    }
    await decode(() => decoder.push(chunk));
  }
  await decode(() => decoder.end());

  if (report.packets === 0) {
    throw new ArtifactFormatError(notSubunitReason(Buffer.concat(head), report.inputBytes, report.badRegions > 0));
  }
  const finishing = performance.now();
  const unfinished = fold.finish();
  await encodeTests(encoder, unfinished);
  const { artifacts, testCount } = await encoder.finish();
  timer?.add('decode', decodeMs);
  timer?.add('encode', encodeMs + performance.now() - finishing);
  return {
    artifacts,
    testCount,
    warnings: report.warnings(unfinished.filter((t) => t.status === 'inprogress').length),
    nonSubunitOutput: { bytes: report.nonSubunitBytes, text: report.nonSubunitText() },
  };
}
