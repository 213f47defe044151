import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  attach,
  DEFAULT_LOGGER_HANDLER_ID,
  detach,
  execute,
  getMetadataPolicy,
  listHandlers,
  setCoreLogger,
  setMetadataPolicy,
  SigraTelemetryModule,
  SigraTelemetryService,
  type CoreLogger,
  type SigraTelemetryModuleOptions,
} from '../../lib/index.js';
import { REDACTED } from '../../lib/policy/index.js';
import { strictestPolicy } from '../../lib/nest/sigra-telemetry.live-apps.js';
import { closeAppsAfterEach, RecordingLogger } from '../support/nest.js';
import { detachAllAfterEach } from '../support/registry.js';

detachAllAfterEach();

const { track, close } = closeAppsAfterEach();
let logger: RecordingLogger;

beforeEach(() => {
  logger = new RecordingLogger();
});

async function start(options: SigraTelemetryModuleOptions): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [SigraTelemetryModule.forRoot(options)],
  }).compile();
  const app = track(moduleRef.createNestApplication({ logger }));
  await app.init();
  return app;
}

/** What a handler outside any app receives for `metadata`. */
function seen(metadata: Record<string, unknown>): Record<string, unknown> {
  let received: Record<string, unknown> = {};
  attach('probe', ['app', 'probe'], (_, __, given) => {
    received = given as Record<string, unknown>;
  });
  try {
    execute(['app', 'probe'], {}, metadata);
  } finally {
    detach('probe');
  }
  return received;
}

const LOCKOUT = ['sigra', 'security', 'lockout'];

function ids(app: INestApplication): Set<unknown> {
  return new Set(
    app
      .get(SigraTelemetryService)
      .listHandlers([])
      .map((record) => record.id),
  );
}

describe('two apps alive in one process', () => {
  it("a later app never weakens an earlier app's strict mode; closing either keeps the other's", async () => {
    const before = getMetadataPolicy();
    const strict = await start({ logger: false, metadataPolicy: { mode: 'strict' } });
    const lax = await start({ logger: false, metadataPolicy: { mode: 'redact' } });
    attach('h', ['app', 'x'], () => undefined);
    expect(() => execute(['app', 'x'], {}, { password: 'hunter2' })).toThrow(/password/);

    await close(lax);
    expect(() => execute(['app', 'x'], {}, { password: 'hunter2' })).toThrow(/password/);
    await close(strict);
    expect(getMetadataPolicy()).toBe(before);
  });

  it('deny lists unite; when the first app closes, the second keeps its own denyKeys', async () => {
    const first = await start({ logger: false, metadataPolicy: { denyKeys: ['badge'] } });
    const second = await start({ logger: false, metadataPolicy: { denyKeys: ['locker'] } });
    expect(seen({ badge: 'b-1', locker: 'l-1' })).toEqual({ badge: REDACTED, locker: REDACTED });

    await close(first);
    expect(seen({ badge: 'b-1', locker: 'l-1' })).toEqual({ badge: 'b-1', locker: REDACTED });
    await close(second);
    expect(seen({ badge: 'b-1', locker: 'l-1' })).toEqual({ badge: 'b-1', locker: 'l-1' });
  });

  it('allow lists intersect: a key one app exempts stays protected while another app lives', async () => {
    const allowing = await start({ logger: false, metadataPolicy: { allowKeys: ['api_token'] } });
    expect(seen({ api_token: 'visible' })).toEqual({ api_token: 'visible' });
    const other = await start({ logger: false });
    expect(seen({ api_token: 'visible' })).toEqual({ api_token: REDACTED });
    await close(other);
    expect(seen({ api_token: 'visible' })).toEqual({ api_token: 'visible' });
    await close(allowing);
  });

  it('both apps have their own default logger, each with its own options; closing the first keeps the second', async () => {
    const text = await start({ logger: { encode: 'text' } });
    const json = await start({ logger: { encode: 'json', filter: ['security'] } });
    expect(ids(text)).toEqual(new Set([DEFAULT_LOGGER_HANDLER_ID]));
    expect(ids(json)).toEqual(new Set([`${DEFAULT_LOGGER_HANDLER_ID}#2`]));

    execute(LOCKOUT, {}, { user_id: 7 });
    const lines = logger.sigra().map((entry) => entry.message);
    expect(lines).toHaveLength(2);
    expect(lines.filter((line) => typeof line === 'string')).toHaveLength(1);
    expect(lines.filter((line) => typeof line === 'object')).toHaveLength(1);

    await close(text);
    logger.entries.length = 0;
    execute(LOCKOUT, {}, { user_id: 7 });
    expect(logger.sigra().map((entry) => typeof entry.message)).toEqual(['object']);
    expect(json.get(SigraTelemetryService).attachDefaultLogger()).toBe('already_exists');
    expect(json.get(SigraTelemetryService).detachDefaultLogger()).toBe('ok');
    expect(listHandlers([])).toEqual([]);
  });

  it('after the last close the core logger is the one from before the first start', async () => {
    const reports: string[] = [];
    const mine: CoreLogger = { error: (message) => reports.push(message) };
    const previous = setCoreLogger(mine);
    try {
      const first = await start({ logger: false });
      const second = await start({ logger: false });
      await close(first);
      attach('fails', ['app', 'y'], () => {
        throw new Error('boom');
      });
      execute(['app', 'y']);
      expect(reports).toEqual([]);
      expect(logger.sigra().map((entry) => entry.level)).toEqual(['error']);
      await close(second);
      attach('fails-again', ['app', 'y'], () => {
        throw new Error('boom');
      });
      execute(['app', 'y']);
      expect(reports).toHaveLength(1);
    } finally {
      setCoreLogger(previous);
    }
  });

  it('a policy set with setMetadataPolicy before the first start is back after the last close', async () => {
    const original = setMetadataPolicy({ mode: 'strict', denyKeys: ['tenant'] });
    try {
      const mine = getMetadataPolicy();
      const a = await start({ logger: false });
      const b = await start({ logger: false, metadataPolicy: { mode: 'off' } });
      expect(getMetadataPolicy().mode).toBe('redact');
      await close(a);
      expect(getMetadataPolicy()).toEqual({ mode: 'off' });
      await close(b);
      expect(getMetadataPolicy()).toBe(mine);
    } finally {
      setMetadataPolicy(original);
    }
  });
});

describe('strictestPolicy', () => {
  it('takes the strictest mode, the union of denyKeys and the intersection of allowKeys', () => {
    expect(
      strictestPolicy([
        { mode: 'off', denyKeys: ['a'], allowKeys: ['x', 'y'] },
        { denyKeys: ['b', 'a'], allowKeys: ['y', 'z'] },
        { mode: 'strict', allowKeys: ['y'] },
      ]),
    ).toEqual({ mode: 'strict', denyKeys: ['a', 'b'], allowKeys: ['y'] });
    expect(strictestPolicy([{ mode: 'off' }, { mode: 'off' }]).mode).toBe('off');
    expect(strictestPolicy([{ allowKeys: ['x'] }, {}]).allowKeys).toEqual([]);
  });
});

describe('a handler that fails inside an app', () => {
  it('is gone from the app bookkeeping too: the app lists nothing, closes cleanly, and can reuse the id', async () => {
    const app = await start({ logger: false });
    const service = app.get(SigraTelemetryService);
    service.attach('rec', ['app', 'rec'], () => execute(['app', 'rec']));
    execute(['app', 'rec']);
    expect(service.listHandlers([])).toEqual([]);
    expect(service.attach('rec', ['app', 'rec'], () => undefined)).toBe('ok');
    expect(service.listHandlers([]).map((record) => record.id)).toEqual(['rec']);
    await close(app);
    expect(listHandlers([])).toEqual([]);
  });
});
