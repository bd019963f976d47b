import { TestAttachment } from './stream-to-tests';

/**
 * Decodes an attachment as testtools' `Content.as_text` does: with the MIME type's charset,
 * ISO-8859-1 when there is none.
 */
export function attachmentText(attachment: TestAttachment): string {
  return attachmentBytes(attachment).toString(encodingOf(attachment.mimeType));
}

/** The attachment's bytes in one buffer (its only chunk when it has one). */
export function attachmentBytes(attachment: TestAttachment): Buffer {
  return attachment.chunks.length === 1 ? attachment.chunks[0] : Buffer.concat(attachment.chunks);
}

// Every test of a run names the same few MIME types and file names: the last answer is kept.
let lastMimeType: string | undefined;
let lastEncoding: BufferEncoding = 'latin1';
let lastFileName = '';
let lastKey = '';

/** The encoding `attachmentText` decodes an attachment of this MIME type with. */
export function encodingOf(mimeType: string | undefined): BufferEncoding {
  if (mimeType !== lastMimeType) {
    lastMimeType = mimeType;
    lastEncoding = bufferEncoding(charsetOf(mimeType));
  }
  return lastEncoding;
}

function charsetOf(mimeType: string | undefined): string | undefined {
  const match = mimeType ? /;\s*charset\s*=\s*"?([^";,\s]+)/i.exec(mimeType) : null;
  return match ? match[1].toLowerCase() : undefined;
}

function bufferEncoding(charset: string | undefined): BufferEncoding {
  switch (charset) {
    case 'utf8':
    case 'utf-8':
      return 'utf8';
    case 'ascii':
    case 'us-ascii':
      return 'ascii';
    case 'utf-16le':
    case 'utf16le':
      return 'utf16le';
    default:
      return 'latin1';
  }
}

/** StackViz's detail key: the file name without non-word characters (`pythonlogging:''` → `pythonlogging`). */
export function detailKey(fileName: string): string {
  if (fileName !== lastFileName) {
    lastFileName = fileName;
    lastKey = fileName.replace(/[^\p{L}\p{N}_]/gu, '');
  }
  return lastKey;
}
