/**
 * Request examples for the OpenAPI document, taken from the original stackviz-deployer README's
 * HTTPie session (docs/api.md), so Swagger's "Try it out" starts from the calls people know.
 */
export const EXAMPLE_TASK_UUID = 'f223e63b-6ac0-4236-9c1c-4dec769310aa';
export const EXAMPLE_BLOB_ID = '09890181-4149-4cb2-82e3-c27f8301db03';

export const LIST_EXAMPLES = {
  'a change: its newest patch set with CI results (http post :5000/list q=271726)': { value: { q: '271726' } },
  'a patch set (q=271726,1)': { value: { q: '271726,1' } },
  'a Gerrit URL': { value: { q: 'https://review.openstack.org/#/c/271726/' } },
  'a legacy log URL': { value: { q: 'http://logs.openstack.org/26/271726/2/gate/gate-stackviz-python27/937cf7b/' } },
  'every run of a change (history:=true)': { value: { q: '271726', history: true } },
};

export const SCRAPE_EXAMPLES = {
  "an entry of /list (http post :5000/list q=269624 | jq '.results[2]' | http post :5000/scrape)": {
    value: {
      change_id: 269624,
      change_project: 'openstack/cinder',
      change_subject: 'Support for consistency groups in ScaleIO driver',
      ci_username: 'jenkins',
      name: 'gate-tempest-dsvm-full',
      pipeline: 'check',
      revision: 19,
      status: 'SUCCESS',
      url: 'http://logs.openstack.org/24/269624/19/check/gate-tempest-dsvm-full/84f9b4a/',
    },
  },
  'a bare log URL': { value: { url: 'http://logs.openstack.org/24/269624/19/check/gate-tempest-dsvm-full/84f9b4a/' } },
};

/** `{"q": "<task uuid>"}`, as `http post :5000/status q=…` and `/task` send it. */
export const TASK_QUERY_EXAMPLES = {
  'a task (http post :5000/status q=f223e63b-…)': { value: { q: EXAMPLE_TASK_UUID } },
  'the uuid under the name the answers give it (http post :5000/task id=f223e63b-…)': { value: { id: EXAMPLE_TASK_UUID } },
};
