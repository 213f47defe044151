/** Settings of the per-IP rate limit of `POST /auth/login`. */
export interface LoginRateLimitOptions {
  /** Requests allowed per IP and window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/** Injection token of the `LoginRateLimitOptions` (override it in tests). */
export const LOGIN_RATE_LIMIT = Symbol('LOGIN_RATE_LIMIT');

/** 20 login requests per IP and minute. */
export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimitOptions = { limit: 20, windowMs: 60_000 };

/** Failed password logins in a row after which the account is locked. */
export const LOCKOUT_THRESHOLD = 5;

/** How long an account stays locked unless its password is reset. */
export const LOCKOUT_DURATION_MS = 15 * 60_000;

/** Wrong MFA codes in a row after which MFA verification is locked. */
export const MFA_ATTEMPTS = 5;

/** How long MFA verification stays locked. */
export const MFA_LOCK_DURATION_MS = 15 * 60_000;
