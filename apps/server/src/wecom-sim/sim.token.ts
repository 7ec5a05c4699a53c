import { SimError } from './sim.errors.ts';
import { randomId, type SimState, type TokenScope } from './sim.state.ts';

const TOKEN_SECONDS = 7200;

/** gettoken (SPEC §2): 41004 before 41002 before 40013 before 40001; the same token while valid. */
export function issueToken(s: SimState, query: Record<string, string>): Record<string, unknown> {
  s.gettokenCalls++;
  const { corpid, corpsecret } = query;
  if (!corpsecret) throw new SimError(41004);
  if (!corpid) throw new SimError(41002);
  if (corpid !== s.creds.corpId) throw new SimError(40013);
  const scope: TokenScope | null = corpsecret === s.creds.secret ? 'app' : corpsecret === s.creds.contactSecret ? 'contact' : null;
  if (!scope) throw new SimError(40001);
  const now = s.clock.now().getTime();
  const current = s.tokenBySecret.get(scope);
  const held = current ? s.tokens.get(current) : undefined;
  if (current && held && !held.revoked && held.expiresAt > now) {
    return { access_token: current, expires_in: Math.ceil((held.expiresAt - now) / 1000) };
  }
  const token = randomId(64);
  s.tokens.set(token, { scope, expiresAt: now + TOKEN_SECONDS * 1000, revoked: null });
  s.tokenBySecret.set(scope, token);
  return { access_token: token, expires_in: TOKEN_SECONDS };
}

/** The scope of a valid token from the query string (the only place WeCom reads it). */
export function checkToken(s: SimState, query: Record<string, string>): TokenScope {
  const t = query.access_token;
  if (!t) throw new SimError(41001);
  const held = s.tokens.get(t);
  if (!held || held.revoked === 'invalid') throw new SimError(40014);
  if (held.revoked === 'expired' || held.expiresAt <= s.clock.now().getTime()) throw new SimError(42001);
  return held.scope;
}

/** Admin knob: ends every token early, as WeCom may (`expired` → 42001, `invalid` → 40014). */
export function revokeTokens(s: SimState, how: 'expired' | 'invalid'): number {
  let n = 0;
  for (const t of s.tokens.values()) {
    if (!t.revoked) {
      t.revoked = how;
      n++;
    }
  }
  return n;
}
