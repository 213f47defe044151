import { describe, expect, it } from 'vitest';
import {
  cataloguedEvents,
  SigraSignals,
  SigraSpans,
  uncataloguedEvents,
} from '../../lib/catalog/index.js';

const members = (groups: object): (readonly string[])[] =>
  Object.values(groups).flatMap((group: object) => Object.values(group));

describe('SigraSpans and SigraSignals', () => {
  it('give span prefixes and full signal names by category', () => {
    expect(SigraSpans.auth.login).toEqual(['sigra', 'auth', 'login']);
    expect(SigraSpans.mfa.backupCodesRegenerate).toEqual([
      'sigra',
      'mfa',
      'backup_codes',
      'regenerate',
    ]);
    expect(SigraSpans.emailChange.request).toEqual(['sigra', 'email_change', 'request']);
    expect(SigraSpans.uncatalogued.passkeysRegister).toEqual(['sigra', 'passkeys', 'register']);
    expect(SigraSignals.security.rateLimited).toEqual(['sigra', 'security', 'rate_limited']);
    expect(SigraSignals.oauth.link).toEqual(['sigra', 'oauth', 'link', 'stop']);
    expect(SigraSignals.apiToken.revokeAll).toEqual(['sigra', 'api_token', 'revoke_all', 'stop']);
    expect(SigraSignals.uncatalogued.auditForwardOk).toEqual(['sigra', 'audit', 'forward', 'ok']);
  });

  it('group by category, with the uncatalogued events apart', () => {
    expect(Object.keys(SigraSpans)).toEqual([
      'auth',
      'token',
      'session',
      'oauth',
      'mfa',
      'email',
      'confirmation',
      'apiToken',
      'jwt',
      'emailChange',
      'password',
      'uncatalogued',
    ]);
    expect(Object.keys(SigraSignals)).toEqual([
      'session',
      'security',
      'oauth',
      'mfa',
      'confirmation',
      'reset',
      'token',
      'apiToken',
      'jwt',
      'password',
      'account',
      'hook',
      'uncatalogued',
    ]);
  });

  it('cover every event of the catalog exactly once', () => {
    const phases = ['start', 'stop', 'exception'];
    const covered = [
      ...members(SigraSpans).flatMap((prefix) => phases.map((phase) => [...prefix, phase])),
      ...members(SigraSignals),
    ].map((name) => name.join('.'));
    const all = [...cataloguedEvents(), ...uncataloguedEvents()].map((name) => name.join('.'));
    expect(new Set(covered).size).toBe(covered.length);
    expect(covered.toSorted()).toEqual(all.toSorted());
  });

  it('are deeply frozen', () => {
    for (const groups of [SigraSpans, SigraSignals]) {
      expect(Object.isFrozen(groups)).toBe(true);
      for (const group of Object.values(groups)) expect(Object.isFrozen(group)).toBe(true);
      for (const name of members(groups)) expect(Object.isFrozen(name)).toBe(true);
    }
    expect(() => (SigraSpans.auth.login as unknown as string[]).push('stop')).toThrow(TypeError);
  });
});
