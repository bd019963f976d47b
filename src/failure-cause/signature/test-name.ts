/** The failing test's own names, which a message may repeat: masked as one placeholder. Browser-safe. */

/** A test id without its `[tags]`, a class fixture's `setUpClass (a.b.C)` as `a.b.C.setUpClass`. */
export function bareTestId(testId: string): string {
  return testId.replace(/\[.*\]$/, '').replace(/^(setUpClass|tearDownClass|setUpModule|tearDownModule) \((.+)\)$/, '$2.$1');
}

/** Parts too common to stand for the test: a fixture's name, or a bare "test". */
const NOT_A_NAME = /^(?:setUpClass|tearDownClass|setUpModule|tearDownModule|tests?|runTest)$/;

/**
 * What of a test id a message may name, longest first so that a whole match wins: the id itself,
 * `Class.method` and `Class:method` (tempest's "(ServersTestJSON:test_reboot)"), then the class and
 * the method alone. Parts shorter than 4 characters are left alone (they would mask ordinary words).
 */
export function testNameForms(testId: string): string[] {
  const id = bareTestId(testId);
  if (id === '') return [];
  const parts = id.split('.');
  const [cls, method] = parts.length >= 2 ? parts.slice(-2) : [null, parts[0]];
  const names = [cls, method].filter((p): p is string => p !== null && p.length >= 4 && !NOT_A_NAME.test(p));
  const forms = new Set<string>(id.length >= 4 && parts.length > 1 ? [id] : []);
  if (names.length === 2) {
    forms.add(`${names[0]}.${names[1]}`);
    forms.add(`${names[0]}:${names[1]}`);
  }
  for (const n of names) forms.add(n);
  return [...forms];
}
