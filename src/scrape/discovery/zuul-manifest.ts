/** A node of zuul-manifest.json's `tree` (written by zuul-jobs' generate-zuul-manifest). */
interface ManifestNode {
  name: string;
  mimetype?: string;
  children?: ManifestNode[];
}

/** The paths (relative to the log root, '/'-separated) of every file in a zuul-manifest.json. */
export function parseZuulManifest(text: string): string[] {
  const doc = JSON.parse(text) as { tree?: unknown };
  if (!doc || !Array.isArray(doc.tree)) throw new Error('zuul-manifest.json has no "tree" array');
  const files: string[] = [];
  const walk = (nodes: ManifestNode[], prefix: string) => {
    for (const node of nodes) {
      if (!node || typeof node.name !== 'string') continue;
      const path = prefix + node.name;
      if (node.mimetype === 'application/directory' || Array.isArray(node.children)) walk(node.children ?? [], path + '/');
      else files.push(path);
    }
  };
  walk(doc.tree as ManifestNode[], '');
  return files;
}
