import { lookup } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/**
 * Where a webhook may never go (server-side request forgery): this host, link-local addresses
 * (169.254.169.254 is a cloud's metadata service, with its credentials), and addresses that name
 * no one host. Private networks stay allowed: that is where a group's ERP and finance systems live.
 * Loopback is allowed only when WEBHOOK_ALLOW_LOOPBACK is set (development and tests).
 */
const LINK_LOCAL = new BlockList();
LINK_LOCAL.addSubnet('169.254.0.0', 16, 'ipv4');
LINK_LOCAL.addSubnet('fe80::', 10, 'ipv6');
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');
const NO_HOST = new BlockList();
NO_HOST.addSubnet('0.0.0.0', 8, 'ipv4');
NO_HOST.addSubnet('224.0.0.0', 4, 'ipv4'); // multicast
NO_HOST.addSubnet('240.0.0.0', 4, 'ipv4'); // reserved and broadcast
NO_HOST.addAddress('::', 'ipv6');
NO_HOST.addSubnet('ff00::', 8, 'ipv6'); // multicast

export type TargetPolicy = { allowLoopback: boolean };

/** Why `address` (an IP) is no place for a webhook, or null when it may be sent there. */
export function refusedAddress(address: string, policy: TargetPolicy): string | null {
  const family = isIP(address);
  if (family === 0) return null;
  // an IPv4 address written as IPv6 (::ffff:127.0.0.1, or ::ffff:7f00:1 as URLs normalise it) is the IPv4 address
  const mapped = family === 6 ? ipv4Mapped(address) : undefined;
  const [ip, type] = mapped ? [mapped, 'ipv4' as const] : [address, family === 4 ? ('ipv4' as const) : ('ipv6' as const)];
  if (LINK_LOCAL.check(ip, type)) return `${address} 是链路本地地址（如云主机元数据服务）`;
  if (NO_HOST.check(ip, type)) return `${address} 不是一台主机的地址`;
  if (!policy.allowLoopback && LOOPBACK.check(ip, type)) return `${address} 是本机地址`;
  return null;
}

function ipv4Mapped(address: string): string | undefined {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (dotted) return dotted;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const [hi, lo] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase();

/** Why the URL's host is refused before any lookup (an IP or `localhost` written in it), or null. */
export function refusedHost(url: string, policy: TargetPolicy): string | null {
  let host: string;
  try {
    host = bare(new URL(url).hostname);
  } catch {
    return '不是有效的地址';
  }
  if (!policy.allowLoopback && (host === 'localhost' || host.endsWith('.localhost'))) return `${host} 是本机地址`;
  return refusedAddress(host, policy);
}

/**
 * A DNS lookup for outgoing connections that refuses a name resolving to a refused address, so
 * the check holds at connect time (a name cannot pass a check and then resolve elsewhere).
 */
export function guardedLookup(policy: TargetPolicy, resolve: typeof lookup = lookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as unknown as { address: string; family: number }[];
      for (const a of list) {
        const why = refusedAddress(a.address, policy);
        if (why) return callback(Object.assign(new Error(`${hostname} 解析到被禁止的地址：${why}`), { code: 'EWEBHOOKTARGET' }), '', 0);
      }
      if (options.all) return (callback as unknown as (e: null, all: typeof list) => void)(null, list);
      const first = list[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} 没有地址`), { code: 'ENOTFOUND' }), '', 0);
      callback(null, first.address, first.family);
    });
  };
}
