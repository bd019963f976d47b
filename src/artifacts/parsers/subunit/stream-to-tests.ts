import { SubunitPacket, TestStatus } from './packet';

export interface TestAttachment {
  fileName: string;
  /** MIME type of the file's first packet (testtools keeps the first). */
  mimeType: string | undefined;
  chunks: Buffer[];
}

export interface TestRecord {
  id: string;
  routeCode: string | undefined;
  /** 'unknown' when only file packets were seen; 'inprogress' when the stream ended first. */
  status: TestStatus | 'unknown';
  /** The most recent tag set seen for the test. */
  tags: string[];
  startMicros: number | undefined;
  endMicros: number | undefined;
  /** One per file name, in first-seen order. */
  attachments: TestAttachment[];
}

/**
 * Bytes of input chunks that open tests may keep alive through views of their attachments; past
 * it, attachments are copied so that many long-running tests cannot pin a chunk each.
 */
const PINNED_BYTES_BUDGET = 64 * 1024 * 1024;

/**
 * Folds packets into tests as testtools' StreamToDict (used by StackViz) does: keyed by
 * (test id, route code); a test is complete at its first status other than none/inprogress;
 * tags are replaced, never merged; file packets are appended per file name; packets without a
 * test id are ignored. Unlike StreamToDict, a packet without a timestamp does not erase the end
 * time, so an unfinished test keeps its last timestamp as its end.
 */
export class StreamToTests {
  private readonly open = new Map<string, TestRecord>();
  /** Backing-buffer bytes pinned by the views each open test holds (overcounted when they share one). */
  private readonly pinnedBy = new Map<TestRecord, number>();
  private pinned = 0;

  /** Returns the test this packet completed, if any. */
  accept(packet: SubunitPacket): TestRecord | undefined {
    if (packet.testId === undefined) return undefined;
    // ids hold no NUL, so the two forms cannot collide; the bare id is a string already hashed (RecentStrings)
    const key = packet.routeCode === undefined ? packet.testId : `${packet.routeCode}\u0000${packet.testId}`;
    let record = this.open.get(key);
    if (!record) {
      record = {
        id: packet.testId,
        routeCode: packet.routeCode,
        status: 'unknown',
        tags: [],
        startMicros: packet.timestampMicros,
        endMicros: undefined,
        attachments: [],
      };
      this.open.set(key, record);
    }
    if (packet.status !== undefined) record.status = packet.status;
    if (packet.timestampMicros !== undefined) {
      record.startMicros ??= packet.timestampMicros;
      record.endMicros = packet.timestampMicros;
    }
    if (packet.fileName !== undefined && packet.fileBytes && packet.fileBytes.length > 0) {
      let attachment = record.attachments.find((a) => a.fileName === packet.fileName);
      if (!attachment) {
        attachment = { fileName: packet.fileName, mimeType: packet.mimeType, chunks: [] };
        record.attachments.push(attachment);
      }
      attachment.chunks.push(this.keep(record, packet.fileBytes));
    }
    if (packet.tags !== undefined) record.tags = packet.tags;
    if (packet.status === undefined || packet.status === 'inprogress') return undefined;
    this.open.delete(key);
    if (record.attachments.length > 0) this.unpin(record);
    return record;
  }

  /** A view of the decoder's bytes (they are never reused), or a copy once the budget is spent. */
  private keep(record: TestRecord, bytes: Buffer): Buffer {
    const backing = bytes.buffer.byteLength;
    if (this.pinned + backing > PINNED_BYTES_BUDGET) return Buffer.from(bytes);
    this.pinned += backing;
    this.pinnedBy.set(record, (this.pinnedBy.get(record) ?? 0) + backing);
    return bytes;
  }

  private unpin(record: TestRecord): void {
    this.pinned -= this.pinnedBy.get(record) ?? 0;
    this.pinnedBy.delete(record);
  }

  /** Tests still open at the end of the stream, in the order StreamToDict reports them (newest first). */
  finish(): TestRecord[] {
    const rest = [...this.open.values()].reverse();
    this.open.clear();
    this.pinnedBy.clear();
    this.pinned = 0;
    return rest;
  }
}
