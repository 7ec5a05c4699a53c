import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';

const base = { UPLIFT_SECRET: 'x'.repeat(40) };
const quiet = () => {};
const live = { WECOM_CORP_ID: 'ww1436e0e65a779aee', WECOM_AGENT_ID: '1000002', WECOM_SECRET: 'app-secret' };

describe('WeCom configuration', () => {
  it('runs the simulator when no credential is set, with the default callback window', () => {
    expect(loadConfig(base, quiet).wecom).toEqual({ mode: 'simulator', callbackMaxAgeS: 300 });
  });

  it('goes live with corp id, agent id and secret; callbacks and the contact secret are optional', () => {
    const c = loadConfig({ ...base, ...live, WECOM_BASE_URL: 'https://wecom-proxy.example.com/', WECOM_CALLBACK_MAX_AGE_S: '0' }, quiet).wecom;
    expect(c).toEqual({
      mode: 'live',
      baseUrl: 'https://wecom-proxy.example.com',
      callbackMaxAgeS: 0,
      credentials: { corpId: 'ww1436e0e65a779aee', agentId: 1000002, secret: 'app-secret', contactSecret: null, callback: null },
    });
    const withCallback = loadConfig({ ...base, ...live, WECOM_CONTACT_SECRET: 'c', WECOM_TOKEN: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo', WECOM_AES_KEY: '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt' }, quiet).wecom;
    expect(withCallback.mode === 'live' && withCallback.credentials).toMatchObject({ contactSecret: 'c', callback: { token: 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo' } });
    expect(withCallback.mode === 'live' && withCallback.baseUrl).toBe('https://qyapi.weixin.qq.com');
  });

  it('names the variable that is missing or wrong', () => {
    expect(() => loadConfig({ ...base, WECOM_CORP_ID: 'ww1' }, quiet)).toThrow(/WECOM_AGENT_ID: required[\s\S]*WECOM_SECRET: required/);
    expect(() => loadConfig({ ...base, ...live, WECOM_TOKEN: 'abc' }, quiet)).toThrow(/WECOM_AES_KEY: required with WECOM_TOKEN/);
    expect(() => loadConfig({ ...base, ...live, WECOM_TOKEN: 'abc', WECOM_AES_KEY: 'short' }, quiet)).toThrow(/WECOM_AES_KEY: must be the 43-character/);
    expect(() => loadConfig({ ...base, ...live, WECOM_AGENT_ID: 'x' }, quiet)).toThrow(/WECOM_AGENT_ID/);
    expect(() => loadConfig({ ...base, WECOM_CALLBACK_MAX_AGE_S: '-1' }, quiet)).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, WECOM_BASE_URL: 'not a url' }, quiet)).toThrow(/WECOM_BASE_URL/);
  });
});
