import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { preloadLinks, routeModules, type ViteManifest } from './route-preloads';
import { ASSET_CACHE_CONTROL, defaultWebRoot, registerUi } from './serve-ui';
import type { SiteArtifacts } from './site-preloads';

@Controller()
class ApiLikeController {
  @Get('health')
  health() {
    return { ok: true };
  }
}

@Module({ controllers: [ApiLikeController] })
class TestModule {}

const links = { gerritUrl: 'http://127.0.0.1:9/gerrit', zuulUrl: 'http://127.0.0.1:9/zuul', zuulTenant: "o'stack", retentionDays: 5 };

async function boot(webRoot: string, siteArtifacts?: SiteArtifacts): Promise<{ app: NestFastifyApplication; served: boolean }> {
  const app = await NestFactory.create<NestFastifyApplication>(TestModule, new FastifyAdapter(), { logger: false });
  const served = registerUi(app, webRoot, links, siteArtifacts);
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, served };
}

describe('defaultWebRoot', () => {
  it('run from source, serves the Vite build, never the UI source folder (its index.html loads /src/main.tsx)', () => {
    expect(defaultWebRoot()).toBe(resolve(__dirname, '../../dist/web'));
  });
});

describe('registerUi', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'ui-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><html><head><title>x</title></head><body><script src="/assets/index-AbC123.js"></script></body></html>',
    );
    writeFileSync(join(root, 'assets', 'index-AbC123.js'), 'console.log(1)');
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('serves index.html (no-cache) on the SPA routes and hashed assets as immutable', async () => {
    const { app, served } = await boot(root);
    try {
      expect(served).toBe(true);
      for (const url of [
        '/',
        '/go/https://review.opendev.org/c/openstack/nova/+/123456/3',
        '/s/0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b/timeline?test=a',
        '/c/0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b/1c2f8d3b-4a5e-4f60-9bac-1d2e3f4a5b6c/',
        '/help',
      ]) {
        const res = await app.inject({ method: 'GET', url });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(res.body).toContain('/assets/index-AbC123.js');
        expect(res.body).toContain(
          `<meta name="stackviz-links" content='{"gerrit":"http://127.0.0.1:9/gerrit","zuul":"http://127.0.0.1:9/zuul","tenant":"o&#39;stack"}' /><meta name="stackviz-retention-days" content="5" /></head>`,
        );
      }
      const icon = await app.inject({ method: 'GET', url: '/favicon.svg' });
      expect(icon.statusCode).toBe(200);
      expect(icon.headers['content-type']).toBe('image/svg+xml');
      expect(icon.body).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const asset = await app.inject({ method: 'GET', url: '/assets/index-AbC123.js' });
      expect(asset.body).toBe('console.log(1)');
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe(ASSET_CACHE_CONTROL);
      expect(asset.body).toBe('console.log(1)');
      expect((await app.inject({ method: 'GET', url: '/assets/missing.js' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('leaves API routes alone and does not turn unknown paths into the UI', async () => {
    const { app } = await boot(root);
    try {
      const health = await app.inject({ method: 'GET', url: '/health' });
      expect(health.json()).toEqual({ ok: true });
      expect((await app.inject({ method: 'GET', url: '/list' })).statusCode).toBe(404);
      expect((await app.inject({ method: 'GET', url: '/blob/x' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });

  it('gives a browser on a path no route has the UI (its Not found page) with status 404; API clients keep the JSON', async () => {
    const { app } = await boot(root);
    const browser = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
    try {
      const page = await app.inject({ method: 'GET', url: '/stackviz/typo', headers: browser });
      expect(page.statusCode).toBe(404);
      expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(page.body).toContain('/assets/index-AbC123.js');
      expect(Number(page.headers['content-length'])).toBe(Buffer.byteLength(page.body));

      const api = await app.inject({ method: 'GET', url: '/stackviz/typo', headers: { accept: '*/*' } });
      expect(api.statusCode).toBe(404);
      expect(api.json()).toMatchObject({ statusCode: 404, error: 'Not Found' });
      expect((await app.inject({ method: 'HEAD', url: '/stackviz/typo', headers: browser })).headers['content-type']).not.toMatch(/html/);
    } finally {
      await app.close();
    }
  });

  it('boots the API without a UI build', async () => {
    const { app, served } = await boot(join(root, 'missing'));
    try {
      expect(served).toBe(false);
      expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });
});

describe('route preloads', () => {
  // The shape of the manifest Vite writes for web/ (dist/web/.vite/manifest.json), cut to four chunks.
  const manifest: ViteManifest = {
    'index.html': { file: 'assets/index-C1rj7v5E.js', isEntry: true, css: ['assets/index-BU7lMei7.css'] },
    '_time-kjTvLaLA.js': { file: 'assets/time-kjTvLaLA.js' },
    'src/pages/site.tsx': { file: 'assets/site-B1nrP3E8.js', imports: ['index.html', '_time-kjTvLaLA.js'] },
    'src/viewer/timeline.tsx': {
      file: 'assets/timeline-loHAFn8O.js',
      imports: ['index.html', 'src/pages/site.tsx', '_time-kjTvLaLA.js'],
      css: ['assets/timeline-CnsZ1jie.css'],
    },
  };

  it("names each route's page chunks and what they import, never the entry", () => {
    expect(routeModules('/s/0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b/')).toEqual(['src/pages/site.tsx']);
    expect(routeModules('/s/0b1e7c2a/timeline?test=a')).toEqual(['src/pages/site.tsx', 'src/viewer/timeline.tsx']);
    expect(routeModules('/s/0b1e7c2a/test/tempest.api.x')).toEqual(['src/pages/site.tsx', 'src/viewer/test-details.tsx']);
    expect(routeModules('/go/https://review.opendev.org/c/x/+/1')).toEqual(['src/pages/home.tsx']);
    expect(routeModules('/c/a/b/')).toEqual(['src/pages/compare.tsx']);
    expect(routeModules('/f/')).toEqual(['src/pages/failures.tsx']);
    expect(routeModules('/f/?pipeline=gate')).toEqual(['src/pages/failures.tsx']);
    expect(routeModules('/f/3f9a0c1d2e4b5a6c')).toEqual(['src/pages/failure.tsx']);
    expect(routeModules('/help')).toEqual(['src/pages/help.tsx']);
    expect(routeModules('/')).toEqual(['src/pages/home.tsx']);
    // the UI answers these with its "Not found": no page's code to preload
    expect(routeModules('/s/0b1e7c2a/constructor')).toEqual([]);
    expect(routeModules('/f/nonsense')).toEqual([]);
    expect(preloadLinks(manifest, routeModules('/s/0b1e7c2a/timeline'))).toBe(
      '<link rel="modulepreload" crossorigin href="/assets/site-B1nrP3E8.js" />' +
        '<link rel="modulepreload" crossorigin href="/assets/time-kjTvLaLA.js" />' +
        '<link rel="modulepreload" crossorigin href="/assets/timeline-loHAFn8O.js" />' +
        '<link rel="preload" as="style" crossorigin href="/assets/timeline-CnsZ1jie.css" />',
    );
  });

  it('adds them to the index.html the service answers a UI route with', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ui-'));
    try {
      mkdirSync(join(root, 'assets'));
      mkdirSync(join(root, '.vite'));
      writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
      writeFileSync(join(root, '.vite', 'manifest.json'), JSON.stringify(manifest));
      const { app } = await boot(root);
      try {
        const summary = (await app.inject({ method: 'GET', url: '/s/0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b/' })).body;
        expect(summary).toContain('href="/assets/site-B1nrP3E8.js"');
        expect(summary).not.toContain('timeline-loHAFn8O.js');
        const timeline = (await app.inject({ method: 'GET', url: '/s/0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b/timeline' })).body;
        expect(timeline).toContain('href="/assets/timeline-loHAFn8O.js" /><link rel="preload" as="style"');
        expect(timeline.indexOf('modulepreload')).toBeLessThan(timeline.indexOf('</head>'));
      } finally {
        await app.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('blob preloads of a task site', () => {
  const TASK = '0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b';
  const artifacts = [
    { id: 'b-raw', artifact_type: 'subunit' },
    { id: 'b-details', artifact_type: 'subunit-details' },
    { id: 'b-stats', artifact_type: 'subunit-stats' },
    { id: 'b-dstat', artifact_type: 'dstat' },
  ];
  const asked: string[] = [];
  // An ended task lists its artifacts; any other uuid is unknown (the service's 404).
  const siteArtifacts: SiteArtifacts = (uuid) => {
    asked.push(uuid);
    return uuid === TASK ? Promise.resolve(artifacts) : Promise.reject(new Error(`no task ${uuid}`));
  };
  const preloaded = (html: string) =>
    [...html.matchAll(/<link rel="preload" as="fetch" crossorigin href="\/blob\/([^"]+)" \/>/g)].map((m) => m[1]);

  it('names in index.html the blobs the page reads first, before </head>, and nothing for other paths or unknown tasks', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ui-'));
    try {
      mkdirSync(join(root, 'assets'));
      writeFileSync(join(root, 'index.html'), '<!doctype html><html><head><title>x</title></head><body></body></html>');
      const { app } = await boot(root, siteArtifacts);
      try {
        const html = async (url: string) => (await app.inject({ method: 'GET', url })).body;
        expect(preloaded(await html(`/s/${TASK}/`))).toEqual(['b-stats']);
        expect(preloaded(await html(`/s/${TASK.toUpperCase()}/timeline?test=a`))).toEqual(['b-raw', 'b-dstat']);
        expect(preloaded(await html(`/s/${TASK}/test/tempest.api.x`))).toEqual(['b-raw', 'b-details']);
        const timeline = await html(`/s/${TASK}/timeline`);
        expect(timeline.indexOf('/blob/b-raw')).toBeLessThan(timeline.indexOf('</head>'));
        asked.length = 0;
        expect(preloaded(await html('/s/1c2f8d3b-4a5e-4f60-9bac-1d2e3f4a5b6c/timeline'))).toEqual([]);
        expect(preloaded(await html(`/s/${TASK}/nonsense`))).toEqual([]);
        // the UI's own route parser says what a path opens: this one is its "Not found"
        expect(preloaded(await html(`/s/${TASK}/timeline/extra`))).toEqual([]);
        // a name every object inherits is no page either (it used to throw: a 500 instead of the UI)
        expect(preloaded(await html(`/s/${TASK}/constructor`))).toEqual([]);
        expect(preloaded(await html('/s/~https%3A%2F%2Fexample.org%2Fconfig.json/timeline'))).toEqual([]);
        expect(preloaded(await html(`/c/${TASK}/${TASK}/`))).toEqual([]);
        // only the task site's path asks for the task
        expect(asked).toEqual(['1c2f8d3b-4a5e-4f60-9bac-1d2e3f4a5b6c']);
      } finally {
        await app.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
