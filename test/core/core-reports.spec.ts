import { inspect } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attach, execute, setMetadataPolicy, span } from '../../lib/core/index.js';
import { REDACTED } from '../../lib/policy/index.js';
import { detachAllAfterEach, record, captureCoreReports } from '../support/registry.js';

detachAllAfterEach();

const EVENT = ['app', 'evt'];
const JWT =
  'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U';
// Every character that can end a log line or drive a terminal.
// oxlint-disable-next-line no-control-regex -- matching them is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;
const FORGED = 'x\r\n2026-01-01 ERROR forged\u001b[31m\u0007\u0000\u0085\u009b\u2028\u2029';

const reports = captureCoreReports();
afterEach(() => {
  setMetadataPolicy({});
});

/** Everything the core logger was handed, as a console would print it. */
function printed(): string {
  return reports
    .map(
      ([message, error]) => `${message} ${error instanceof Error ? error.stack : inspect(error)}`,
    )
    .join('\n');
}

describe.each(['redact', 'strict'] as const)('core reports in %s mode', (mode) => {
  beforeEach(() => setMetadataPolicy({ mode }));

  it('a failing handler: the thrown error is sanitized, message and stack', () => {
    attach('bad', EVENT, () => {
      throw new Error(`verify failed: ${JWT} for alice@example.com`);
    });
    execute(EVENT, {}, {});
    expect(reports.length).toBeGreaterThan(0);
    expect(printed()).not.toContain(JWT.slice(0, 40));
    expect(printed()).not.toContain('alice@example.com');
  });

  it('a failing handler throwing a plain object with a password', () => {
    attach('bad', EVENT, () => {
      throw { password: 'hunter2', user_id: 7 };
    });
    execute(EVENT, {}, {});
    expect(printed()).not.toContain('hunter2');
  });

  it('a metadata callback that throws a secret', () => {
    attach('listener', [...EVENT, 'stop'], () => {});
    span(EVENT, {}, () => 1, {
      stopMetadata: () => {
        throw new Error('password=hunter2');
      },
    });
    expect(reports).toHaveLength(1);
    expect(printed()).not.toContain('hunter2');
    // Redact mode cuts the secret out of the message; strict mode reports its refusal instead.
    if (mode === 'redact') expect(printed()).toContain(`password=${REDACTED}`);
    else expect(printed()).toContain('MetadataPolicyError');
  });

  it('escapes control characters in handler ids, event names and thrown messages', () => {
    const event = ['app', FORGED];
    attach(`id${FORGED}`, event, () => {
      throw new Error(FORGED);
    });
    execute(event, {}, {});
    const [message, error] = reports[0]!;
    expect(message).not.toMatch(RAW_CONTROL);
    expect(message).not.toContain('\n');
    const stack = (error as Error).stack!;
    expect(stack).not.toMatch(RAW_CONTROL);
    expect(
      stack
        .split('\n')
        .slice(1)
        .every((line) => line.startsWith('    at ')),
    ).toBe(true);
    expect((error as Error).message).not.toMatch(/[\n\r]/);
  });
});

describe('measurements pass the policy', () => {
  it('redacts secrets in measurements before any handler', () => {
    const seen = record('r', [EVENT]);
    execute(EVENT, { password: 'hunter2', session_token: JWT, count: 1 }, {});
    expect(seen[0]?.measurements).toEqual({
      password: REDACTED,
      session_token: REDACTED,
      count: 1,
    });
  });

  it('strict mode refuses them, and nothing is emitted', () => {
    setMetadataPolicy({ mode: 'strict' });
    const seen = record('r', [EVENT]);
    expect(() => execute(EVENT, { password: 'hunter2' }, {})).toThrow(/password/);
    expect(seen).toHaveLength(0);
  });
});

describe('copy once, through the core', () => {
  it('a getter clean on the first read and secret on the second never reaches a handler', () => {
    const seen = record('r', [EVENT]);
    let reads = 0;
    const metadata = {
      get note() {
        return reads++ === 0 ? 'fine' : 'Bearer abc123def456';
      },
    };
    execute(EVENT, {}, metadata);
    const note = seen[0]!.metadata.note;
    expect([note, seen[0]!.metadata.note]).toEqual(['fine', 'fine']);
    expect(Object.getOwnPropertyDescriptor(seen[0]!.metadata, 'note')).toHaveProperty('value');
  });
});
