import type { BrowserContext, Page } from 'playwright-core';
import type { FakeLogServer } from '../fake-upstream/fake-logs';
import { BACKEND } from './backend';
import { titleOnceSet } from './chromium';
import { postJson, waitForTask, type BootedApp } from './harness';
import { screenshot, startUiSession, wcagViolations, type UiSession } from './ui-session';

const STEP_MS = 30000;

describe(`web UI: what /list says when it lists nothing, and which run is which (${BACKEND})`, () => {
  let session: UiSession;
  let logs: FakeLogServer;
  let s: BootedApp;
  let browser: BrowserContext;
  let page: Page;

  const shot = (name: string, p: Page = page) => screenshot(p, name);
  const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').trim();
  const sideways = (p: Page) => p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

  beforeAll(async () => {
    session = await startUiSession({ viewport: { width: 1280, height: 800 } });
    ({ s, browser, page } = session);
    logs = session.upstreams.logs;
  }, 60000);

  afterAll(() => session?.close());

  it('a patch set with a merge conflict: the change, and why no jobs ran, instead of "No CI jobs were found"', async () => {
    await page.goto(`${s.baseUrl}/go/123456,4`);
    await page.locator('.notice').waitFor();
    expect(await text('.change-heading')).toBe('openstack/nova 123456 on master — libvirt: Add support for virtio-sound devices');
    expect(await text('.notice')).toBe(
      "Patch set 4 had a merge conflict, so no jobs ran: Zuul could not merge it with its branch, and it needs a rebase. Show the change's newest patch set with CI results",
    );
    expect(await page.getByText('No CI jobs were found').count()).toBe(0);
    expect(await titleOnceSet(page, 'nova 123456 · StackViz')).toBe('nova 123456 · StackViz');
    await shot('40-merge-conflict');

    // The change alone, one click away: the newest patch set with results, and why the newer one has none, above its jobs.
    await page.locator('.notice a.change-runs-link').click();
    await page.waitForURL(`${s.baseUrl}/go/123456`);
    await page.locator('.job').first().waitFor();
    expect(await page.locator('.notice a.change-runs-link').count()).toBe(0);
    expect(await text('.notice')).toBe(
      'Patch set 4 had a merge conflict, so no jobs ran: Zuul could not merge it with its branch, and it needs a rebase. ' +
        'Listing patch set 3, the newest with CI results.',
    );
    const [notice, jobs] = await Promise.all([page.locator('.notice').boundingBox(), page.locator('.pipeline').first().boundingBox()]);
    expect(notice!.y).toBeLessThan(jobs!.y);
    await shot('41-newer-patch-set-without-results');
  });

  it('a build Zuul forgot whose logs are still there: its job from the path, and a note saying so', async () => {
    await page.goto(`${s.baseUrl}/`);
    await page.fill('#q', logs.logUrl('v3Periodic'));
    await page.click('button[type=submit]');
    await page.locator('.job').first().waitFor();
    expect(await text('.notice')).toBe(
      "Zuul (tenant openstack) has no record of this build any more: this entry is read from its log URL's path, and its logs are there.",
    );
    expect(await page.locator('.pipeline legend').allTextContents()).toEqual(['periodic (1)']);
    expect(await text('.job .job-name')).toBe('nova-tox-py38-oslo-master');
    expect(await page.locator('.job input[type=checkbox]').count()).toBe(1);
    await shot('46-forgotten-build-from-path');

    // Its site: the failure is shown, and instead of an "Is it my change?" that would be refused, why it cannot be asked.
    await page.locator('.job input[type=checkbox]').check();
    await page.locator('button', { hasText: 'Generate' }).click();
    await page.locator('.causes').waitFor({ timeout: 30000 });
    expect(await page.locator('button.insight-ask').count()).toBe(0);
    expect(await text('.insight-unavailable')).toBe(
      '“Is it my change?” finds this job’s other runs through its Zuul build, and Zuul did not know this run’s build when it was scraped. “Compare with…” above takes any other run’s link.',
    );
    await shot('47-forgotten-build-site-no-insight');
  });

  it('a queued task’s site asks /task once on opening, then polls /status', async () => {
    const uuid = '5a1e0c2b-7d3f-4e8a-9b6c-0d1e2f3a4b5c';
    const asked: string[] = [];
    await page.route(/\/(task|status)$/, (route) => {
      const path = new URL(route.request().url()).pathname;
      asked.push(path);
      // the service's own answers: /task's 202 says only "not ready yet", /status what is going on
      return path === '/task'
        ? route.fulfill({
            status: 202,
            contentType: 'application/json',
            body: JSON.stringify({ uuid, status: 'queued', message: 'not ready yet' }),
          })
        : route.fulfill({
            json: { uuid, status: 'running', message: null, stage: 'fetching testrepository.subunit', artifacts_found: [], warnings: [] },
          });
    });
    try {
      await page.goto(`${s.baseUrl}/s/${uuid}/`);
      await page.locator('.progress h1', { hasText: 'Queued…' }).waitFor();
      // not "not ready yet" as if it were the stage
      expect(await text('.progress dd:nth-of-type(2)')).toBe('—');
      // its /task answer is the first round of polling: /status only a poll interval (1 s) later
      await page.waitForTimeout(500);
      expect(asked).toEqual(['/task']);
      await page.waitForTimeout(1000);
      expect(asked.slice(0, 2)).toEqual(['/task', '/status']);
      expect(await text('.progress dd:nth-of-type(2)')).toBe('fetching testrepository.subunit');
    } finally {
      await page.unroute(/\/(task|status)$/);
    }
  });

  it('a query it does not take: at most two sentences of what it looked like, and a link to everything it takes', async () => {
    for (const [q, said] of [
      ['what is this', /^400 "what is this" is neither a change number nor a URL\. Paste a change number \(271726\)/],
      ['https://github.com/openstack/nova/pull/1', /^400 GitHub URLs cannot be looked up: this service reads OpenStack's Gerrit/],
      [
        'https://logs.example.org/56/123456/3/check/tempest-full-py3/5f0c1a2/',
        new RegExp(
          `^400 logs\\.example\\.org is not a log server this service fetches from \\(ARTIFACT_HOSTS: ${logs.host}\\)\\. Paste the change number \\(123456\\) instead`,
        ),
      ],
    ] as const) {
      await page.goto(`${s.baseUrl}/`);
      await page.fill('#q', q);
      await page.click('button[type=submit]');
      await page.locator('.alert').waitFor();
      expect(await text('.alert')).toMatch(said);
    }
    await shot('42-foreign-log-host');

    await page.click('.alert a.help-link');
    await page.waitForURL(`${s.baseUrl}/help`);
    await page.locator('.help .doc-table').first().waitFor();
    expect(await titleOnceSet(page, 'What you can paste · StackViz')).toBe('What you can paste · StackViz');
    // docs/api.md's table, as the docs have it.
    expect(await page.locator('.help .doc-table').first().locator('th').allTextContents()).toEqual(['form', 'example', 'lists']);
    const forms = await page.locator('.help .doc-table').first().locator('tbody td:first-child').allTextContents();
    expect(forms).toEqual(expect.arrayContaining(['change number', 'change and patch set', 'Zuul build or buildset page']));
    expect(forms.length).toBeGreaterThanOrEqual(10);
    expect(await page.locator('.help .doc-table').nth(1).locator('th').allTextContents()).toEqual(['query', 'the 400 says']);
    await shot('43-help');

    const phone = await browser.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${s.baseUrl}/help`);
    await phone.locator('.help .doc-table').first().waitFor();
    expect(await sideways(phone)).toBeLessThanOrEqual(0);
    await shot('43-help-phone', phone);
    await phone.goto(`${s.baseUrl}/go/123456,4`);
    await phone.locator('.notice').waitFor();
    expect(await sideways(phone)).toBeLessThanOrEqual(0);
    await shot('40-merge-conflict-phone', phone);
    await phone.close();
  });

  it('every run of a change on asking: rechecks, retried attempts and earlier patch sets, each marked, and each a run to pick', async () => {
    const latest = (await postJson(s.baseUrl, '/list', { q: '123456' })).body.results as { latest?: boolean }[];
    const every = (await postJson(s.baseUrl, '/list', { q: '123456', history: true })).body.results as {
      latest: boolean;
      retried?: boolean;
    }[];
    expect(every.length).toBeGreaterThan(latest.length);
    await page.goto(`${s.baseUrl}/go/123456`);
    await page.locator('.job').first().waitFor();
    expect(await page.locator('.job').count()).toBe(latest.length);
    await page.getByLabel('Every run of the change: rechecks, retried attempts and earlier patch sets', { exact: true }).check();
    await page.waitForFunction((n) => document.querySelectorAll('.job').length === n, every.length, { timeout: STEP_MS });
    const marked = await page.locator('.job .badge').allTextContents();
    expect(marked.filter((b) => b === 'earlier run').length).toBe(every.filter((e) => !e.latest && !e.retried).length);
    expect(marked.filter((b) => b === 'retried').length).toBe(every.filter((e) => !e.latest && e.retried).length);
    expect(await wcagViolations(page)).toEqual([]);
    await shot('50-job-list-every-run');
    await page.getByLabel('Every run of the change: rechecks, retried attempts and earlier patch sets', { exact: true }).uncheck();
    await page.waitForFunction((n) => document.querySelectorAll('.job').length === n, latest.length, { timeout: STEP_MS });
  });

  it('pipeline and patch set beside the job name: the started table and the recent runs; the branch by the change and in the site', async () => {
    await page.goto(`${s.baseUrl}/go/123456`);
    await page.locator('.job').first().waitFor();
    expect(await text('.change-heading strong')).toBe('openstack/nova 123456, patch set 3 on master');
    expect(await wcagViolations(page)).toEqual([]);
    await shot('48-job-list-branch');
    const check = page.locator('.pipeline', { hasText: 'check' });
    await check.locator('.job', { hasText: 'openstack-tox-pep8' }).locator('input[type=checkbox]').check();
    await check.locator('.job', { hasText: 'nova-next' }).locator('input[type=checkbox]').check();
    await page.click('.generate button');
    await page.locator('.started-table tbody tr').first().waitFor();
    expect(await page.locator('.started-table td.name .run-context').allTextContents()).toEqual([
      ' check · nova 123456,3',
      ' check · nova 123456,3',
    ]);
    await page.waitForFunction(
      () => [...document.querySelectorAll('.started-table .task-state')].every((e) => e.textContent === 'finished'),
      null,
      { timeout: STEP_MS },
    );
    await shot('44-started-with-pipeline');

    // A site's header: the project and its branch, the change, the pipeline.
    await page.locator('.started-table td.name a', { hasText: 'openstack-tox-pep8' }).click();
    await page.locator('.run-header h1').waitFor({ timeout: STEP_MS });
    expect(await page.locator('.run-meta > *').allInnerTexts()).toEqual(
      expect.arrayContaining(['openstack/nova', 'master branch', 'change 123456,3', 'check pipeline']),
    );
    expect(await wcagViolations(page)).toEqual([]);
    await shot('49-site-header-branch');
    // the tab of the page already shown adds no history entry: Back leaves the site at once
    const entries = await page.evaluate(() => history.length);
    await page.getByRole('link', { name: 'Summary', exact: true }).click();
    expect(await page.evaluate(() => history.length)).toBe(entries);

    // The gate run of one of them too: the home page's recent runs tell the two apart.
    const { body } = await postJson(s.baseUrl, '/list', { q: '123456,3', history: true });
    const gatePep8 = body.results.find((e: any) => e.pipeline === 'gate' && e.name === 'openstack-tox-pep8');
    // Its logs are the check run's copy on the fake log server (the fixture has no gate logs).
    const scraped = await postJson(s.baseUrl, '/scrape', { ...gatePep8, url: logs.logUrlCopy('consoleOnly', 1) });
    await waitForTask(s.baseUrl, scraped.body.uuid);
    await page.goto(`${s.baseUrl}/`);
    await page.locator('.recent-runs li').first().waitFor();
    const rows = await page
      .locator('.recent-runs li')
      .evaluateAll((lis) =>
        lis.map((li) => [li.querySelector('.recent-name')?.textContent, li.querySelector('.run-context')?.textContent]),
      );
    expect(rows).toEqual(
      expect.arrayContaining([
        ['openstack-tox-pep8', 'gate · nova 123456,3'],
        ['openstack-tox-pep8', 'check · nova 123456,3'],
        ['nova-next', 'check · nova 123456,3'],
      ]),
    );
    await shot('45-recent-with-pipeline');
  }, 90000);
});
