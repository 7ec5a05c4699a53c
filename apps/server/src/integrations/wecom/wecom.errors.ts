/** A WeCom API answer with errcode ≠ 0 (HTTP 200 and an errcode envelope), or a transport failure. */
export class WeComApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    /** The API path called, e.g. "/cgi-bin/message/send" (never the token). */
    readonly path: string,
  ) {
    super(`WeCom ${path} failed: ${errcode} ${errmsg}`);
    this.name = 'WeComApiError';
  }
}

/** The server answered something that is not a WeCom envelope (HTTP error, not JSON, wrong shape). */
export class WeComProtocolError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly status: number | null = null,
  ) {
    super(`WeCom ${path}: ${message}`);
    this.name = 'WeComProtocolError';
  }
}

/** The WXBizMsgCrypt return codes (official sample ierror.py) a callback check can fail with. */
export const CRYPTO_ERROR = {
  validateSignature: -40001,
  parseXml: -40002,
  illegalAesKey: -40004,
  validateCorpId: -40005,
  decryptAes: -40007,
  illegalBuffer: -40008,
  decodeBase64: -40010,
  timestamp: -40099, // ours: outside the freshness window
} as const;

export type CryptoErrorCode = (typeof CRYPTO_ERROR)[keyof typeof CRYPTO_ERROR];

/** A callback that failed verification or decryption; nothing may be processed. */
export class WeComCryptoError extends Error {
  constructor(
    readonly code: CryptoErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WeComCryptoError';
  }
}

/** Errcodes worth knowing by name in code. */
export const ERRCODE = {
  busy: -1,
  invalidCredential: 40001,
  invalidCorpId: 40013,
  invalidAccessToken: 40014,
  invalidCode: 40029,
  accessTokenMissing: 41001,
  corpIdMissing: 41002,
  corpSecretMissing: 41004,
  accessTokenExpired: 42001,
  freqOutOfLimit: 45009,
  concurrencyOutOfLimit: 45033,
  noPrivilege: 60011,
  userNotFound: 60111,
  allInvalid: 81013,
  chatNotFound: 86003,
  notChatCreator: 86008,
  invalidTicketType: 91040,
} as const;

// WeCom busy, rate limits, a token gone stale, an IP not yet allowed, bad credentials: worth
// trying again later (the client already retried the first few itself)
const TRANSIENT = new Set<number>([ERRCODE.busy, ERRCODE.freqOutOfLimit, ERRCODE.concurrencyOutOfLimit, ERRCODE.invalidAccessToken, ERRCODE.accessTokenExpired, ERRCODE.invalidCredential, ERRCODE.invalidCorpId, 60020]);

/** Whether a failed WeCom call is worth another try later: transport failures and our own hiccups are. */
export function transient(e: unknown): boolean {
  if (e instanceof WeComApiError) return TRANSIENT.has(e.errcode);
  return true;
}
