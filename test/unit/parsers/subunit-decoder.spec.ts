import { DecoderEvent, SubunitPacketDecoder } from '../../../src/artifacts/parsers/subunit/packet-decoder';
import { subunitTimestampMicros, isoFromMicros } from '../../../src/artifacts/parsers/subunit/timestamps';
import { readVarint } from '../../../src/artifacts/parsers/subunit/varint';
import { fixture } from './parser-test-helpers';

function decode(bytes: Buffer, chunkSize = bytes.length || 1): DecoderEvent[] {
  const decoder = new SubunitPacketDecoder();
  const events: DecoderEvent[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) events.push(...decoder.push(bytes.subarray(i, i + chunkSize)));
  events.push(...decoder.end());
  return events;
}

/** [offset, length] of every packet of a clean stream. */
function packetSpans(bytes: Buffer): Array<[number, number]> {
  const offsets = decode(bytes).map((e) => (e.kind === 'packet' ? e.packet.offset : -1));
  expect(offsets).not.toContain(-1);
  return offsets.map((offset, i) => [offset, (offsets[i + 1] ?? bytes.length) - offset]);
}

const clean = () => fixture('subunit', 'stestr-4workers.subunit');
const packets = (events: DecoderEvent[]) => events.filter((e) => e.kind === 'packet');
const damaged = (events: DecoderEvent[]) => events.filter((e): e is Extract<DecoderEvent, { kind: 'bad-bytes' }> => e.kind === 'bad-bytes');

describe('varint', () => {
  it.each([
    [[0x05], 5, 1],
    [[0x3f], 63, 1],
    [[0x41, 0x00], 256, 2],
    [[0x80, 0x01, 0x00], 256, 3],
    [[0xbf, 0xff, 0xff], 0x3fffff, 3],
    [[0xc0, 0x00, 0x00, 0x05], 5, 4],
    [[0xff, 0xff, 0xff, 0xff], 0x3fffffff, 4],
  ])('%j is %d in %d bytes', (bytes, value, size) => {
    expect(readVarint(Buffer.from(bytes), 0, bytes.length)).toEqual({ value, size });
  });

  it('does not read past the end', () => {
    expect(readVarint(Buffer.from([0xc0, 0x00, 0x01]), 0, 3)).toBeUndefined();
    expect(readVarint(Buffer.from([0x05]), 1, 1)).toBeUndefined();
  });
});

describe('timestamps', () => {
  it('rounds nanoseconds to microseconds half to even, as python-subunit', () => {
    expect(subunitTimestampMicros(0, 1500)).toBe(2);
    expect(subunitTimestampMicros(0, 2500)).toBe(2);
    expect(subunitTimestampMicros(0, 2501)).toBe(3);
    expect(subunitTimestampMicros(10, 999_999_999)).toBe(11_000_000);
  });

  it('prints ISO 8601 UTC with microseconds', () => {
    expect(isoFromMicros(1467121088_099819)).toBe('2016-06-28T13:38:08.099819+00:00');
    expect(isoFromMicros(1467121088_000000)).toBe('2016-06-28T13:38:08.000000+00:00');
  });
});

describe('SubunitPacketDecoder', () => {
  it('decodes the same packets whatever the chunk size', () => {
    const bytes = fixture('subunit', 'crafted-flags.subunit');
    const whole = decode(bytes);
    expect(packets(whole)).toHaveLength(22);
    for (const size of [1, 2, 3, 7, 100]) expect(decode(bytes, size)).toEqual(whole);
  });

  it('decodes every flag: route code, runnable, EOF, MIME, tags, file content', () => {
    const found = packets(decode(fixture('subunit', 'crafted-flags.subunit'))).map((e) => (e.kind === 'packet' ? e.packet : null)!);
    expect(found[0]).toMatchObject({
      testId: 'pkg.Routes.test_a',
      routeCode: '0',
      status: 'inprogress',
      tags: ['worker-0'],
      runnable: true,
    });
    expect(found[2]).toMatchObject({ fileName: 'traceback', mimeType: 'text/x-traceback;charset=utf8', eof: false });
    expect(found[4]).toMatchObject({ eof: true, mimeType: undefined });
    expect(found[4].fileBytes!.toString()).toBe('AssertionError: 1 != 2\n');
    expect(found[7]).toMatchObject({ testId: 'pkg.Listing.test_listed', status: 'exists', runnable: false });
    expect(found[8]).toMatchObject({ testId: undefined, fileName: 'stdout' });
  });

  it('reads 1- to 4-byte varints in timestamps, lengths and counts', () => {
    const found = packets(decode(fixture('subunit', 'crafted-varints.subunit'))).map((e) => (e.kind === 'packet' ? e.packet : null)!);
    const base = 1600000000_000000;
    expect(found.map((p) => p.timestampMicros! - base)).toEqual([0, 1, 100, 4194, 1_000_000]);
    expect(found[1].testId).toBe('varint.one'); // its length is a non-minimal 4-byte varint
    expect(found[3].fileBytes).toHaveLength(70000);
    expect(found[4].tags).toEqual(['worker-0', 'big']);
  });

  it('skips a packet with a flipped CRC byte by its length and reports it', () => {
    const bytes = fixture('subunit', 'corrupt-flipped-crc.subunit');
    const [offset, length] = packetSpans(clean())[5];
    const events = decode(bytes, 512);
    expect(damaged(events)).toEqual([{ kind: 'bad-bytes', offset, length, reason: expect.stringMatching(/^bad CRC32/) }]);
    expect(packets(events)).toHaveLength(packetSpans(clean()).length - 1);
  });

  it('reports a packet truncated at the end of the stream', () => {
    const bytes = fixture('subunit', 'corrupt-truncated.subunit');
    const [offset] = packetSpans(clean())[19];
    const events = decode(bytes, 100);
    expect(packets(events)).toHaveLength(19);
    expect(damaged(events)).toEqual([
      { kind: 'bad-bytes', offset, length: bytes.length - offset, reason: expect.stringMatching(/^truncated packet/) },
    ]);
  });

  it('resynchronises after a truncated packet when another stream follows', () => {
    const skips = fixture('subunit', 'stestr-all-skips.subunit');
    const events = decode(fixture('subunit', 'corrupt-truncated-then-stream.subunit'), 256);
    expect(damaged(events)).toHaveLength(1);
    expect(packets(events)).toHaveLength(19 + packets(decode(skips)).length);
  });

  it('keeps bytes between packets as non-subunit output, 0xB3 inside UTF-8 text included', () => {
    const events = decode(fixture('subunit', 'corrupt-junk-between-packets.subunit'), 5);
    const text = Buffer.concat(events.flatMap((e) => (e.kind === 'non-subunit' ? [e.bytes] : []))).toString('latin1');
    const junk = ['running tests...\n', 'junk with \u00b3 and \u20ac and \u3333 between packets\n', '\x00\x01 binary noise \xff\xfe\n'];
    expect(text).toBe(Buffer.from(junk[0] + junk[1], 'utf8').toString('latin1') + junk[2]);
    expect(damaged(events)).toEqual([]);
    expect(packets(events)).toHaveLength(packetSpans(clean()).length);
  });

  it('rejects a packet whose length is a 4-byte varint', () => {
    const bad = Buffer.from([0xb3, 0x28, 0x02, 0xc0, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x00]);
    const events = decode(Buffer.concat([bad, clean()]));
    expect(damaged(events)).toEqual([{ kind: 'bad-bytes', offset: 0, length: bad.length, reason: expect.stringMatching(/4-byte varint/) }]);
    expect(packets(events)).toHaveLength(packetSpans(clean()).length);
  });

  it('decodes concatenated streams', () => {
    const skips = fixture('subunit', 'stestr-all-skips.subunit');
    const events = decode(fixture('subunit', 'concatenated.subunit'), 999);
    expect(packets(events)).toHaveLength(packets(decode(skips)).length + packetSpans(clean()).length);
    expect(events.filter((e) => e.kind !== 'packet')).toEqual([]);
  });
});
