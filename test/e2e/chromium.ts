import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium, headless, with nothing that phones home: for the browser tests. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The page's title, waiting (a few seconds at most) for it to become `expected`: a view sets its
 * title in an effect after it renders, so reading it at once races the render.
 */
export async function titleOnceSet(page: Page, expected: string): Promise<string> {
  await page.waitForFunction((t: string) => document.title === t, expected, { timeout: 5000 }).catch(() => undefined);
  return page.title();
}

/** Chromium with a fresh profile, one page open; `close` removes the profile too. */
export async function launchChromium(viewport: {
  width: number;
  height: number;
}): Promise<{ browser: BrowserContext; page: Page; close(): Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), 'svtest-chromium-'));
  const browser = await chromium.launchPersistentContext(profile, { executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, viewport });
  const page = browser.pages()[0] ?? (await browser.newPage());
  page.setDefaultTimeout(10000);
  return {
    browser,
    page,
    close: async () => {
      await browser.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
