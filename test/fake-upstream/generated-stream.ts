/**
 * Generated subunit v2 streams, for builds bigger than any fixture (the compare and insight
 * benches): packets laid out as python-subunit's StreamResultToBytes writes them (an `inprogress`
 * packet, a traceback for a failure, the final status with a worker tag), CRC32 included.
 * test/unit/fake-upstream/generated-stream.spec.ts checks them against Debian's subunit2csv.
 */
import { crc32 } from 'node:zlib';

const SIGNATURE = 0xb3;
const VERSION_2 = 0x2000;
const FLAG_TEST_ID = 0x0800;
const FLAG_TIMESTAMP = 0x0200;
const FLAG_TAGS = 0x0080;
const FLAG_FILE = 0x0040;
const FLAG_MIME = 0x0020;
const FLAG_EOF = 0x0010;
const STATUS = { inprogress: 2, success: 3, skip: 5, fail: 6 } as const;

type GeneratedStatus = 'success' | 'fail' | 'skip';

export interface GeneratedTest {
  id: string;
  status: GeneratedStatus;
  seconds: number;
  /** A failure's traceback attachment (default: a generated AssertionError naming the test's position). */
  traceback?: string;
}

function varint(value: number): Buffer {
  if (value < 0x40) return Buffer.from([value]);
  if (value < 0x4000) return Buffer.from([0x40 | (value >> 8), value & 0xff]);
  if (value < 0x400000) return Buffer.from([0x80 | (value >> 16), (value >> 8) & 0xff, value & 0xff]);
  return Buffer.from([0xc0 | (value >>> 24), (value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff]);
}

function text(s: string): Buffer {
  const bytes = Buffer.from(s, 'utf8');
  return Buffer.concat([varint(bytes.length), bytes]);
}

interface PacketFields {
  status: keyof typeof STATUS;
  micros: number;
  testId: string;
  tags?: string[];
  file?: { name: string; mime: string; bytes: Buffer };
}

function packet(f: PacketFields): Buffer {
  let flags = VERSION_2 | FLAG_TEST_ID | FLAG_TIMESTAMP | STATUS[f.status];
  const seconds = Math.floor(f.micros / 1e6);
  const time = Buffer.alloc(4);
  time.writeUInt32BE(seconds);
  const parts = [time, varint((f.micros - seconds * 1e6) * 1000), text(f.testId)];
  if (f.tags) {
    flags |= FLAG_TAGS;
    parts.push(varint(f.tags.length), ...f.tags.map(text));
  }
  if (f.file) {
    flags |= FLAG_MIME | FLAG_FILE | FLAG_EOF;
    parts.push(text(f.file.mime), text(f.file.name), varint(f.file.bytes.length), f.file.bytes);
  }
  const body = Buffer.concat(parts);
  // The length counts the whole packet: signature, flags, the length itself, the body and the CRC.
  let total = 3 + 1 + body.length + 4;
  while (varint(total).length !== total - 3 - body.length - 4) total++;
  const head = Buffer.alloc(3);
  head[0] = SIGNATURE;
  head.writeUInt16BE(flags, 1);
  const unsigned = Buffer.concat([head, varint(total), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(unsigned) >>> 0);
  return Buffer.concat([unsigned, crc]);
}

/** Log lines as tempest's `pythonlogging` attachment carries them, repeated to the size asked for. */
function pythonLogging(bytes: number, testId: string): Buffer {
  const line = `2024-03-01 00:00:00,000 4711 INFO [tempest.lib.common.rest_client] Request (${testId}): 200 GET http://10.0.0.1/compute/v2.1/servers 0.052s\n`;
  return Buffer.from(line.repeat(Math.max(1, Math.round(bytes / line.length))));
}

/**
 * A stestr-like run of `tests` over `workers` workers starting at `startMicros`. With `logBytes`,
 * every test also carries a `pythonlogging` attachment of about that size, as tempest's do.
 */
export function generatedStream(
  tests: readonly GeneratedTest[],
  { workers = 4, startMicros = Date.UTC(2024, 2, 1) * 1000, logBytes = 0 } = {},
): Buffer {
  const clocks = Array.from({ length: workers }, () => startMicros);
  const packets: Buffer[] = [];
  tests.forEach((t, i) => {
    const w = i % workers;
    const start = clocks[w];
    const end = start + Math.round(t.seconds * 1e6);
    clocks[w] = end + 1000;
    const tags = [`worker-${w}`];
    packets.push(packet({ status: 'inprogress', micros: start, testId: t.id, tags }));
    if (logBytes > 0) {
      const file = { name: "pythonlogging:''", mime: 'text/plain; charset="utf8"', bytes: pythonLogging(logBytes, t.id) };
      packets.push(packet({ status: 'inprogress', micros: end, testId: t.id, file }));
    }
    if (t.status === 'fail') {
      const traceback = Buffer.from(
        t.traceback ?? `Traceback (most recent call last):\n  File "test.py", line ${i}, in ${t.id}\nAssertionError: generated failure\n`,
      );
      packets.push(
        packet({
          status: 'inprogress',
          micros: end,
          testId: t.id,
          file: { name: 'traceback', mime: 'text/x-traceback;charset=utf8', bytes: traceback },
        }),
      );
    }
    packets.push(packet({ status: t.status, micros: end, testId: t.id, tags }));
  });
  return Buffer.concat(packets);
}
