import { generatedStream, GeneratedTest } from '../../test/fake-upstream/generated-stream';

/** Bytes of pythonlogging per test: 35,200 tests make about 25 MB. */
const LOG_BYTES = 300;
const STATUSES = ['success', 'success', 'success', 'success', 'success', 'success', 'success', 'skip', 'success', 'fail'] as const;

/** A tempest-like subunit stream: tests `first`… on 4 workers, each with a pythonlogging attachment (about 730 bytes a test). */
export function tempestLikeStream(tests: number, first = 0): Buffer {
  const generated: GeneratedTest[] = Array.from({ length: tests }, (_, n) => {
    const i = first + n;
    return {
      id: `tempest.api.compute.servers.test_server_actions${i % 50}.ServerActionsTestJSON.test_action_${i}[id-${(i * 2654435761) % 4294967296},smoke]`,
      status: STATUSES[i % STATUSES.length],
      seconds: 0.05 + (i % 37) / 10,
    };
  });
  return generatedStream(generated, { workers: 4, logBytes: LOG_BYTES });
}
