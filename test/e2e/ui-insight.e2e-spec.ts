import type { BrowserContext, Page } from 'playwright-core';
import type { FakeLogServer } from '../fake-upstream/fake-logs';
import type { FakeUpstream } from '../fake-upstream/fake-json-server';
import { FLAKY_CHANGE, FLAKY_JOB, FLAKY_TEST_PREFIX, flakyRun } from '../fake-upstream/data/flaky-job';
import { ZUUL_TENANT } from '../fake-upstream/data/zuul-builds';
import { BACKEND } from './backend';
import { postJson, waitForTask, type BootedApp } from './harness';
import { titleOnceSet } from './chromium';
import { screenshot, startUiSession, type UiSession } from './ui-session';

const STEP_MS = 30000;
const test = (name: string) => FLAKY_TEST_PREFIX + name;

describe(`flake insight and compare in Chromium (${BACKEND})`, () => {
  let ui: UiSession;
  let logs: FakeLogServer;
  let zuul: FakeUpstream;
  let s: BootedApp;
  let browser: BrowserContext;
  let page: Page;
  let site = '';

  const shot = (name: string) => screenshot(page, name);
  /** A failure's row under its cause, found by the link to its details. */
  const failureRow = (name: string) =>
    page.locator('.cause-tests li', { has: page.locator(`a.test-link[href$="/test/${encodeURIComponent(test(name))}"]`) });

  beforeAll(async () => {
    ui = await startUiSession({ viewport: { width: 1280, height: 900 }, flakyJob: true });
    ({ s, browser, page } = ui);
    ({ logs, zuul } = ui.upstreams);
    const { body: list } = await postJson(s.baseUrl, '/list', { q: `${zuul.url}/t/${ZUUL_TENANT}/build/${flakyRun('t').uuid}` });
    const { body: scraped } = await postJson(s.baseUrl, '/scrape', list.results[0]);
    await waitForTask(s.baseUrl, scraped.uuid);
    site = `${s.baseUrl}/s/${scraped.uuid}/`;
  }, 60000);

  afterAll(() => ui?.close());

  it('summary: “Is it my change?” checks other runs, shows progress, then a verdict with its counts on every failure', async () => {
    await page.goto(site);
    await page.locator('.run-header h1').waitFor({ timeout: STEP_MS });
    expect(await page.locator('.causes h2').textContent()).toBe('Failures by cause (5 causes, 8 failures)');
    const ask = page.locator('button.insight-ask');
    expect(await ask.textContent()).toBe('Is it my change? Check 20 other runs');
    expect(await page.locator('.verdict').count()).toBe(0);
    await shot('20-insight-button');

    await ask.click();
    // Progress while the other runs are scraped (done of total), then the tally.
    const seen = await page.locator('.insight-progress, .insight-done').first().textContent({ timeout: STEP_MS });
    expect(seen).toMatch(/Checked \d+ of 11 other runs…|Checked 10 other runs/);
    await page.locator('.insight-done').waitFor({ timeout: STEP_MS });
    expect(await page.locator('.insight-done').innerText()).toMatch(/^Checked 10 other runs \(1 could not be read\):/);
    expect(await page.locator('.insight-done .verdict').allTextContents()).toEqual(['1 new', '2 flaky', '1 broken', '4 unknown']);
    // What each means, in words a phone shows too (no hover there).
    expect(await page.locator('.verdict-legend').innerText()).toMatch(
      /^new: at least 3 runs on other changes ran it and it failed in none: likely caused by this change; flaky: .*; broken: .*; unknown: no other run tells, or too few do\.$/,
    );
    // Fewer runs than asked for, and the run that could not be read, named with its reason.
    expect(await page.locator('.insight-found').innerText()).toBe(
      `Found 11 of the 20 other runs asked for: this change's other runs and Zuul's recent builds of ${FLAKY_JOB} hold no more.`,
    );
    const unreadable = page.locator('.insight-unreadable li');
    expect(await unreadable.allInnerTexts()).toEqual([
      `change 700009, patch set 1 (check): the logs at ${logs.url}${flakyRun('expired').logPath} are gone (404): OpenDev expires build logs after some weeks, so this build can no longer be scraped`,
    ]);
    expect(await unreadable.locator('a').getAttribute('href')).toBe(logs.url + flakyRun('expired').logPath);

    const verdictOf = async (name: string) => (await failureRow(name).locator('.verdict').textContent())?.trim();
    const countsOf = async (name: string) => (await failureRow(name).locator('.verdict-line').innerText()).replace(/\s+/g, ' ');
    expect(await verdictOf('BrokenTest.test_broken_everywhere')).toBe('broken');
    expect(await verdictOf('FlakyTest.test_flaky_some')).toBe('flaky');
    expect(await verdictOf('MineTest.test_mine')).toBe('new');
    expect(await verdictOf('RecheckTest.test_recheck_pass')).toBe('flaky');
    expect(await verdictOf('OnlyHereTest.test_only_here')).toBe('unknown');
    expect(await verdictOf('RareTest.test_rare_failure')).toBe('unknown');
    // The counts beside each verdict.
    expect(await countsOf('BrokenTest.test_broken_everywhere')).toContain(
      'broken failed in 8 of 8 runs on 8 other changes, same cause in 8',
    );
    expect(await countsOf('FlakyTest.test_flaky_some')).toContain('failed in 2 of 8 runs on 8 other changes, same cause in 1');
    expect(await countsOf('RareTest.test_rare_failure')).toContain(
      'unknown failed in 1 of 1 run elsewhere, same cause in 1: too few to tell',
    );
    expect(await countsOf('FewRunsTest.test_passed_twice')).toContain('unknown failed in 0 of 2 runs on 2 other changes: too few to tell');
    expect(await countsOf('RecheckTest.test_recheck_pass')).toContain('passed on a recheck of this patch set');
    const last = failureRow('BrokenTest.test_broken_everywhere').locator('.verdict-line a.last-failed');
    // Which run: its pipeline and patch set beside the change.
    expect(await last.textContent()).toBe('last failed on change 700008 (check · patch set 2)');
    expect(await last.getAttribute('href')).toMatch(
      new RegExp(`^/s/[0-9a-f-]{36}/test/${encodeURIComponent(test('BrokenTest.test_broken_everywhere')).replace(/\./g, '\\.')}$`),
    );
    await failureRow('MineTest.test_mine').scrollIntoViewIfNeeded();
    await shot('21-insight-verdicts');

    // The insight is in the URL: a reload, even in a browser that remembers nothing, shows the verdicts again.
    const withInsight = page.url();
    expect(withInsight).toMatch(new RegExp(`^${site.replace(/\./g, '\\.')}\\?insight=[0-9a-f-]{36}$`));
    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(withInsight);
    await phone.locator('.insight-unreadable').waitFor({ timeout: STEP_MS });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, '26-insight-phone');
    await phone.close();
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.locator('.insight-done').waitFor({ timeout: STEP_MS });
    expect(await failureRow('MineTest.test_mine').locator('.verdict').textContent()).toBe('new');
    expect(page.url()).toBe(withInsight);
    // The test's own page says it too, and keeps the insight in its URL.
    await failureRow('MineTest.test_mine').locator('a.test-link').click();
    await page.locator('.test-details .verdict-line').waitFor();
    expect(await page.locator('.test-details .verdict').textContent()).toBe('new');
    // the URL follows the page, a render later
    await page.waitForURL((u) => u.search.includes(`insight=${withInsight.split('insight=')[1]}`), { timeout: STEP_MS });
    expect(await titleOnceSet(page, `MineTest.test_mine · ${FLAKY_JOB} · nova ${FLAKY_CHANGE},2 · StackViz`)).toBe(
      `MineTest.test_mine · ${FLAKY_JOB} · nova ${FLAKY_CHANGE},2 · StackViz`,
    );

    // A link without it, in a browser that remembers nothing: asking again finds the finished insight at once.
    await page.evaluate(() => localStorage.clear());
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/failures/') && asked.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.goto(site);
    await page.locator('button.insight-ask').click();
    await page.locator('.insight-done').waitFor({ timeout: STEP_MS });
    expect(await page.locator('.insight-done .verdict').allTextContents()).toEqual(['1 new', '2 flaky', '1 broken', '4 unknown']);
    await page.waitForURL(withInsight);

    // Each verdict links where else its cause was seen, as its cause's header does, from the page's one counts request.
    const broken = failureRow('BrokenTest.test_broken_everywhere');
    const rowSeen = broken.locator('.verdict-line .cause-seen');
    const causeSeen = page.locator('.cause', { has: broken }).locator('.cause-head .cause-seen');
    // (the flaky job's runs are older than the 7 days counted: "where else?" on every cause)
    await rowSeen.waitFor({ timeout: STEP_MS });
    expect(await rowSeen.textContent()).toBe(await causeSeen.textContent());
    const href = await rowSeen.getAttribute('href');
    expect(href).toMatch(/^\/f\/[0-9a-f]{16}$/);
    expect(href).toBe(await causeSeen.getAttribute('href'));
    expect(await page.locator('.verdict-line .cause-seen').count()).toBe(await page.locator('.verdict-line').count());
    expect(asked).toEqual(['POST /failures/counts']);
    await rowSeen.click();
    await page.locator('.failure-detail').waitFor({ timeout: STEP_MS });
    expect(new URL(page.url()).pathname).toBe(href);
  }, 90000);

  it('“Compare with…” lists the job’s other runs on the change; picking one opens the comparison, new failures first', async () => {
    await page.goto(site);
    await page.locator('.compare-with summary').click();
    const choice = page.locator('.other-runs button', { hasText: 'patch set 2' });
    await choice.first().waitFor({ timeout: STEP_MS });
    // Every other run of the job on the change, newest first: the recheck of patch set 2, then patch set 1.
    expect(await page.locator('.other-runs button').allTextContents()).toEqual([
      expect.stringMatching(/^patch set 2 · check · FAILURE · 2024-03-01 14:\d\d UTC$/),
      expect.stringMatching(/^patch set 1 · check · FAILURE · 2024-02-28 08:\d\d UTC$/),
    ]);
    await shot('22-compare-with');
    await choice.first().click();
    await page.waitForURL(/\/c\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/$/, { timeout: STEP_MS });
    await page.locator('.compare-counts').waitFor({ timeout: STEP_MS });

    const counts = await page.locator('.compare-counts .count').allInnerTexts();
    expect(counts.map((c) => c.replace(/\s+/g, ' ').trim())).toEqual([
      '1 new failure',
      '1 fixed',
      '4 still failing',
      '1 slower',
      '1 faster',
      '3 added',
      '1 removed',
      '12 unchanged',
    ]);
    expect(await page.locator('.compare-section h2').allTextContents()).toEqual([
      'New failures (1)',
      'Fixed (1)',
      'Still failing (4)',
      'Slower (1)',
      'Faster (1)',
      'Added (3)',
      'Removed (1)',
    ]);
    const newFailure = page.locator('#new_failure li').first();
    expect(await newFailure.locator('.test-name').textContent()).toBe(test('RecheckTest.test_recheck_pass'));
    const [baseUuid, headUuid] = /\/c\/([^/]+)\/([^/]+)\//.exec(page.url())!.slice(1);
    expect(headUuid).toBe(/\/s\/([^/]+)\//.exec(site)![1]);
    expect(await newFailure.locator('a', { hasText: 'base' }).getAttribute('href')).toBe(
      `/s/${baseUuid}/test/${encodeURIComponent(test('RecheckTest.test_recheck_pass'))}`,
    );
    expect(await newFailure.locator('a', { hasText: 'head' }).getAttribute('href')).toBe(
      `/s/${headUuid}/test/${encodeURIComponent(test('RecheckTest.test_recheck_pass'))}`,
    );
    expect(await page.locator('#slower .duration-change').textContent()).toBe('1.00s → 10.0s (10×)');
    expect(await titleOnceSet(page, `Compare · ${FLAKY_JOB} · check · ${FLAKY_CHANGE},2 · StackViz`)).toBe(
      `Compare · ${FLAKY_JOB} · check · ${FLAKY_CHANGE},2 · StackViz`,
    );
    // Each side named with its pipeline and patch set: two runs of one job told apart.
    expect(await page.locator('.compared-run a').allTextContents()).toEqual([
      `${FLAKY_JOB} · check · ${FLAKY_CHANGE},2`,
      `${FLAKY_JOB} · check · ${FLAKY_CHANGE},2`,
    ]);
    expect(await page.locator('#added .side').first().textContent()).toBe('not in base');
    await shot('23-compare');
    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(page.url());
    await phone.locator('.compare-counts').waitFor({ timeout: STEP_MS });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(phone, '25-compare-phone');
    await phone.close();

    // The test's details on the head side.
    await newFailure.locator('a', { hasText: 'head' }).click();
    await page.locator('.test-details .test-name').waitFor();
    expect(await page.locator('.test-details .test-name').textContent()).toBe(test('RecheckTest.test_recheck_pass'));
  }, 90000);

  it('compares with a pasted Zuul build page or log URL: looks the run up, scrapes it, waits, then compares', async () => {
    const zuulBuild = `${zuul.url}/t/${ZUUL_TENANT}/build/${flakyRun('o1').uuid}`;
    await page.goto(site);
    await page.locator('.compare-with summary').click();
    await page.fill('.compare-with input', zuulBuild);
    await shot('27-compare-with-zuul-link');
    await page.click('.compare-with button[type=submit]');
    await page.waitForURL(/\/c\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/$/, { timeout: STEP_MS });
    await page.locator('.compare-counts').waitFor({ timeout: STEP_MS });
    const [base, head] = /\/c\/([^/]+)\/([^/]+)\//.exec(page.url())!.slice(1);
    expect(head).toBe(/\/s\/([^/]+)\//.exec(site)![1]);
    const baseTask = await postJson(s.baseUrl, '/task', { id: base });
    expect(baseTask.body).toMatchObject({ url: logs.url + flakyRun('o1').logPath, scope: 'full', name: FLAKY_JOB });
    const { change: baseChange, patchset: basePs } = flakyRun('o1');
    expect(await page.locator('.compared-run a').first().textContent()).toBe(`${FLAKY_JOB} · check · ${baseChange},${basePs}`);
    await shot('28-compare-from-zuul-link');

    // Its log URL names the same run: the same task, no second scrape.
    await page.goto(site);
    await page.locator('.compare-with summary').click();
    await page.fill('.compare-with input', logs.url + flakyRun('o1').logPath);
    await page.click('.compare-with button[type=submit]');
    await page.waitForURL(new RegExp(`/c/${base}/${head}/$`), { timeout: STEP_MS });

    // A link that names a run that cannot be scraped, or nothing at all, says why in words.
    await page.goto(site);
    await page.locator('.compare-with summary').click();
    await page.fill('.compare-with input', 'https://github.com/openstack/nova/pull/1');
    await page.click('.compare-with button[type=submit]');
    await page.locator('.compare-with .alert').waitFor({ timeout: STEP_MS });
    expect(await page.locator('.compare-with .alert').textContent()).toMatch(/GitHub/);
    expect(new URL(page.url()).pathname).toBe(new URL(site).pathname);
  }, 60000);

  it('compares with a pasted site link, and says why when a run has no test results', async () => {
    const consoleOnly = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl('consoleOnly') });
    await waitForTask(s.baseUrl, consoleOnly.body.uuid);
    await page.goto(site);
    await page.locator('.compare-with summary').click();
    await page.fill('.compare-with input', `${s.baseUrl}/s/${consoleOnly.body.uuid}/console`);
    await page.click('.compare-with button[type=submit]');
    await page.waitForURL(new RegExp(`/c/${consoleOnly.body.uuid}/`));
    await page.locator('.progress .alert').waitFor({ timeout: STEP_MS });
    expect(await page.locator('.progress .alert').textContent()).toBe(
      `base task ${consoleOnly.body.uuid} has no test results: its logs had no subunit stream, JUnit report or StackViz site`,
    );
    expect(await titleOnceSet(page, 'Cannot compare · StackViz')).toBe('Cannot compare · StackViz');
    await shot('24-compare-no-results');
  }, 60000);
});
