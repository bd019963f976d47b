import type { Page } from 'playwright-core';
import { FAILURE_RUNS, failureRunEntry } from '../fake-upstream/data/failure-runs';
import { BACKEND } from './backend';
import { postJson, waitForTask, type BootedApp } from './harness';
import { screenshot, startUiSession, wcagViolations, type UiSession } from './ui-session';

const STEP_MS = 30000;
const ADMIN_TOKEN = 'ui-admin-token-77';

describe(`failure knowledge pages in Chromium (${BACKEND})`, () => {
  let ui: UiSession;
  let s: BootedApp;
  let page: Page;
  const tasks = new Map<string, string>();

  beforeAll(async () => {
    ui = await startUiSession({ viewport: { width: 1280, height: 900 }, failureRuns: true, env: { ADMIN_TOKEN } });
    ({ s, page } = ui);
    for (const r of FAILURE_RUNS) {
      const { body } = await postJson(s.baseUrl, '/scrape', failureRunEntry(r, ui.upstreams.logs.url));
      await waitForTask(s.baseUrl, body.uuid);
      tasks.set(r.name, body.uuid);
    }
  }, 120000);
  afterAll(() => ui?.close());

  it('/f/ lists the most widespread causes first, filters by window, pipeline and project, and searches by a pasted line', async () => {
    await page.goto(`${s.baseUrl}/f/`);
    const rows = page.locator('.failure-table tbody tr');
    await rows.first().waitFor({ timeout: STEP_MS });
    expect(await rows.count()).toBe(6);
    expect(await rows.first().locator('td').first().textContent()).toBe('7');
    // one failing test in one run is one failure, not a run
    expect(await page.locator('.failure-table thead th').allInnerTexts()).toEqual([
      'Changes',
      'Failures',
      'Cause',
      'Tests and jobs',
      'Bug',
    ]);
    expect(await rows.first().locator('code').textContent()).toContain('(HTTP 500)');
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, '60-failures-top');

    // the last day: the 500 and the waiter (run a), the assertion (run b), the devstack failure
    await page.getByLabel('1 day', { exact: true }).check();
    await page.waitForFunction(() => document.querySelectorAll('.failure-table tbody tr').length === 4, null, { timeout: STEP_MS });
    await page.getByLabel('7 days', { exact: true }).check();
    // the gate: the 500, the assertion, the 404
    await page.getByLabel('Pipeline', { exact: true }).selectOption('gate');
    await page.waitForFunction(() => document.querySelectorAll('.failure-table tbody tr').length === 3, null, { timeout: STEP_MS });
    // the view is in the URL: a reload (or the link, shared) shows the same list
    expect(new URL(page.url()).search).toBe('?pipeline=gate');
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('.failure-table tbody tr').length === 3, null, { timeout: STEP_MS });
    expect(await page.getByLabel('Pipeline', { exact: true }).inputValue()).toBe('gate');
    // a project typed while the list asked for last arrives stays typed (the list's render once put the old value back)
    let answered!: () => void;
    const held = new Promise<void>((resolve) => (answered = resolve));
    await page.route('**/failures/top?*', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel('Pipeline', { exact: true }).selectOption('');
    const project = page.getByLabel('Project', { exact: true });
    await project.fill('openstack/cinder');
    answered();
    await page.waitForFunction(() => document.querySelectorAll('.failure-table tbody tr').length === 6, null, { timeout: STEP_MS });
    await page.unroute('**/failures/top?*');
    expect(await project.inputValue()).toBe('openstack/cinder');
    // the cinder job's devstack failure alone
    await project.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.failure-table tbody tr').length === 1, null, { timeout: STEP_MS });
    // a project not named in full finds nothing, and says so
    await project.fill('cinder');
    await project.press('Enter');
    await page
      .getByText('No failure was recorded in this window for the project cinder (named in full, e.g. openstack/nova).')
      .waitFor({ timeout: STEP_MS });
    await project.fill('');
    await project.press('Enter');
    await page.waitForFunction(() => document.querySelectorAll('.failure-table tbody tr').length === 6, null, { timeout: STEP_MS });

    await page
      .getByLabel('Search: paste a traceback’s exception line, a signature id or any text', { exact: true })
      .fill(
        'Details: (ServersTestJSON:test_reboot_hard) Server 1f7e0c8a-2b3d-4e5f-8a9b-0c1d2e3f4a5b failed to reach ACTIVE status within the required time (300 s).',
      );
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForFunction(() => document.querySelectorAll('.failure-table tbody tr').length === 1, null, { timeout: STEP_MS });
    expect(await rows.first().locator('code').textContent()).toBe('nova.exception.TimeoutException: Request timed out');
    expect(new URL(page.url()).searchParams.get('q')).toMatch(/^Details: \(ServersTestJSON:test_reboot_hard\)/);
    await screenshot(page, '61-failures-search');
  });

  it('/f/<id> shows the counts, a bar per day, the latest runs and the example, and links a bug with the admin token', async () => {
    await page.goto(`${s.baseUrl}/f/`);
    await page.locator('.failure-table tbody tr a').first().click();
    await page.locator('.failure-detail').waitFor({ timeout: STEP_MS });
    expect(await page.locator('.counts-table tbody tr').allInnerTexts()).toEqual([
      '1 day\t2\t2',
      '3 days\t7\t6',
      '7 days\t8\t7',
      '30 days\t9\t8',
    ]);
    expect(await page.locator('.day-bars canvas').count()).toBe(1);
    expect(await page.locator('.failure-detail .failure-table tbody tr').count()).toBe(9);
    expect(await page.locator('.failure-detail .failure-table tbody tr a').first().getAttribute('href')).toMatch(/^\/s\/[0-9a-f-]{36}\/$/);
    expect(await page.locator('pre.traceback').textContent()).toContain('Traceback (most recent call last):');
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, '62-failure-detail');

    // folded for the readers without the token
    expect(await page.getByLabel('Admin token', { exact: true }).isVisible()).toBe(false);
    await page.getByText('Link a bug (needs the service’s admin token)').click();
    await page.getByLabel('Admin token', { exact: true }).fill(ADMIN_TOKEN);
    expect(await page.getByLabel('Pattern', { exact: true }).inputValue()).not.toBe('');
    await page.getByLabel('Bug URL', { exact: true }).fill('https://bugs.launchpad.net/nova/+bug/2012345');
    await page.getByLabel('Title', { exact: true }).fill('ServerFault under load');
    await page.getByRole('button', { name: 'Link the bug' }).click();
    await page.getByRole('link', { name: 'ServerFault under load' }).waitFor({ timeout: STEP_MS });
    expect(page.url()).not.toContain(ADMIN_TOKEN);
    expect(await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }))).not.toContain(
      ADMIN_TOKEN,
    );
  });

  it("a site's summary says beside each cause how many changes it was seen on, all causes in one request", async () => {
    const asked: string[] = [];
    page.on('request', (r) => r.url().includes('/failures/') && asked.push(`${r.method()} ${new URL(r.url()).pathname}`));
    await page.goto(`${s.baseUrl}/s/${tasks.get('c2')}/`);
    const seen = page.locator('.cause-head .cause-seen');
    await page.waitForFunction(
      () => {
        // Not before the causes are drawn: every() of none is true.
        const seen = [...document.querySelectorAll('.cause-seen')];
        return seen.length > 0 && seen.every((a) => a.textContent?.startsWith('seen on'));
      },
      null,
      {
        timeout: STEP_MS,
      },
    );
    // run c2 (change 810003, patch set 2): the 500, the waiter and the SHUTOFF assertion
    expect((await seen.allTextContents()).sort()).toEqual([
      'seen on 1 change in 7 days',
      'seen on 3 changes in 7 days',
      'seen on 7 changes in 7 days',
    ]);
    expect(await seen.first().getAttribute('href')).toMatch(/^\/f\/[0-9a-f]{16}$/);
    expect(asked).toEqual(['POST /failures/counts']);
    await screenshot(page, '65-summary-seen');
  });

  it('reads on a phone', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${s.baseUrl}/f/`);
    await page.locator('.failure-table tbody tr').first().waitFor({ timeout: STEP_MS });
    await screenshot(page, '63-failures-top-phone');
    await page.locator('.failure-table tbody tr a').first().click();
    await page.locator('.failure-detail').waitFor({ timeout: STEP_MS });
    expect(await wcagViolations(page)).toEqual([]);
    await screenshot(page, '64-failure-detail-phone');
  });

  it('/f/<id> of a cause kept only from runs older than its windows says so, rather than look empty', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    const [{ signature_id: id }] = await s.dataSource.query(
      'SELECT signature_id FROM failure_build_signatures GROUP BY signature_id ORDER BY SUM(failures), signature_id LIMIT 1',
    );
    const old = new Date(Date.now() - 40 * 86_400_000).toISOString().slice(0, 19).replace('T', ' ');
    await s.dataSource.query('UPDATE failure_build_signatures SET finished_at = ?, day = ? WHERE signature_id = ?', [
      old,
      old.slice(0, 10),
      id,
    ]);
    await page.goto(`${s.baseUrl}/f/${id}`);
    await page.locator('.failure-detail').waitFor({ timeout: STEP_MS });
    expect(await page.locator('.failure-detail .alert').textContent()).toMatch(
      /^None of this cause’s failures kept here ended in the last 30 days: the runs it was recorded from ended earlier/,
    );
    expect(await page.locator('.failure-names').textContent()).toContain('None in this window');
    expect(await page.locator('.failure-names').textContent()).not.toContain('Outside the tests');
    expect(await wcagViolations(page)).toEqual([]);
  });
});
