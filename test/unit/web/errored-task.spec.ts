import { h } from 'preact';
import { render } from 'preact-render-to-string';
import type { TaskBody } from '../../../web/src/api/types';
import { ErroredTask } from '../../../web/src/pages/errored-task';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

/** What /task answers for a nova-next build (POST_FAILURE) whose log upload stopped after zuul-info. */
const task: TaskBody = {
  change_id: 123456,
  change_project: 'openstack/nova',
  change_subject: 'libvirt: Add support for virtio-sound devices',
  ci_username: 'zuul',
  name: 'nova-next',
  pipeline: 'check',
  revision: 3,
  status: 'POST_FAILURE',
  url: 'https://storage.example/56/123456/3/check/nova-next/b6c7d8e/',
  build_uuid: 'b6c7d8e9f0a14b2c3d4e5f6a7b8c9d0e',
  voting: false,
  duration: 3402,
  finished_at: '2024-02-14T03:10:12Z',
  branch: 'master',
  id: '0b1e7c2a-3f4d-4e5f-8a9b-0c1d2e3f4a5b',
  artifacts: [],
  message: 'no subunit or console artifact found under https://storage.example/56/123456/3/check/nova-next/b6c7d8e/',
  warnings: [],
  scope: 'full',
  scrape_status: 'error',
  retryable: false,
};

describe('the page of a task whose scrape ended in error', () => {
  it('shows its Entry, the error in words, what POST_FAILURE means and where to look, without a Retry that cannot help', () => {
    const html = render(h(ErroredTask, { task, onRetry: () => undefined }));
    const shown = text(html);
    expect(shown).toContain('nova-next POST_FAILURE');
    expect(shown).toContain('openstack/nova master branch change 123456,3 check pipeline Zuul build raw logs');
    // a build whose branch is not known: no branch at all, not "null branch"
    const unknownBranch = text(render(h(ErroredTask, { task: { ...task, branch: null }, onRetry: () => undefined })));
    expect(unknownBranch).toContain('openstack/nova change 123456,3 check pipeline');
    expect(shown).toContain("The job's logs hold nothing this service reads");
    expect(shown).toContain(task.message);
    expect(shown).toContain('POST_FAILURE usually means: a post-run step failed after the job itself ran');
    expect(shown).toContain(
      'Scraping it again would find the same logs. What the job left is at its Zuul build page and its log directory .',
    );
    expect(html).toContain('href="https://zuul.opendev.org/t/openstack/build/b6c7d8e9f0a14b2c3d4e5f6a7b8c9d0e"');
    expect(html).not.toContain('<button');
  });

  it('offers Retry when scraping again may work; says what an unknown result is', () => {
    const html = render(
      h(ErroredTask, {
        task: { ...task, status: 'FOO', retryable: true, message: 'there are no logs at https://storage.example/x/ yet: Zuul says …' },
        onRetry: () => undefined,
      }),
    );
    expect(text(html)).toContain('FOO is the result CI reported for this job.');
    expect(text(html)).toContain('Scraping it again may work');
    expect(html).toContain('>Retry</button>');
  });

  it('a build whose logs have expired points to its Zuul build page, not to the log directory that answers 404', () => {
    const gone = `the logs at ${task.url} are gone (404): OpenDev expires build logs after some weeks, so this build can no longer be scraped`;
    const html = render(h(ErroredTask, { task: { ...task, status: 'FAILURE', message: gone }, onRetry: () => undefined }));
    expect(text(html)).toContain('The logs have expired');
    expect(text(html)).toContain(
      'Scraping it again would find no logs either. Zuul still shows the build’s result and timings on its build page .',
    );
    expect(text(html)).not.toContain('its log directory');
    expect(text(html)).not.toContain('raw logs');
    expect(html).not.toContain(`href="${task.url}"`);
    const noBuild = text(render(h(ErroredTask, { task: { ...task, build_uuid: null, message: gone }, onRetry: () => undefined })));
    expect(noBuild).toContain('Scraping it again would find no logs either. Nothing else of this run is kept.');
  });

  it('a task without a build uuid links its log directory only', () => {
    const html = render(h(ErroredTask, { task: { ...task, build_uuid: null, status: 'TIMED_OUT' }, onRetry: () => undefined }));
    expect(text(html)).toContain('TIMED_OUT usually means: the job hit its time limit');
    expect(text(html)).toContain('What the job left is at its log directory .');
  });
});
