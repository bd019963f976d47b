/** subunit v2 packet flags (docs/formats.md, "subunit v2"). */
export const SIGNATURE = 0xb3;
export const VERSION_2 = 0x2;
export const FLAG_TEST_ID = 0x0800;
export const FLAG_ROUTE_CODE = 0x0400;
export const FLAG_TIMESTAMP = 0x0200;
export const FLAG_RUNNABLE = 0x0100;
export const FLAG_TAGS = 0x0080;
export const FLAG_FILE_CONTENT = 0x0040;
export const FLAG_MIME_TYPE = 0x0020;
export const FLAG_EOF = 0x0010;
export const STATUS_MASK = 0x0007;

/** A packet's length (signature to CRC) is a varint of at most 3 bytes, so below 4 MiB. */
export const MAX_PACKET_LENGTH = 0x3fffff;

export type TestStatus = 'exists' | 'inprogress' | 'success' | 'uxsuccess' | 'skip' | 'fail' | 'xfail';

/** Indexed by the low three flag bits; 0 means "no status". */
export const STATUS_BY_CODE: ReadonlyArray<TestStatus | undefined> = [
  undefined,
  'exists',
  'inprogress',
  'success',
  'uxsuccess',
  'skip',
  'fail',
  'xfail',
];

export interface SubunitPacket {
  /** Byte offset of the signature in the whole input. */
  offset: number;
  flags: number;
  status: TestStatus | undefined;
  testId: string | undefined;
  routeCode: string | undefined;
  /** Microseconds since the epoch, nanoseconds rounded as python-subunit does. */
  timestampMicros: number | undefined;
  tags: string[] | undefined;
  mimeType: string | undefined;
  fileName: string | undefined;
  /** A view into the input chunk (or a copy when the packet spans chunks); the decoder never writes to it. */
  fileBytes: Buffer | undefined;
  runnable: boolean;
  eof: boolean;
}
