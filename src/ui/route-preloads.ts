/**
 * `<link>` preloads for the chunks a UI route runs, added to the index.html served on that route: the
 * browser fetches the page's code with the entry instead of after it (docs/architecture.md, "The web UI's first paint").
 */

import { routeOfUrl, type ViewerPage } from './ui-routes';

/** One chunk of Vite's build manifest (`dist/web/.vite/manifest.json`), keyed by source path. */
export interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}
export type ViteManifest = Record<string, ManifestChunk>;

/** The viewer's pages with a chunk of their own (web/src/viewer/views.ts). */
const VIEW_MODULES: Record<Exclude<ViewerPage, 'summary'>, string> = {
  timeline: 'src/viewer/timeline.tsx',
  test: 'src/viewer/test-details.tsx',
  console: 'src/viewer/console.tsx',
  resources: 'src/viewer/resources.tsx',
};

/**
 * The source modules a route's page is made of (web/src/app.tsx's lazy pages), as the manifest names
 * them; none for a path the UI answers with its "Not found".
 */
export function routeModules(url: string): string[] {
  const route = routeOfUrl(url);
  switch (route.kind) {
    case 'site':
      return route.page === 'summary' ? ['src/pages/site.tsx'] : ['src/pages/site.tsx', VIEW_MODULES[route.page]];
    case 'compare':
      return ['src/pages/compare.tsx'];
    case 'help':
      return ['src/pages/help.tsx'];
    case 'failures':
      return ['src/pages/failures.tsx'];
    case 'failure':
      return ['src/pages/failure.tsx'];
    case 'home':
    case 'go':
      return ['src/pages/home.tsx'];
    case 'not-found':
      return [];
  }
}

/** Preload links for `modules` and every chunk they import, but the entry (index.html loads it already). */
export function preloadLinks(manifest: ViteManifest, modules: readonly string[]): string {
  const scripts = new Set<string>();
  const styles = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || chunk.isEntry || scripts.has(chunk.file)) return;
    scripts.add(chunk.file);
    chunk.css?.forEach((f) => styles.add(f));
    chunk.imports?.forEach(visit);
  };
  modules.forEach(visit);
  return [
    ...[...scripts].map((f) => `<link rel="modulepreload" crossorigin href="/${f}" />`),
    ...[...styles].map((f) => `<link rel="preload" as="style" crossorigin href="/${f}" />`),
  ].join('');
}
