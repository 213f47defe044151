import { describe, expect, it } from 'vitest';
import { createMetadataPolicy, REDACTED } from '../../lib/policy/index.js';

const sanitize = createMetadataPolicy();
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
const PEM_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7';

describe('secret-shaped values are redacted whatever the key', () => {
  it.each([
    ['a bearer token', 'Bearer 2YotnFZFEjr1zCsicMWpAA'],
    ['a bearer token, lower case', 'bearer abc123def456'],
    ['a bearer JWT', `Bearer ${JWT}`],
    ['a header dump', `GET / HTTP/1.1\r\nAuthorization: Bearer mF_9.B5f-4.1JqM\r\n`],
    ['Basic credentials', 'Basic dXNlcjpwYXNzd29yZA=='],
    ['Basic credentials, short', 'Basic YTpi'],
    ['a JWT', JWT],
    ['a JWT in a URL', `https://app.example/callback?id_token=${JWT}&state=x`],
    ['an unsigned JWT', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiIxIn0.'],
    [
      'an argon2id hash',
      '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG',
    ],
    ['an argon2i hash', '$argon2i$v=19$m=4096,t=3,p=1$c2FsdHNhbHQ$aGFzaA'],
    ['a bcrypt $2a$ hash', '$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
    ['a bcrypt $2b$ hash', '$2b$12$KIXQJQh0pGxY6XUTYgfHd.9gAhxv2p0JMq0H3mA4pVz7m6WQy5fVi'],
    ['a bcrypt $2y$ hash', '$2y$10$.vGA1O9wmRjrwAVXD98HNOgsNpDczlqm3Jq7KnEd1rVAGv3Fykk1a'],
    [
      'an scrypt hash',
      '$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E',
    ],
    ['a pbkdf2 hash (passlib, Elixir)', '$pbkdf2-sha512$160000$salt$hash'],
    ['a pbkdf2 hash (Django)', 'pbkdf2_sha256$260000$salt$hash'],
    ['a PEM private key', `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n-----END PRIVATE KEY-----`],
    ['a PEM RSA private key', `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\n`],
    ['an OpenSSH private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjE='],
    ['an encrypted PEM private key', '-----BEGIN ENCRYPTED PRIVATE KEY-----'],
    ['an e-mail address', 'alice@example.com'],
    ['an e-mail address with tags', 'Alice.Smith+auth@mail.example.co.uk'],
    ['an address inside a message', 'no account for alice@example.com'],
    ['a named address', 'Alice <a@x.com>'],
  ])('%s', (_shape, value) => {
    expect(sanitize({ note: value, list: [value], set: new Set([value]) })).toEqual({
      note: REDACTED,
      list: [REDACTED],
      set: new Set([REDACTED]),
    });
  });
});

describe('ordinary strings pass', () => {
  it.each([
    ['a rate-limit key', 'ip:1.2.3.4'],
    ['a prefixed rate-limit key', 'login:ip:1.2.3.4'],
    ['an MFA method', 'totp'],
    ['another MFA method', 'backup_code'],
    ['the word Bearer alone', 'Bearer'],
    ['the scheme in prose', 'Bearer token missing'],
    ['the scheme with a plain word', 'Bearer authentication'],
    ['Basic in prose', 'Basic auth failed'],
    ['Basic with a word', 'Basic authentication'],
    ['a package version', 'react@18.2.0'],
    ['a scoped package', '@nestjs/core@12.5.1'],
    ['a user at a host', 'deploy@localhost'],
    ['a dollar amount', '$2.50'],
    ['an ISO date', '2024-01-01T00:00:00Z'],
    ['a base64 id', 'eyJ'],
    ['a PEM public key', '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A'],
    ['a certificate', '-----BEGIN CERTIFICATE-----\nMIIDdzCCAl+gAwIBAgIEAgAAuTANBgkq'],
    ['an empty string', ''],
  ])('%s', (_what, value) => {
    const metadata = { note: value };
    expect(sanitize(metadata)).toEqual(metadata);
  });
});
