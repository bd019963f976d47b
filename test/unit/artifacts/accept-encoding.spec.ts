import { acceptsGzip } from '../../../src/artifacts/accept-encoding';

describe('acceptsGzip', () => {
  it.each([
    [undefined, true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['*', true],
    ['identity', false],
    ['', false],
    ['gzip;q=0', false],
    ['gzip;q=0, *;q=1', false],
    ['deflate, *;q=0', false],
    ['x-gzip', true],
  ])('Accept-Encoding %p → %p', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });
});
