import { takeEarlyResponse } from './early-reads';

const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Fetches a data file as text. The service's blobs arrive already decoded (Content-Encoding: gzip),
 * but a StackViz folder's `*.gz` files are often served as plain bytes: inflate those here.
 */
export async function fetchText(url: string): Promise<string> {
  const res = await (takeEarlyResponse(url) ?? fetch(url));
  if (!res.ok) throw new Error(`${url}: ${res.status} ${res.statusText}`);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1]) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text();
  }
  return new TextDecoder().decode(bytes);
}
