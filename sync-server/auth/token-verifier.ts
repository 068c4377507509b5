import { LRUCache } from 'lru-cache';
import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { HttpError } from '../http-errors';

/** Who a verified access token speaks for. Site access is never read from here: see user_sites. */
export interface VerifiedIdentity {
  subject: string;
  email: string | null;
  name: string | null;
  /**
   * The `email_verified` claim is exactly true: the identity provider checked the address, so it may
   * bind invitations made to it. Anything else (absent, "true") counts as unverified.
   */
  emailVerified: boolean;
  /** The token's `exp`, in seconds since the epoch. */
  expiresAt: number;
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Resolves the signing key from the JWKS: fetched (production) or local (dev issuer). */
  keys: JWTVerifyGetKey;
}

export type TokenVerifier = (token: string) => Promise<VerifiedIdentity>;

// Only RS256: accepting what the token header asks for is how `none` and HS256-with-the-public-key
// forgeries get in.
const ALGORITHM = 'RS256';
const CLOCK_SKEW_SECONDS = 60;

/** Verifies RS256 access tokens against a JWKS and checks `iss`, `aud` and `exp`. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  return async (token) => {
    assertRs256(token);
    try {
      const { payload } = await jwtVerify(token, options.keys, {
        algorithms: [ALGORITHM],
        issuer: options.issuer,
        audience: options.audience,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['sub', 'exp']
      });
      return identityFrom(payload);
    } catch (error) {
      throw toHttpError(error);
    }
  };
}

export interface TokenCacheOptions {
  maxEntries: number;
  /** Upper bound on how long a verdict is reused, whatever the token's own lifetime. */
  maxAgeMs: number;
  now?: () => number;
}

/**
 * Remembers tokens already verified until they expire, so a client's every request does not pay
 * for an RSA signature check. Only successes are kept: a refused token is checked afresh each time.
 */
export function withTokenCache(verify: TokenVerifier, options: TokenCacheOptions): TokenVerifier {
  const now = options.now ?? Date.now;
  // The cache bounds the count and the age; a token's own exp is checked on every hit, since a JWT
  // is expired from its exp on, where the cache would keep it through that millisecond.
  const verified = new LRUCache<string, { identity: VerifiedIdentity; validUntil: number }>({
    max: options.maxEntries,
    ttl: options.maxAgeMs,
    ttlResolution: 0,
    perf: { now }
  });
  return async (token) => {
    const hit = verified.get(token);
    if (hit && now() < hit.validUntil) return hit.identity;
    const identity = await verify(token);
    // Past its exp the token goes back to the verifier, which applies the clock-skew rule.
    verified.set(token, { identity, validUntil: identity.expiresAt * 1000 });
    return identity;
  };
}

function assertRs256(token: string): void {
  let alg: string | undefined;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw unauthorized('AUTH_MALFORMED', 'The access token is not a well-formed JWT.');
  }
  if (alg !== ALGORITHM) {
    throw unauthorized('AUTH_ALGORITHM', `Access tokens must be signed with ${ALGORITHM}.`);
  }
}

function identityFrom(payload: JWTPayload): VerifiedIdentity {
  if (!isStorableText(payload.sub, MAX_SUBJECT_LENGTH)) {
    throw unauthorized('AUTH_INVALID_CLAIMS', 'The access token’s “sub” claim is not valid.');
  }
  return {
    subject: payload.sub,
    email: isStorableText(payload.email, MAX_EMAIL_LENGTH) ? payload.email : null,
    name: displayName(payload.name),
    emailVerified: payload.email_verified === true,
    expiresAt: payload.exp as number
  };
}

// The users table's column sizes (migrations/0001). A signed token is still someone else's input:
// a claim that does not fit is dropped (email) or shortened (name) rather than failing every request.
const MAX_SUBJECT_LENGTH = 255;
const MAX_EMAIL_LENGTH = 320;
const MAX_NAME_LENGTH = 200;
// Control characters (NUL above all, which Postgres text cannot hold) and unpaired surrogates.
const UNSTORABLE_TEXT = /[\u0000-\u001F\u007F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function isStorableText(value: unknown, maxLength: number): value is string {
  if (typeof value !== 'string' || value === '' || value.length > maxLength) return false;
  UNSTORABLE_TEXT.lastIndex = 0;
  return !UNSTORABLE_TEXT.test(value);
}

/** The name as people will see it: unprintable characters removed, cut to the column's size. */
function displayName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(UNSTORABLE_TEXT, '').trim();
  return cleaned === '' ? null : [...cleaned].slice(0, MAX_NAME_LENGTH).join('');
}

function toHttpError(error: unknown): HttpError {
  if (error instanceof errors.JWTExpired) return unauthorized('AUTH_EXPIRED', 'The access token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return unauthorized('AUTH_WRONG_ISSUER', 'The access token was issued by someone else.');
    if (error.claim === 'aud') return unauthorized('AUTH_WRONG_AUDIENCE', 'The access token is meant for another API.');
    return unauthorized('AUTH_INVALID_CLAIMS', `The access token’s “${error.claim}” claim is not valid.`);
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return unauthorized('AUTH_UNKNOWN_KEY', 'The access token was signed with a key the issuer does not publish.');
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return unauthorized('AUTH_BAD_SIGNATURE', 'The access token’s signature does not match.');
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return unauthorized('AUTH_ALGORITHM', `Access tokens must be signed with ${ALGORITHM}.`);
  }
  if (error instanceof errors.JWSInvalid || error instanceof errors.JWTInvalid) {
    return unauthorized('AUTH_MALFORMED', 'The access token is not a well-formed JWT.');
  }
  if (error instanceof HttpError) return error;
  // Only trouble fetching the issuer's keys (timeout, network, a key set that is not JSON) leaves the
  // token's verdict open: the server's trouble, not the caller's. Any other refusal is about the token
  // itself (an unknown `crit` header, for one), which anyone can make without a key: never an outage.
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || !(error instanceof errors.JOSEError)) {
    return new HttpError(503, 'AUTH_UNAVAILABLE', 'Sign-in cannot be checked right now. Try again shortly.');
  }
  return unauthorized('AUTH_UNSUPPORTED', 'The access token uses a feature this server does not accept.');
}

export function unauthorized(code: string, message: string): HttpError {
  return new HttpError(401, code, message);
}
