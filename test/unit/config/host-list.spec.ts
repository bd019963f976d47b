import { HostList } from '../../../src/config/host-list';

describe('HostList', () => {
  const list = new HostList(['logs.example.org', '127.0.0.1:8080', '*.rackcdn.com', '*.0.0.1', '[::1]:9000']);

  it.each([
    ['https://logs.example.org/x/', 'exact'],
    ['http://logs.example.org:8443/x/', 'exact'],
    ['http://127.0.0.1:8080/x/', 'exact'],
    ['http://2130706433:8080/x/', 'exact'],
    ['http://0177.0.0.1:8080/x/', 'exact'],
    ['http://[::1]:9000/x/', 'exact'],
    ['https://d1.ssl.cf5.rackcdn.com/x/', 'wildcard'],
    ['https://RACK.RACKCDN.COM/x/', 'wildcard'],
    ['https://rackcdn.com/x/', null],
    ['https://evilrackcdn.com/x/', null],
    ['https://rackcdn.com.evil.org/x/', null],
    ['http://127.0.0.1:8081/x/', null],
    // An address literal is never matched by a wildcard, however its digits end.
    ['http://10.0.0.1/x/', null],
    ['http://0x7f.0.0.1/x/', null],
  ])('%s → %s', (url, match) => {
    expect(list.match(url)).toBe(match);
    expect(list.allowsUrl(url)).toBe(match !== null);
  });

  it('prefers an exact entry over a wildcard one for the same host', () => {
    expect(new HostList(['*.example.org', 'logs.example.org']).match('https://logs.example.org/')).toBe('exact');
  });
});
