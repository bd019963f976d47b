import type { BrowserContext, Page, Request } from 'playwright-core';
import type { FakeLogServer, LogPathName } from '../fake-upstream/fake-logs';
import type { FakeUpstream } from '../fake-upstream/fake-json-server';
import { PYTEST_CHANGE, PYTEST_JOB, pytestRun } from '../fake-upstream/data/pytest-job';
import { postFailureNoLogsEntry } from '../fake-upstream/data/errored-builds';
import { ZUUL_TENANT } from '../fake-upstream/data/zuul-builds';
import { BACKEND } from './backend';
import { titleOnceSet } from './chromium';
import { postJson, waitForTask, type BootedApp } from './harness';
import { screenshot, startUiSession, type UiSession } from './ui-session';

const STEP_MS = 30000;
const PHONE = { width: 390, height: 844 };

/**
 * Runs whose views used to mislead or end nowhere: JUnit-only jobs (with and without times), memory
 * trackers whose dates are in another locale's form, a build that left nothing readable, and a
 * Jenkins console whose failure sits in an unmarked build step. Each view on a desktop and a phone.
 */
describe(`viewer answers in Chromium (${BACKEND})`, () => {
  let ui: UiSession;
  let logs: FakeLogServer;
  let zuul: FakeUpstream;
  let s: BootedApp;
  let browser: BrowserContext;
  let page: Page;

  const shot = (name: string, p: Page = page) => screenshot(p, name);
  const text = async (selector: string, p: Page = page) => ((await p.locator(selector).first().innerText()) ?? '').trim();
  const noSidewaysScroll = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  /** Scrapes a fake build with the Entry fields given (as /list would give them) and returns its site's URL. */
  async function site(name: LogPathName, entry: Record<string, unknown> = {}): Promise<string> {
    const res = await postJson(s.baseUrl, '/scrape', { url: logs.logUrl(name), ...entry });
    expect(res.status).toBe(202);
    await waitForTask(s.baseUrl, res.body.uuid);
    return `${s.baseUrl}/s/${res.body.uuid}/`;
  }

  /** The same view at phone width: nothing scrolls sideways; its screenshot. */
  async function onPhone(url: string, ready: string, name: string): Promise<void> {
    const phone = await browser.newPage();
    await phone.setViewportSize(PHONE);
    phone.setDefaultTimeout(10000);
    await phone.goto(url);
    await phone.locator(ready).first().waitFor({ timeout: STEP_MS });
    expect(await noSidewaysScroll(phone)).toBeLessThanOrEqual(0);
    await shot(name, phone);
    await phone.close();
  }

  beforeAll(async () => {
    ui = await startUiSession({ viewport: { width: 1280, height: 800 } });
    ({ s, browser, page } = ui);
    ({ logs, zuul } = ui.upstreams);
  }, 60000);

  afterAll(() => ui?.close());

  it('a JUnit report with durations only: summary with failures by cause, a timeline laid end to end, test details', async () => {
    const url = await site('junitUntimed', { name: 'tempest-junit', status: 'FAILURE' });
    await page.goto(url);
    await page.locator('.run-header h1').waitFor({ timeout: STEP_MS });
    expect(await page.locator('.no-results').count()).toBe(0);
    expect(await text('.results .headline')).toBe('38 failures from 3 causes in 61 tests');
    expect(await page.locator('.cause .cause-count').allTextContents()).toEqual(['18×', '12×', '8×']);
    expect(await page.locator('.tabs .tab').allTextContents()).toEqual(['Summary', 'Timeline', 'Test details', 'Console']);
    expect(await text('.results .kv')).toMatch(
      /Test time\s+[\d.]+s \(the tests' durations added up\)\s+Started\s+not in the report, which gives durations only/,
    );
    await shot('40-junit-untimed-summary');
    await onPhone(url, '.causes', '41-junit-untimed-summary-phone');

    await page.click('.tabs >> text=Timeline');
    await page.locator('canvas.lanes').waitFor();
    expect(await text('.durations-note')).toMatch(
      /^This report gives each test's duration but not when it ran: the tests are laid end to end/,
    );
    expect(await text('.match-count')).toBe('61 tests');
    await page.locator('.lanes-focus, canvas.lanes').first().focus();
    await page.keyboard.press('ArrowRight');
    await page.locator('.selected-test .test-name').waitFor();
    expect(await text('.selected-test .kv')).toMatch(/Start\s+\+0ms after the first test, the durations before it added up/);
    await shot('42-junit-untimed-timeline');
    await onPhone(`${url}timeline`, 'canvas.lanes', '43-junit-untimed-timeline-phone');

    await page.click('.tabs >> text=Summary');
    await page.locator('.cause-tests a.test-link').first().click();
    await page.locator('.test-details .test-name').waitFor();
    expect(await page.locator('.att-tabs [role=tab]').allTextContents()).toEqual(['traceback']);
    expect(await text('.test-details .kv')).toMatch(/Start\s+\+[\d.]+m?s after the first test/);
    await shot('44-junit-untimed-test-details');
  }, 90000);

  it('a pytest JUnit job: 15 failures by cause, the timeline, details; compared with its first patch set; insight from the job’s other runs', async () => {
    const { body: list } = await postJson(s.baseUrl, '/list', { q: `${zuul.url}/t/${ZUUL_TENANT}/build/${pytestRun('t').uuid}` });
    const { body: scraped } = await postJson(s.baseUrl, '/scrape', list.results[0]);
    await waitForTask(s.baseUrl, scraped.uuid);
    const url = `${s.baseUrl}/s/${scraped.uuid}/`;
    await page.goto(url);
    await page.locator('.causes').waitFor({ timeout: STEP_MS });
    expect(await text('.run-header h1')).toMatch(new RegExp(`^${PYTEST_JOB}\\s*FAILURE$`));
    expect(await text('.results .headline')).toBe('15 failures from 5 causes in 118 tests');
    // the summary paints from subunit-stats first; the success count follows once the test list is read
    await page.locator('.counts .count', { hasText: 'success' }).waitFor({ timeout: STEP_MS });
    expect(await page.locator('.counts .count').allInnerTexts()).toEqual(['118 tests', '99 success', '15 fail', '4 skip']);
    expect(await page.locator('.cause .cause-count').allTextContents()).toEqual(['5×', '4×', '3×', '2×', '1×']);
    expect(await page.locator('.cause').nth(1).locator('.cause-tests li').count()).toBe(4);
    expect(await text('.cause:nth-of-type(2) .cause-traceback')).toContain('AssertionError: usage of project');
    expect(await page.locator('.skips li').count()).toBe(4);
    // A JUnit report names no workers: once the test list is read, the summary does not claim "0 workers".
    await page.locator('.summary-grid [aria-busy="true"]').waitFor({ state: 'detached', timeout: STEP_MS });
    expect(await page.locator('.results .kv dt').allTextContents()).toEqual(['Run time', 'Started']);
    await shot('45-junit-pytest-summary');
    await onPhone(url, '.causes', '46-junit-pytest-summary-phone');

    await page.click('.tabs >> text=Timeline');
    await page.locator('canvas.lanes').waitFor();
    expect(await text('.match-count')).toBe('118 tests');
    expect(await page.locator('.durations-note').count()).toBe(0);
    await page.click('.status-filter button:text-is("fail")');
    expect(await text('.match-count')).toBe('15 of 118 match');
    await page.locator('.timeline-controls input[type=search]').press('Enter');
    expect(await text('.selected-test .status')).toBe('fail');
    expect(await text('.selected-test .kv')).toMatch(/Start\s+\d\d:\d\d:\d\d\.\d{3}/);
    await shot('47-junit-pytest-timeline');
    await onPhone(`${url}timeline`, 'canvas.lanes', '48-junit-pytest-timeline-phone');

    await page.goto(`${url}test/${encodeURIComponent('blockstore.tests.unit.test_quota.TestRelease.test_release_all')}`);
    await page.locator('.test-details .attachment, .test-details .traceback').first().waitFor();
    expect(await text('.test-details')).toContain('AssertionError: usage of project');
    await shot('49-junit-pytest-test-details');

    // Compare with patch set 1: the Compare with… list offers it
    await page.goto(url);
    await page.locator('.compare-with summary').click();
    const choice = page.locator('.other-runs button', { hasText: 'patch set 1' });
    await choice.first().waitFor({ timeout: STEP_MS });
    await choice.first().click();
    await page.waitForURL(/\/c\/[0-9a-f-]{36}\/[0-9a-f-]{36}\/$/, { timeout: STEP_MS });
    await page.locator('.compare-counts').waitFor({ timeout: STEP_MS });
    expect(await page.locator('.compare-section h2').allTextContents()).toEqual(
      expect.arrayContaining(['New failures (4)', 'Still failing (11)']),
    );
    expect(await titleOnceSet(page, `Compare · ${PYTEST_JOB} · check · ${PYTEST_CHANGE},2 · StackViz`)).toBe(
      `Compare · ${PYTEST_JOB} · check · ${PYTEST_CHANGE},2 · StackViz`,
    );
    await shot('50-junit-pytest-compare');
    await onPhone(page.url(), '.compare-counts', '51-junit-pytest-compare-phone');

    // Is it my change? The job's runs on other changes answer
    await page.goto(url);
    await page.locator('button.insight-ask').click({ timeout: STEP_MS });
    await page.locator('.insight-done').waitFor({ timeout: 60000 });
    const verdict = (name: string) =>
      page
        .locator('.cause-tests li', {
          has: page.locator(`a.test-link[href$="/test/${encodeURIComponent(`blockstore.tests.unit.${name}`)}"]`),
        })
        .locator('.verdict');
    expect(await verdict('test_api_client.TestSession.test_connect').textContent()).toBe('broken');
    expect(await verdict('test_quota.TestRelease.test_release_all').textContent()).toBe('new');
    expect(await verdict('test_volumes.TestWaitForStatus.test_create_and_wait').textContent()).toBe('flaky');
    await shot('52-junit-pytest-insight');
    await onPhone(url, '.insight-done', '53-junit-pytest-insight-phone');
  }, 150000);

  it('a memory tracker whose date prints a 12-hour clock: every low point, with its time', async () => {
    const url = await site('memoryTracker12h', { name: 'tempest-full-py3', status: 'SUCCESS' });
    await page.goto(`${url}resources`);
    await page.locator('.memory-low-points').waitFor({ timeout: STEP_MS });
    const rows = page.locator('.memory-low-points tbody tr');
    expect(await rows.count()).toBe(12);
    expect((await rows.locator('td:first-child').allTextContents()).slice(0, 5)).toEqual([
      '11:42:20',
      '11:44:40',
      '11:51:00',
      '12:00:40',
      '12:06:40',
    ]);
    expect(await page.locator('text=never fell').count()).toBe(0);
    await shot('54-memory-12h-resources');
    await onPhone(`${url}resources`, '.memory-low-points', '55-memory-12h-resources-phone');
  }, 60000);

  it('low points the service cannot place in time are listed as such, never "memory never fell"', async () => {
    const url = await site('memoryTrackerUnplaced', { name: 'tempest-full-py3', status: 'SUCCESS' });
    await page.goto(`${url}resources`);
    await page.locator('.memory-low-points').waitFor({ timeout: STEP_MS });
    expect(await page.locator('text=never fell').count()).toBe(0);
    expect(await page.locator('.memory-low-points tbody tr.unplaced').count()).toBe(12);
    expect(await text('.memory-low-points tbody tr.unplaced td')).toBe('time unknown');
    expect(await text('.memory-low-points .unplaced-note')).toMatch(
      /^12 low points could not be placed in time: the tracker's date line \(2026年 11月 27日 金曜日 09:40:38 UTC\) is in a form this service does not read/,
    );
    expect(await text('.warnings')).toMatch(/12 low points could not be placed in time/);
    await shot('56-memory-unplaced-resources');
    await onPhone(`${url}resources`, '.memory-low-points', '57-memory-unplaced-resources-phone');
    await page.click('.tabs >> text=Timeline');
    await page.locator('canvas.lanes').waitFor();
    expect(await text('.timeline-canvases .unplaced-note')).toBe('12 memory low points could not be placed in time; Resources lists them.');
    await shot('58-memory-unplaced-timeline');
  }, 60000);

  it('a POST_FAILURE build that left only zuul-info: its Entry, the error in words, what POST_FAILURE means, links and no Retry', async () => {
    const entry = postFailureNoLogsEntry(logs.logUrl('postFailureNoLogs'));
    const url = await site('postFailureNoLogs', entry);
    const asked: string[] = [];
    const ask = (r: Request) => /^\/(task|status)$/.test(new URL(r.url()).pathname) && asked.push(new URL(r.url()).pathname);
    page.on('request', ask);
    await page.goto(url);
    await page.locator('.errored-task').waitFor({ timeout: STEP_MS });
    page.off('request', ask);
    // The ended task's /task answer carries its error: nothing more is asked for.
    expect(asked).toEqual(['/task']);
    expect(await text('.run-header h1')).toMatch(/^nova-next\s*POST_FAILURE$/);
    expect(await page.locator('.run-meta a', { hasText: 'change 123456,3' }).count()).toBe(1);
    expect(await text('.errored-task h2')).toBe('This site could not be generated');
    expect(await text('.errored-task .error-words')).toMatch(/^The job's logs hold nothing this service reads/);
    expect(await text('.errored-task .error-message')).toBe(
      `no subunit or console artifact found under ${logs.logUrl('postFailureNoLogs')}`,
    );
    expect(await text('.errored-task .meaning')).toMatch(/^POST_FAILURE usually means: a post-run step failed after the job itself ran/);
    expect(await page.locator('.errored-task button').count()).toBe(0);
    expect(await page.locator('.look-instead a', { hasText: 'its Zuul build page' }).getAttribute('href')).toBe(
      `${zuul.url}/t/${ZUUL_TENANT}/build/${entry.build_uuid}`,
    );
    expect(await page.locator('.look-instead a', { hasText: 'its log directory' }).getAttribute('href')).toBe(
      logs.logUrl('postFailureNoLogs'),
    );
    expect(await titleOnceSet(page, 'Could not be generated · nova-next · nova 123456,3 · StackViz')).toBe(
      'Could not be generated · nova-next · nova 123456,3 · StackViz',
    );
    await shot('59-errored-post-failure');
    await onPhone(url, '.errored-task', '60-errored-post-failure-phone');
  }, 60000);

  it('a Jenkins console whose FAILED lines sit in an unmarked build step: the summary names that step, the console opens at its first failing test', async () => {
    const url = await site('jenkinsFailedStep', {
      name: 'gate-tempest-dsvm-neutron-full',
      status: 'FAILURE',
      change_id: 271726,
      revision: 2,
    });
    await page.goto(url);
    await page.locator('.outcome').waitFor({ timeout: STEP_MS });
    expect(await text('.outcome .failing-step')).toMatch(/^Failing step: Build step 3: \.\/safe-devstack-vm-gate-wrap\.sh\s*failed/);
    expect(await page.locator('.outcome .console-tail .error-line').first().innerText()).toMatch(
      /test_add_multiple_router_interfaces \[183\.905612s\] \.\.\. FAILED/,
    );
    await shot('61-jenkins-failed-step-summary');
    await onPhone(url, '.outcome', '62-jenkins-failed-step-summary-phone');

    await page.click('.outcome .failing-step a');
    await page.locator('.sections').waitFor();
    expect(await page.locator('.sections details[open] .section-title').allTextContents()).toEqual([
      'Build step 3: ./safe-devstack-vm-gate-wrap.sh',
    ]);
    const current = page.locator('.error-line.current');
    expect(await current.textContent()).toMatch(/RoutersTest\.test_add_multiple_router_interfaces \[183\.905612s\] \.\.\. FAILED/);
    expect(await current.evaluate((el) => el.getBoundingClientRect().top >= 0 && el.getBoundingClientRect().bottom <= innerHeight)).toBe(
      true,
    );
    expect(await page.locator('.sections .section-title').allTextContents()).toContain('Finished: FAILURE');
    await shot('63-jenkins-failed-step-console');
    await onPhone(`${url}console`, '.error-line.current', '64-jenkins-failed-step-console-phone');
  }, 60000);
});
