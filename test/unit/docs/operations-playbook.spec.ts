import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** The post-run playbook snippet in docs/operations.md, as an operator would copy it. */
function playbookSnippet(): string {
  const doc = readFileSync(join(__dirname, '../../../docs/operations.md'), 'utf8');
  const blocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
  expect(blocks).toHaveLength(1);
  return blocks[0];
}

describe('the zuul_return playbook in docs/operations.md', () => {
  it('is a valid playbook whose one task returns a "StackViz triage" artifact pointing at /go/<log_url>', () => {
    const plays = parse(playbookSnippet()) as { hosts: string; tasks: Record<string, unknown>[] }[];
    expect(plays).toHaveLength(1);
    expect(plays[0].hosts).toBe('localhost');
    const [task] = plays[0].tasks;
    const returned = task.zuul_return as { data: { zuul: { artifacts: { name: string; url: string }[] } } };
    expect(returned.data.zuul.artifacts).toEqual([{ name: 'StackViz triage', url: 'https://stackviz.example.org/go/{{ zuul.log_url }}' }]);
    expect(String(task.when)).toContain('zuul_success');
  });
});
