/** A fixed-window rate limit: `limit` requests per key and window of `windowMs`. */
export interface RateLimitOptions {
  /** Requests allowed per key and window. */
  limit: number;
  /** Window length in milliseconds. */
  windowMs: number;
}

/** Settings of the per-IP rate limit of `POST /auth/login`. */
export type LoginRateLimitOptions = RateLimitOptions;

/**
 * The app's rate limits, by the `key_prefix` their `security.rate_limited` events carry. Each
 * counts per client address (IPv6 per /64), except `reset_email`, which counts per e-mail address.
 */
export interface RateLimits {
  /** `POST /auth/login`. */
  login: RateLimitOptions;
  /** `POST /auth/register`: each registration costs a password hash. */
  register: RateLimitOptions;
  /** `POST /auth/sudo`: each confirmation costs a password hash. */
  sudo: RateLimitOptions;
  /** `POST /password-reset/request`. */
  reset_request: RateLimitOptions;
  /** Reset mails per e-mail address, so that nobody floods an inbox. */
  reset_email: RateLimitOptions;
  /** `POST /mfa/verify`, across the accounts tried from one address. */
  mfa_verify: RateLimitOptions;
}

/** A rate limit's name. */
export type RateLimitPolicy = keyof RateLimits;

const MINUTE = 60_000;

/** 20 login requests per IP and minute. */
export const DEFAULT_LOGIN_RATE_LIMIT: LoginRateLimitOptions = { limit: 20, windowMs: MINUTE };

/** The rate limits the app runs with. */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  login: DEFAULT_LOGIN_RATE_LIMIT,
  register: { limit: 10, windowMs: 10 * MINUTE },
  sudo: { limit: 10, windowMs: MINUTE },
  reset_request: { limit: 10, windowMs: 10 * MINUTE },
  reset_email: { limit: 3, windowMs: 60 * MINUTE },
  mfa_verify: { limit: 10, windowMs: MINUTE },
};

/** Injection token of the `RateLimits` (override it in tests). */
export const RATE_LIMITS = Symbol('RATE_LIMITS');

/**
 * Injection token of the login limit alone, kept for callers that override only it; `RATE_LIMITS`
 * takes its `login` entry from here.
 */
export const LOGIN_RATE_LIMIT = Symbol('LOGIN_RATE_LIMIT');

/** Most keys a rate limit or failure throttle tracks; the oldest go first past it. */
export const MAX_TRACKED_KEYS = 100_000;

/** Failed logins in a row, per account and client address, after which that pair is locked. */
export const LOCKOUT_THRESHOLD = 5;

/** How long the first lock lasts; each further lock of the same pair doubles it. */
export const LOCKOUT_DURATION_MS = 15 * MINUTE;

/** The longest lock, and how long a pair's record of earlier locks is kept. */
export const MAX_LOCKOUT_MS = 24 * 60 * MINUTE;

/** Wrong MFA codes in a row after which MFA verification is locked. */
export const MFA_ATTEMPTS = 5;

/** How long the first MFA lock lasts; each further lock doubles it. */
export const MFA_LOCK_DURATION_MS = 15 * MINUTE;

/** How long a password confirmation (`POST /auth/sudo`) allows sensitive changes. */
export const SUDO_TTL_MS = 5 * MINUTE;

/** A session unused for this long ends. */
export const SESSION_IDLE_TTL_MS = 30 * MINUTE;

/** A session ends this long after login however much it is used. */
export const SESSION_ABSOLUTE_TTL_MS = 12 * 60 * MINUTE;

/** An `mfa_pending` session ends this long after the password was checked. */
export const MFA_PENDING_TTL_MS = 5 * MINUTE;
