import { describe, expect, it } from 'vitest';
import { createMetadataPolicy, REDACTED } from '../../lib/policy/index.js';

const sanitize = createMetadataPolicy();

function redactsKey(key: string): boolean {
  const metadata = { [key]: 'plain value', nested: { deeper: [{ [key]: 'plain value' }] } };
  const result = sanitize(metadata) as {
    [key: string]: unknown;
    nested: { deeper: Record<string, unknown>[] };
  };
  const top = result[key] === REDACTED;
  expect(result.nested.deeper[0]![key] === REDACTED).toBe(top); // same verdict at any depth
  return top;
}

describe('forbidden key names, in every style', () => {
  it.each([
    // passwords and their hashes
    'password',
    'Password',
    'PASSWORD',
    'passwordHash',
    'password_hash',
    'PASSWORDHASH',
    'hashed_password',
    'hashedPassword',
    'new-password',
    'current_password',
    'passwd',
    'pwd',
    'passphrase',
    'passwords',
    'PaSsWoRd',
    // one-time, TOTP, backup and recovery codes
    'totp',
    'TOTP_CODE',
    'totpCode',
    'totp_secret',
    'otp',
    'otp_code',
    'hotp',
    'backupCodes',
    'backup_codes',
    'backup-code',
    'BackupCode',
    'recovery_codes',
    'recoveryCode',
    'verification_code',
    'mfaCode',
    '2fa_code',
    'sms_code',
    'passcode',
    'code_verifier',
    // tokens
    'token',
    'tokens',
    'accessToken',
    'access_token',
    'ACCESS_TOKEN',
    'accesstoken',
    'refreshToken',
    'refresh_token',
    'id_token',
    'idToken',
    'session_token',
    'sessionToken',
    'bearer',
    'bearer_token',
    'csrfToken',
    'x-auth-token',
    'reset_token',
    'api_token',
    'jwt',
    // authorization headers and cookies
    'Authorization',
    'authorization',
    'proxy-authorization',
    'auth_header',
    'cookie',
    'Cookie',
    'cookies',
    'set-cookie',
    'Set-Cookie',
    'setCookie',
    'session_cookie',
    // API and private keys
    'apiKey',
    'api_key',
    'apikey',
    'X-Api-Key',
    'x-api-key',
    'APIKey',
    'API_KEY',
    'private_key',
    'privateKey',
    'PRIVATE_KEY',
    'signing_key',
    'access_key',
    'client_key',
    'ssh_key',
    // secrets and credentials
    'secret',
    'Secret',
    'client_secret',
    'clientSecret',
    'client-secret',
    'ClientSecret',
    'CLIENT_SECRET',
    'oauth_secret',
    'consumerSecret',
    'webhook_secret',
    'secrets',
    'credentials',
    'Credentials',
    'credential',
    'creds',
    // e-mail addresses
    'email',
    'Email',
    'EMAIL',
    'userEmail',
    'user_email',
    'new_email',
    'emailAddress',
    'email_address',
    'e-mail',
    'E_Mail',
    'emails',
    // session ids (see the decision test below)
    'session_id',
    'sessionId',
    'sessionID',
    'SESSION_ID',
    'JSESSIONID',
    'PHPSESSID',
  ])('%s is redacted', (key) => {
    expect(redactsKey(key)).toBe(true);
  });
});

describe("Sigra's own metadata keys and other safe keys", () => {
  it.each([
    // every key Sigra emits (research §2)
    'token_id',
    'family_id',
    'key_prefix',
    'geo_country_code',
    'geo_city',
    'user_id',
    'provider',
    'method',
    'result',
    'attempts_remaining',
    'retry_after',
    'ip',
    'type',
    'admin',
    'delivery_method',
    'email_type',
    'failed_attempts_before',
    'scheduled_at',
    'strategy',
    'target_type',
    'trust_browser',
    'actor_id',
    'outcome',
    'action',
    'occurred_at',
    'audit_event_id',
    'service_account_id',
    'kind',
    'reason',
    'stacktrace',
    'telemetry_span_context',
    'count',
    'success',
    'token_type',
    'status_code',
    'error_code',
    'expires_at',
    'key',
    'id',
    'forwarder',
    'dispatch',
    'attempt',
    'duration_ms',
    'error_fields',
    'operation',
    'module',
    'error',
    // descriptors of a secret, not the secret
    'tokenType',
    'tokenId',
    'api_key_id',
    'api_token_id',
    'password_changed_at',
    'passwordChangedAt',
    'totp_enabled',
    'email_verified',
    'emailVerified',
    'backup_codes_count',
    'otp_sent_at',
    'token_expires_at',
    'session_count',
    // look alike but are not secrets
    'country_code',
    'session',
    'auth_method',
    'hash_algorithm',
    'mail_provider',
    'keyboard',
    'monkey',
    'user_agent',
  ])('%s passes', (key) => {
    expect(redactsKey(key)).toBe(false);
  });
});

describe('decisions', () => {
  it('treats session_id as a credential: OWASP says never log session identifiers', () => {
    expect(sanitize({ session_id: 'abc' })).toEqual({ session_id: REDACTED });
    const allowing = createMetadataPolicy({ allowKeys: ['session_id'] });
    expect(allowing({ sessionId: 'abc' })).toEqual({ sessionId: 'abc' });
  });

  it('keeps a bare `code`, which Node errors use for their error code', () => {
    expect(sanitize({ code: 'ECONNRESET' })).toEqual({ code: 'ECONNRESET' });
  });

  it('redacts a forbidden key whatever its value type', () => {
    const metadata = { password: { old: 'a', new: 'b' }, backup_codes: ['1', '2'], otp: 123456 };
    expect(sanitize(metadata)).toEqual({
      password: REDACTED,
      backup_codes: REDACTED,
      otp: REDACTED,
    });
  });
});
