import { Readable } from 'node:stream';

/**
 * Reads the first `n` bytes of a paused stream without consuming them: `source` yields the whole
 * stream again, `head` is at most `n` bytes (fewer when the stream is shorter).
 */
export function peekBytes(stream: Readable, n: number): Promise<{ head: Buffer; source: Readable }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const cleanup = () => {
      stream.off('readable', onReadable);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onReadable = () => {
      let chunk: Buffer | null;
      while (length < n && (chunk = stream.read() as Buffer | null) !== null) {
        chunks.push(chunk);
        length += chunk.length;
      }
      if (length < n) return;
      cleanup();
      const buffered = Buffer.concat(chunks);
      stream.unshift(buffered);
      resolve({ head: buffered.subarray(0, n), source: stream });
    };
    const onEnd = () => {
      cleanup();
      // Past 'end' a stream takes no unshift: hand back what was read as a new stream.
      const buffered = Buffer.concat(chunks);
      resolve({ head: buffered, source: Readable.from(buffered.length ? [buffered] : [], { objectMode: false }) });
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    stream.on('readable', onReadable);
    stream.on('end', onEnd);
    stream.on('error', onError);
  });
}
