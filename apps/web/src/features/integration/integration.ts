import { MAX_TOKEN_DAYS, type ApiOperation, type ApiToken, type WebhookDelivery, type WebhookEvent } from '@uplift/contract';

const DAY_MS = 86_400_000;

type Underscored<S extends string> = S extends `${infer A}:${infer B}` ? Underscored<`${A}_${B}`> : S extends `${infer A}.${infer B}` ? Underscored<`${A}_${B}`> : S;

/**
 * The i18n key of an operation or event name: i18next reads ':' as a namespace and '.' as
 * nesting, so "results:write" is looked up as "results_write".
 */
export function labelKey<S extends ApiOperation | WebhookEvent>(name: S): Underscored<S> {
  return name.replace(/[:.]/g, '_') as Underscored<S>;
}

/** The lifetimes offered when issuing a token, in days (the server allows up to MAX_TOKEN_DAYS). */
export const tokenLifetimes = [30, 90, 180, 365, MAX_TOKEN_DAYS] as const;

/** The expiry sent for a token valid `days` from `now`. */
export function expiresAtIn(days: number, now: Date): string {
  return new Date(now.getTime() + days * DAY_MS).toISOString();
}

/** An active token that expires within two weeks: its system needs a new one soon. */
export function expiringSoon(token: Pick<ApiToken, 'status' | 'expiresAt'>, now: Date): boolean {
  return token.status === 'active' && new Date(token.expiresAt).getTime() - now.getTime() < 14 * DAY_MS;
}

/** Tag colour of a token status. */
export function tokenStatusColor(status: ApiToken['status']): string {
  switch (status) {
    case 'active':
      return 'green';
    case 'expired':
      return 'orange';
    case 'revoked':
      return 'default';
    default: {
      const never: never = status;
      return never;
    }
  }
}

/** Tag colour of a delivery status. */
export function deliveryStatusColor(status: WebhookDelivery['status']): string {
  switch (status) {
    case 'sent':
      return 'green';
    case 'pending':
      return 'gold';
    case 'sending':
      return 'blue';
    case 'dead':
      return 'red';
    default: {
      const never: never = status;
      return never;
    }
  }
}

/** "https://erp.example.com/hooks" → "erp.example.com": what a narrow screen shows of a URL. */
export function urlHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
