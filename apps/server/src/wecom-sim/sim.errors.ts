import { randomBytes } from 'node:crypto';

/** English errmsg text per errcode, as the live server words them (SPEC §10, [OBS]). */
const TEXT: Record<number, string> = {
  [-1]: 'system busy',
  40001: 'invalid credential',
  40003: 'invalid userid',
  40013: 'invalid corpid',
  40014: 'invalid access_token',
  40016: 'invalid button size',
  40017: 'invalid button type',
  40018: 'invalid button name size',
  40019: 'invalid button key size',
  40020: 'invalid button url size',
  40023: 'invalid sub button size',
  40029: 'invalid code',
  40031: 'invalid userid list',
  40035: 'invalid parameter',
  40056: 'invalid agentid',
  40055: 'invalid button url domain',
  40058: 'invalid parameter',
  40066: 'invalid department list',
  41001: 'access_token missing',
  41002: 'corpid missing',
  41004: 'corpsecret missing',
  41009: 'missing userid',
  42001: 'access_token expired',
  44004: 'empty content',
  45009: 'api freq out of limit',
  46004: 'user no exist',
  47001: 'data format error',
  48002: 'api forbidden',
  50001: 'redirect_url not in app trusted domain',
  50002: 'user not in app visible range',
  60003: 'department not found',
  60011: 'no privilege to access/modify contact/party/agent',
  60111: 'userid not found',
  60123: 'invalid party id',
  81013: 'user & party & tag all invalid',
  84014: 'invalid user ticket expired',
  84015: 'invalid user ticket',
  82002: 'invalid party size',
  82003: 'invalid tag size',
  86001: 'invalid chatid',
  86003: 'chatid not exist',
  86005: 'invalid owner',
  86006: 'invalid chat member count',
  86007: 'invalid chat member',
  86215: 'chatid exists',
  91040: 'invalid ticket type',
};

/** A business failure: HTTP 200 with the errcode envelope. */
export class SimError extends Error {
  constructor(
    readonly errcode: number,
    readonly detail: string | null = null,
    /** Fields the endpoint still carries on error (e.g. user/get's empty arrays, SPEC §1). */
    readonly extra: Record<string, unknown> = {},
  ) {
    super(`${errcode}`);
  }
}

/** `"<text>, hint: [<request id>], from ip: <ip>, more info at …?e=<code>"` — the real shape. */
export function errmsg(errcode: number, ip: string, detail: string | null = null): string {
  const hint = `${Math.floor(Date.now() / 1000).toString()}-${randomBytes(8).toString('hex')}`;
  const text = `${TEXT[errcode] ?? 'error'}${detail ? `: ${detail}` : ''}`;
  return `${text}, hint: [${hint}], from ip: ${ip}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
}
