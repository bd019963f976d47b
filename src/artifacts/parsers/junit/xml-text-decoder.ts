import { StringDecoder } from 'string_decoder';
import { ArtifactFormatError } from '../produced-artifact';

const ENCODINGS: Record<string, BufferEncoding> = {
  'utf-8': 'utf8',
  utf8: 'utf8',
  'us-ascii': 'latin1',
  ascii: 'latin1',
  'iso-8859-1': 'latin1',
  latin1: 'latin1',
  'utf-16': 'utf16le',
  'utf-16le': 'utf16le',
};

/** Bytes enough to hold a byte-order mark and an XML declaration. */
export const XML_DECLARATION_BYTES = 256;

/**
 * A StringDecoder for an XML document in the encoding its first bytes declare: a byte-order mark,
 * else the XML declaration's `encoding`, else UTF-8 (XML's default). The mark is not passed on.
 */
export function xmlTextDecoder(head: Buffer, fileName: string): { decoder: StringDecoder; skip: number } {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { decoder: new StringDecoder('utf8'), skip: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { decoder: new StringDecoder('utf16le'), skip: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) throw new ArtifactFormatError(`${fileName} is UTF-16 big-endian XML, which is not supported`);
  const declared = /^<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(head.subarray(0, XML_DECLARATION_BYTES).toString('latin1'))?.[1];
  if (declared === undefined) return { decoder: new StringDecoder('utf8'), skip: 0 };
  const encoding = ENCODINGS[declared.toLowerCase()];
  if (!encoding)
    throw new ArtifactFormatError(
      `${fileName} declares the XML encoding ${declared}, which is not supported (UTF-8, UTF-16 and ISO-8859-1 are)`,
    );
  return { decoder: new StringDecoder(encoding), skip: 0 };
}
