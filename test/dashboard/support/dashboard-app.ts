import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import type { AbstractHttpAdapter } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { SigraDashboardModule } from '../../../lib/dashboard/index.js';
import { RecordingLogger } from '../../support/nest.js';

/** A token long enough for the module. */
export const TOKEN = 'test-token-0123456789abcdef';

/** A Nest app serving a dashboard on a loopback port. */
export interface DashboardApp {
  readonly app: INestApplication;
  readonly logger: RecordingLogger;
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  http(): ReturnType<typeof request>;
  close(): Promise<void>;
}

/**
 * Boots an app importing `imports` (a dashboard module among them) on Express, or on `adapter`,
 * and listens on loopback.
 */
export async function startDashboardApp(
  imports: unknown[] = [SigraDashboardModule.forRoot({ auth: { token: TOKEN } })],
  adapter?: AbstractHttpAdapter,
): Promise<DashboardApp> {
  const moduleRef = await Test.createTestingModule({ imports: imports as never[] }).compile();
  const logger = new RecordingLogger();
  const app =
    adapter === undefined
      ? moduleRef.createNestApplication({ logger })
      : moduleRef.createNestApplication(adapter, { logger });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as { port: number };
  return {
    app,
    logger,
    origin: `http://127.0.0.1:${port}`,
    http: () => request(app.getHttpServer()),
    close: () => app.close(),
  };
}
