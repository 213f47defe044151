import {
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Req,
  Res,
  ServiceUnavailableException,
  UseGuards,
  type Type,
} from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dashboardAsset } from './dashboard-assets.function.js';
import { DASHBOARD_PAGE_HEADERS, dashboardPage } from './dashboard-page.function.js';
import type { DashboardSnapshot } from './dashboard-wire.types.js';
import { SigraDashboardAuthGuard } from './sigra-dashboard.guard.js';
import { SigraDashboardService } from './sigra-dashboard.service.js';

/** Express hands over Node's objects; Fastify wraps them and keeps them under `raw`. */
interface PlatformResponse {
  raw?: ServerResponse;
  hijack?: () => void;
}

function rawRequest(request: IncomingMessage & { raw?: IncomingMessage }): IncomingMessage {
  return request.raw ?? request;
}

/** Takes the response over from the framework (Fastify must be told) and returns Node's. */
function takeOver(response: ServerResponse & PlatformResponse): ServerResponse {
  response.hijack?.();
  return response.raw ?? response;
}

/** The path the page was requested at, without query or trailing slash: its assets' base. */
function basePath(request: IncomingMessage & { originalUrl?: string }): string {
  const url = request.originalUrl ?? request.url ?? '/';
  return new URL(url, 'http://localhost').pathname.replace(/\/+$/, '');
}

function send(response: ServerResponse, headers: Record<string, string>, body: string | Buffer) {
  response.writeHead(200, { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  response.end(body);
}

/**
 * The dashboard's routes, mounted under the module's `path`: the page, its assets (static code,
 * no data, so not guarded), `history` (JSON) and `stream` (server-sent events).
 */
export class SigraDashboardRoutes {
  // Declared explicitly: the mounted subclass has no decorator metadata of its own.
  constructor(@Inject(SigraDashboardService) private readonly dashboard: SigraDashboardService) {}

  @Get()
  @UseGuards(SigraDashboardAuthGuard)
  page(@Req() request: IncomingMessage, @Res() response: ServerResponse & PlatformResponse): void {
    const page = dashboardPage(basePath(rawRequest(request)));
    send(
      takeOver(response),
      { ...DASHBOARD_PAGE_HEADERS, 'content-type': 'text/html; charset=utf-8' },
      page,
    );
  }

  @Get('history')
  @UseGuards(SigraDashboardAuthGuard)
  @Header('cache-control', 'no-store')
  history(): DashboardSnapshot {
    return this.dashboard.snapshot();
  }

  @Get('stream')
  @UseGuards(SigraDashboardAuthGuard)
  stream(@Res() response: ServerResponse & PlatformResponse): void {
    if (this.dashboard.streamsFull()) {
      throw new ServiceUnavailableException(
        'Too many Sigra dashboard streams are open; close a dashboard tab, or raise stream.maxClients.',
      );
    }
    this.dashboard.openStream(takeOver(response));
  }

  @Get('assets/:name')
  asset(@Param('name') name: string, @Res() response: ServerResponse & PlatformResponse): void {
    const asset = dashboardAsset(name);
    if (asset === undefined) throw new NotFoundException(`No dashboard asset ${name}.`);
    send(
      takeOver(response),
      {
        'content-type': asset.contentType,
        'cache-control': 'public, max-age=3600',
        'x-content-type-options': 'nosniff',
      },
      asset.body,
    );
  }
}

/** The controller class mounted at `path` (a fresh subclass, so two apps may use two paths). */
export function dashboardControllerAt(path: string): Type<SigraDashboardRoutes> {
  if (typeof path !== 'string' || !/^[\w\-./]*$/.test(path) || path.includes('..')) {
    throw new TypeError(
      `SigraDashboardModule: path must be a URL path of letters, digits, '-', '_', '.' and '/', such as 'sigra' or 'admin/sigra', got ${JSON.stringify(path)}.`,
    );
  }
  class SigraDashboardController extends SigraDashboardRoutes {}
  Controller(path)(SigraDashboardController);
  return SigraDashboardController;
}
