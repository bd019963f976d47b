/**
 * The Entry fields `/list` gives a build whose scrape ends in error, for scraping it as the UI does:
 * nova-next on change 123456 patch set 3 (POST_FAILURE), whose log upload stopped after zuul-info
 * (fake-logs' postFailureNoLogs).
 */
const POST_FAILURE_NO_LOGS_BUILD = 'b6c7d8e9f0a14b2c3d4e5f6a7b8c9d0e';

export function postFailureNoLogsEntry(logUrl: string) {
  return {
    url: logUrl,
    name: 'nova-next',
    status: 'POST_FAILURE',
    change_id: 123456,
    revision: 3,
    pipeline: 'check',
    change_project: 'openstack/nova',
    change_subject: 'libvirt: Add support for virtio-sound devices',
    build_uuid: POST_FAILURE_NO_LOGS_BUILD,
    ci_username: 'zuul',
    voting: false,
    duration: 3402,
    finished_at: '2024-02-14T03:10:12Z',
  };
}
