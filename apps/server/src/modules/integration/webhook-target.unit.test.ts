import { describe, expect, it } from 'vitest';
import { refusedAddress, refusedHost } from './webhook-target.ts';

const strict = { allowLoopback: false };
const dev = { allowLoopback: true };

describe('webhook targets', () => {
  it('refuses this host unless allowed, and link-local or no-host addresses always', () => {
    for (const ip of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1']) {
      expect(refusedAddress(ip, strict), ip).toMatch(/本机/);
      expect(refusedAddress(ip, dev), ip).toBeNull();
    }
    for (const ip of ['169.254.169.254', 'fe80::1', '::ffff:169.254.169.254']) expect(refusedAddress(ip, dev), ip).toMatch(/链路本地/);
    for (const ip of ['0.0.0.0', '224.0.0.1', '255.255.255.255', '::', 'ff02::1']) expect(refusedAddress(ip, dev), ip).toMatch(/不是一台主机/);
  });

  it('lets private networks, public addresses and names through (names are checked again when connecting)', () => {
    for (const ip of ['10.1.2.3', '172.16.0.9', '192.168.1.10', '8.8.8.8', 'fd00::1', '2001:db8::1']) expect(refusedAddress(ip, strict), ip).toBeNull();
    for (const url of ['https://erp.xinghe.cn/hooks', 'http://10.20.30.40:8080/x', 'http://[2001:db8::1]/x']) expect(refusedHost(url, strict), url).toBeNull();
  });

  it('reads the host out of the URL, brackets and case included', () => {
    expect(refusedHost('http://LOCALHOST:3000/x', strict)).toMatch(/本机/);
    expect(refusedHost('http://api.localhost/x', strict)).toMatch(/本机/);
    expect(refusedHost('http://[::1]:8080/x', strict)).toMatch(/本机/);
    expect(refusedHost('http://[::ffff:a9fe:a9fe]/x', strict)).toMatch(/链路本地/);
    expect(refusedHost('http://localhost/x', dev)).toBeNull();
  });
});
