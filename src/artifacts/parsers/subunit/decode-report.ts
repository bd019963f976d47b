import { DecoderEvent } from './packet-decoder';

const MAX_REGION_WARNINGS = 50;
const MAX_KEPT_OUTPUT = 64 * 1024;

/** What the decoder met besides packets: damaged regions and non-subunit output. */
export class DecodeReport {
  packets = 0;
  inputBytes = 0;
  nonSubunitBytes = 0;
  private readonly kept: Buffer[] = [];
  private keptBytes = 0;
  badRegions = 0;
  private readonly regionWarnings: string[] = [];

  note(event: DecoderEvent): void {
    if (event.kind === 'packet') {
      this.packets++;
    } else if (event.kind === 'non-subunit') {
      this.nonSubunitBytes += event.bytes.length;
      if (this.keptBytes < MAX_KEPT_OUTPUT) {
        const part = event.bytes.subarray(0, MAX_KEPT_OUTPUT - this.keptBytes);
        this.kept.push(Buffer.from(part));
        this.keptBytes += part.length;
      }
    } else {
      this.badRegions++;
      if (this.regionWarnings.length < MAX_REGION_WARNINGS) {
        this.regionWarnings.push(`damaged subunit data at byte ${event.offset} (${event.reason}): skipped ${event.length} bytes`);
      }
    }
  }

  /** The first 64 KiB of non-subunit output, as text. */
  nonSubunitText(): string {
    return Buffer.concat(this.kept).toString('utf8');
  }

  warnings(unfinishedTests: number): string[] {
    const warnings = [...this.regionWarnings];
    if (this.badRegions > this.regionWarnings.length) {
      warnings.push(`${this.badRegions - this.regionWarnings.length} more damaged regions not listed`);
    }
    if (this.nonSubunitBytes > 0) {
      warnings.push(`${this.nonSubunitBytes} bytes of non-subunit output between packets`);
    }
    if (unfinishedTests > 0) {
      warnings.push(`${unfinishedTests} tests never finished (the stream may have been cut off)`);
    }
    return warnings;
  }
}
