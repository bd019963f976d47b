import fastifyStatic from '@fastify/static';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { AppConfig } from '../config/app-config';
import { FAVICON_PATH, FAVICON_SVG } from './favicon';
import { preloadLinks, routeModules, type ViteManifest } from './route-preloads';
import { blobPreloads, type SiteArtifacts } from './site-preloads';

const logger = new Logger('ui');

/** Hashed file names change with content, so browsers may keep them forever. */
export const ASSET_CACHE_CONTROL = 'public, max-age=31536000, immutable';
/** index.html names the current hashes: always revalidate it. */
export const INDEX_CACHE_CONTROL = 'no-cache';
/** The UI's routes (docs/api.md, "Web UI routes") answered with index.html; the API paths are left alone. */
export const SPA_ROUTES = ['/', '/go/*', '/s/*', '/c/*', '/f/*', '/help'];

/**
 * The Vite build: dist/web next to the compiled server (dist/src/ui → dist/web), or under the project
 * when run from source (src/ui → dist/web). From source, `../../web` is the UI's *source* folder,
 * whose index.html points at /src/main.tsx: only a folder with built assets counts.
 */
export function defaultWebRoot(): string {
  const candidates = [resolve(__dirname, '../../dist/web'), resolve(__dirname, '../../web')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html')) && existsSync(join(dir, 'assets'))) ?? candidates[0];
}

export type UiLinkConfig = Pick<AppConfig, 'gerritUrl' | 'zuulUrl' | 'zuulTenant'> & Partial<Pick<AppConfig, 'retentionDays'>>;

/**
 * Settings the UI reads from index.html (web/src/link-bases.ts): outbound link bases (without them
 * it links to OpenDev), and RETENTION_DAYS, so a site that is gone can say it may have been purged.
 */
function configMeta(config: UiLinkConfig | undefined): string {
  if (!config) return '';
  const bases = { gerrit: config.gerritUrl, zuul: config.zuulUrl, tenant: config.zuulTenant };
  const content = JSON.stringify(bases).replace(/&/g, '&amp;').replace(/'/g, '&#39;').replace(/</g, '&lt;');
  const retention = config.retentionDays ? `<meta name="stackviz-retention-days" content="${config.retentionDays}" />` : '';
  return `<meta name="stackviz-links" content='${content}' />${retention}`;
}

/**
 * Serves the built UI (`npm run build:web` → dist/web): `/assets/*` immutable, the SPA routes with
 * index.html. Call before `app.init()`. Without a build it only warns, so the API still boots.
 * `siteArtifacts`: a task's artifacts, to name in a task site's index.html the blobs its page reads first.
 */
export function registerUi(
  app: NestFastifyApplication,
  webRoot: string = defaultWebRoot(),
  links?: UiLinkConfig,
  siteArtifacts?: SiteArtifacts,
): boolean {
  const indexPath = join(webRoot, 'index.html');
  if (!existsSync(indexPath)) {
    logger.warn(`no UI build at ${webRoot} (run npm run build:web); serving the API only`);
    return false;
  }
  const index = readFileSync(indexPath, 'utf8').replace('</head>', `${configMeta(links)}</head>`);
  const indexFor = routeIndexes(webRoot, index);
  const fastify = app.getHttpAdapter().getInstance();

  void fastify.register(fastifyStatic, {
    root: join(webRoot, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    // Gives exactly ASSET_CACHE_CONTROL: "public, max-age=31536000, immutable".
    maxAge: '1y',
    immutable: true,
  });

  fastify.get(FAVICON_PATH, (_req, reply) => {
    void reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(FAVICON_SVG);
  });

  for (const url of SPA_ROUTES) {
    fastify.get(url, async (req, reply) => {
      const blobs = siteArtifacts ? await blobPreloads(req.url, siteArtifacts) : '';
      const html = indexFor(req.url);
      return reply
        .header('cache-control', INDEX_CACHE_CONTROL)
        .type('text/html; charset=utf-8')
        .send(blobs ? html.replace('</head>', `${blobs}</head>`) : html);
    });
  }
  // A browser sent to a path no route has (a mistyped link) gets the UI's "Not found" page, still
  // with status 404; API clients, and 404s of routes that exist (an unknown blob), keep the JSON.
  fastify.addHook('onSend', (req, reply, payload, done) => {
    if (reply.statusCode === 404 && req.method === 'GET' && !req.routeOptions.url && acceptsHtml(req.headers.accept)) {
      void reply.header('cache-control', INDEX_CACHE_CONTROL).type('text/html; charset=utf-8');
      done(null, index);
      return;
    }
    done(null, payload);
  });
  return true;
}

/**
 * index.html for a UI path, with preloads for its page's chunks (built once per set of chunks). A
 * build without a manifest gets the plain file: the page still loads its chunks, one after another.
 */
function routeIndexes(webRoot: string, index: string): (url: string) => string {
  const manifestPath = join(webRoot, '.vite', 'manifest.json');
  if (!existsSync(manifestPath)) return () => index;
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as ViteManifest;
  const built = new Map<string, string>();
  return (url) => {
    const modules = routeModules(url);
    const key = modules.join(' ');
    let html = built.get(key);
    if (html === undefined) {
      html = index.replace('</head>', `${preloadLinks(manifest, modules)}</head>`);
      built.set(key, html);
    }
    return html;
  };
}

function acceptsHtml(accept: string | undefined): boolean {
  return accept !== undefined && /(^|,)\s*text\/html\s*(;|,|$)/.test(accept);
}
