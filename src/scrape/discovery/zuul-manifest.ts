import { isSafePathSegment } from './artifact-rules';

/**
 * A build's manifest lists thousands of files, not hundreds of thousands: one that lists more than
 * this is an accident or an attack, and is not read further.
 */
export const MAX_MANIFEST_ENTRIES = 200_000;
/** Log trees are a few folders deep; this leaves ample room. */
export const MAX_MANIFEST_DEPTH = 32;

/** A node of zuul-manifest.json's `tree` (written by zuul-jobs' generate-zuul-manifest). */
interface ManifestNode {
  name: string;
  mimetype?: string;
  children?: unknown;
}

/** Why a manifest was not used; its message ends up in the task's warnings. */
export class ManifestRefused extends Error {}

/**
 * The paths (relative to the log root, '/'-separated) of every file in a zuul-manifest.json.
 * Entries whose name is not one plain path segment (empty, `.`, `..`, or holding a `/`, as
 * `../../x` or `https://elsewhere/x` would) are skipped: a manifest only names files below the
 * build's own folder. Bounded by MAX_MANIFEST_ENTRIES and MAX_MANIFEST_DEPTH, walked without recursion.
 */
export function parseZuulManifest(text: string): string[] {
  const doc = JSON.parse(text) as { tree?: unknown };
  if (!doc || !Array.isArray(doc.tree)) throw new Error('zuul-manifest.json has no "tree" array');
  const files: string[] = [];
  // Depth first in document order, with an explicit stack: one level per open folder.
  const stack: { nodes: unknown[]; next: number; prefix: string }[] = [{ nodes: doc.tree, next: 0, prefix: '' }];
  let entries = 0;
  while (stack.length > 0) {
    const level = stack[stack.length - 1];
    if (level.next >= level.nodes.length) {
      stack.pop();
      continue;
    }
    const node = level.nodes[level.next++];
    if (++entries > MAX_MANIFEST_ENTRIES) throw new ManifestRefused(`zuul-manifest.json lists more than ${MAX_MANIFEST_ENTRIES} entries`);
    if (!isManifestNode(node) || !isSafePathSegment(node.name)) continue;
    const path = level.prefix + node.name;
    if (node.mimetype !== 'application/directory' && !Array.isArray(node.children)) {
      files.push(path);
      continue;
    }
    if (stack.length >= MAX_MANIFEST_DEPTH)
      throw new ManifestRefused(`zuul-manifest.json nests folders more than ${MAX_MANIFEST_DEPTH} deep`);
    stack.push({ nodes: Array.isArray(node.children) ? node.children : [], next: 0, prefix: path + '/' });
  }
  return files;
}

function isManifestNode(node: unknown): node is ManifestNode {
  return typeof node === 'object' && node !== null && typeof (node as ManifestNode).name === 'string';
}
