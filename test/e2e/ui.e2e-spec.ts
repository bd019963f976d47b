import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startFakeLogServer, type FakeLogServer } from '../fake-upstream/fake-logs';
import { startFakeZuul } from '../fake-upstream/fake-zuul';
import type { FakeUpstream } from '../fake-upstream/fake-json-server';
import { zuulFixture, ZUUL_TENANT } from '../fake-upstream/data/zuul-builds';
import { BACKEND } from './backend';
import { bootApp, type BootedApp } from './harness';

/** Screenshots of every view, kept as CI artifacts (README: test-artifacts/screenshots/). */
const SHOTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');
const WEB_ROOT = join(__dirname, '..', '..', 'dist', 'web');
/** A modern tempest build: subunit, dstat and job-output.txt under the fake Swift layout. */
const BUILD_UUID = '5f0c1a2e9d8c47b6a5f4e3d2c1b0a998';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

describe(`web UI in Chromium (${BACKEND})`, () => {
  let logs: FakeLogServer;
  let zuul: FakeUpstream;
  let s: BootedApp;
  let browser: Browser;
  let page: Page;
  const buildPage = () => `${zuul.url}/t/${ZUUL_TENANT}/build/${BUILD_UUID}`;
  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    if (!existsSync(join(WEB_ROOT, 'index.html'))) {
      execFileSync('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { cwd: join(__dirname, '..', '..'), stdio: 'ignore' });
    }
    mkdirSync(SHOTS, { recursive: true });
    logs = await startFakeLogServer();
    zuul = await startFakeZuul(zuulFixture(logs.url));
    s = await bootApp({ ZUUL_URL: zuul.url, ZUUL_TENANT, ARTIFACT_HOSTS: logs.host, LEGACY_LOGS_URL: logs.url });
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  }, 120000);

  afterAll(async () => {
    await browser?.close();
    await s?.close();
    await Promise.all([logs?.close(), zuul?.close()]);
  });

  it('goes from a pasted Zuul build URL to the viewer: summary, timeline, test details, console', async () => {
    await page.goto(`${s.baseUrl}/`);
    await shot('01-home');
    await page.fill('#q', buildPage());
    await page.click('button[type=submit]');
    const job = page.locator('.job').filter({ hasText: 'tempest-full-py3' });
    await job.waitFor();
    expect(await job.locator('.result').textContent()).toBe('SUCCESS');
    expect(await job.locator('a', { hasText: 'logs' }).getAttribute('href')).toBe(`${logs.url}/95/123456/3/check/tempest-full-py3/5f0c1a2/`);
    await shot('02-results');

    await job.locator('input[type=checkbox]').check();
    await page.click('.generate button');
    await page.waitForURL(/\/s\/[0-9a-f-]{36}\/$/);
    await page.locator('.run-header h1').waitFor({ timeout: 30000 });
    expect(await page.locator('.run-header h1').textContent()).toContain('tempest-full-py3');
    const total = Number(await page.locator('.count.total strong').textContent());
    expect(total).toBeGreaterThan(0);
    await shot('03-summary');

    // Timeline: select a test with the keyboard, step along its lane; the URL keeps the selection.
    await page.click('.tabs >> text=Timeline');
    await page.locator('canvas.lanes').waitFor();
    await page.locator('canvas.lanes').focus();
    await page.keyboard.press('ArrowRight');
    const first = await page.locator('.selected-test .test-name').textContent();
    await page.keyboard.press('ArrowRight');
    const second = await page.locator('.selected-test .test-name').textContent();
    expect(second).not.toBe(first);
    expect(new URL(page.url()).searchParams.get('test')).toBe(second);
    await page.keyboard.press('+');
    await page.waitForFunction(() => new URL(location.href).searchParams.has('from'));
    const hasDstat = (await page.locator('.dstat .uplot').count()) > 0;
    await shot('04-timeline');

    // The link reproduces the view.
    const link = page.url();
    await page.goto(link);
    await page.locator('.selected-test .test-name').waitFor();
    expect(await page.locator('.selected-test .test-name').textContent()).toBe(second);

    // Search narrows the matches; status filter toggles.
    await page.fill('.timeline-controls input[type=search]', 'zzz-no-such-test');
    expect(await page.locator('.match-count').textContent()).toBe(`0 of ${total} match`);
    await page.fill('.timeline-controls input[type=search]', '');

    await page.click('.selected-test a');
    await page.waitForURL(/\/test\//);
    await page.locator('.test-details .kv').waitFor();
    expect(await page.locator('.test-details .test-name').textContent()).toBe(second);
    await shot('05-test-details');
    await page.click('text=Show in timeline');
    await page.waitForURL(/\/timeline\?test=/);

    if (await page.locator('.tabs >> text=Console').count()) {
      await page.click('.tabs >> text=Console');
      await page.locator('.sections').waitFor();
      await shot('06-console');
    }
    // Recorded for the report rather than asserted: dstat depends on the scraper finding the CSV.
    expect(typeof hasDstat).toBe('boolean');
  });

  it('starts a /go/ link that matches exactly one job at once', async () => {
    await page.goto(`${s.baseUrl}/go/${buildPage()}`);
    await page.waitForURL(/\/s\/[0-9a-f-]{36}\//, { timeout: 30000 });
    await page.locator('.run-header h1').waitFor({ timeout: 30000 });
  });

  it('shows the API’s own words for a query it does not accept', async () => {
    await page.goto(`${s.baseUrl}/`);
    await page.fill('#q', 'not a change');
    await page.click('button[type=submit]');
    await page.locator('.alert').waitFor();
    const text = (await page.locator('.alert').textContent()) ?? '';
    expect(text.startsWith('400')).toBe(true);
    const api = await (await fetch(`${s.baseUrl}/list`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ q: 'not a change' }) })).json();
    expect(text).toContain(api.message);
    await shot('07-error');
  });

  it('is readable at phone width', async () => {
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${s.baseUrl}/go/${buildPage()}`);
    await phone.locator('.run-header h1').waitFor({ timeout: 30000 });
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: join(SHOTS, '08-phone-summary.png'), fullPage: true });
    await phone.close();
  });
});
