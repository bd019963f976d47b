import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { FakeUpstreams, startFakeUpstreams } from '../fake-upstream/fake-upstreams';
import { BACKEND } from './backend';
import { launchChromium } from './chromium';
import { bootApp, type BootedApp } from './harness';

/**
 * Screenshots of every view, kept as CI artifacts (README: test-artifacts/screenshots/), a folder per
 * backend: scripts/test.sh runs the two side by side, with the same names.
 */
export const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots', BACKEND);
const ROOT = join(__dirname, '..', '..');
const AXE = join(ROOT, 'node_modules', 'axe-core', 'axe.min.js');

export interface UiSession {
  upstreams: FakeUpstreams;
  s: BootedApp;
  browser: BrowserContext;
  page: Page;
  /** Closes the browser, the app and the fakes. */
  close(): Promise<void>;
}

/**
 * What a browser test runs against: the web UI's build (made when dist/web lacks one), the fake
 * upstreams, the app on them, and Chromium with one page of `viewport`.
 */
export async function startUiSession(opts: {
  viewport: { width: number; height: number };
  flakyJob?: boolean;
  failureRuns?: boolean;
  /** More of the app's environment (ADMIN_TOKEN, …). */
  env?: Record<string, string>;
}): Promise<UiSession> {
  if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) {
    execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.mts'], { cwd: ROOT, stdio: 'ignore' });
  }
  mkdirSync(SHOTS, { recursive: true });
  const upstreams = await startFakeUpstreams({ flakyJob: opts.flakyJob, failureRuns: opts.failureRuns });
  let s: BootedApp | undefined;
  try {
    s = await bootApp({ ...upstreams.env, ...opts.env });
    const { browser, page, close } = await launchChromium(opts.viewport);
    const app = s;
    return {
      upstreams,
      s: app,
      browser,
      page,
      close: async () => {
        await close();
        await app.close();
        await upstreams.close();
      },
    };
  } catch (err) {
    await s?.close();
    await upstreams.close();
    throw err;
  }
}

/** A full-page screenshot of `p` under SHOTS as `<name>.png`. */
export function screenshot(p: Page, name: string): Promise<Buffer> {
  return p.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** axe-core's WCAG 2.x A and AA violations on the page as it is now: each rule id with the elements it found. */
export async function wcagViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    type Violation = { id: string; nodes: { target: string[] }[] };
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
