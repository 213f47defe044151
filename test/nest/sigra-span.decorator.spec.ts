import 'reflect-metadata';
import {
  applyDecorators,
  CanActivate,
  Controller,
  ExecutionContext,
  ForbiddenException,
  Get,
  Injectable,
  Param,
  Post,
  SetMetadata,
  UseGuards,
  type INestApplication,
} from '@nestjs/common';

import { Reflector } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Observable, of } from 'rxjs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SigraSpan, SigraTelemetryModule } from '../../lib/index.js';
import { detachAllAfterEach, record, spanEvents } from '../support/registry.js';

detachAllAfterEach();

const LOGIN = ['sigra', 'auth', 'login'];
const names = (seen: { event: string }[]) => seen.map((e) => e.event);

class Sessions {
  readonly prefix = 'sess';

  // A custom prefix: its metadata is the app's own (`Record<string, unknown>`).
  @SigraSpan(['app', 'session', 'create'], {
    metadata: (userId: number) => ({ user_id: userId }),
    stopMetadata: (id: string, userId: number) => ({
      session_id_prefix: id.slice(0, 4),
      user_id: userId,
    }),
  })
  create(userId: number, _type = 'standard'): string {
    return `${this.prefix}-${userId}`;
  }

  @SigraSpan(['sigra', 'session', 'delete'])
  async remove(id: string): Promise<string> {
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (id === 'missing') throw new Error('no such session');
    return `${this.prefix}:${id}`;
  }

  @SigraSpan(['sigra', 'session', 'sudo'])
  watch(): Observable<number> {
    return of(1, 2, 3);
  }
}

describe('@SigraSpan on a plain class built with new', () => {
  it('spans a sync method with metadata from arguments and from the result, keeping this', () => {
    const seen = record('s', spanEvents(['app', 'session', 'create']));
    expect(new Sessions().create(7)).toBe('sess-7');
    expect(names(seen)).toEqual(['app.session.create.start', 'app.session.create.stop']);
    expect(seen[0]?.metadata).toEqual({ user_id: 7, telemetry_span_context: expect.anything() });
    expect(seen[1]?.metadata).toMatchObject({ user_id: 7, session_id_prefix: 'sess' });
  });

  it('spans a Promise-returning method to settlement and rethrows the same error', async () => {
    const seen = record('s', spanEvents(['sigra', 'session', 'delete']));
    await expect(new Sessions().remove('a')).resolves.toBe('sess:a');
    const failing = new Sessions().remove('missing');
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(names(seen)).toEqual([
      'sigra.session.delete.start',
      'sigra.session.delete.stop',
      'sigra.session.delete.start',
      'sigra.session.delete.exception',
    ]);
    expect(seen[3]?.metadata.reason).toBe(error);
  });

  it('spans an Observable-returning method from subscribe to complete', () => {
    const seen = record('s', spanEvents(['sigra', 'session', 'sudo']));
    const stream = new Sessions().watch();
    expect(seen).toEqual([]);
    const values: number[] = [];
    stream.subscribe((v) => values.push(v));
    expect(values).toEqual([1, 2, 3]);
    expect(names(seen)).toEqual(['sigra.session.sudo.start', 'sigra.session.sudo.stop']);
  });

  it('one span per call', () => {
    const seen = record('s', spanEvents(['app', 'session', 'create']));
    const sessions = new Sessions();
    sessions.create(1);
    sessions.create(2);
    expect(names(seen)).toHaveLength(4);
  });

  it('keeps the method name and length', () => {
    expect(Sessions.prototype.create.name).toBe('create');
    expect(Sessions.prototype.create.length).toBe(1);
    expect(Sessions.prototype.remove.name).toBe('remove');
  });

  it('costs nothing and calls through when nothing is attached', () => {
    const metadata = vi.fn(() => ({}));
    class Quiet {
      @SigraSpan(['sigra', 'quiet'], { metadata })
      run(value: object) {
        return value;
      }
    }
    const value = {};
    expect(new Quiet().run(value)).toBe(value);
    expect(metadata).not.toHaveBeenCalled();
  });

  it('reports a throwing metadata callback and still runs the method', () => {
    record('s', spanEvents(['sigra', 'bad']));
    class Buggy {
      @SigraSpan(['sigra', 'bad'], {
        metadata: () => {
          throw new Error('callback bug');
        },
      })
      run() {
        return 'ran';
      }
    }
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(new Buggy().run()).toBe('ran');
    expect(error.mock.calls[0]?.[0]).toMatch(/metadata failed for span sigra\.bad/);
  });

  it('refuses a bad prefix, bad options and a non-method, naming the problem', () => {
    expect(() => SigraSpan(['sigra', ''])).toThrow(
      /@SigraSpan: prefix .* segment 1 is an empty string/,
    );
    expect(() => SigraSpan(LOGIN, { metdata: () => ({}) } as never)).toThrow(
      /@SigraSpan: unknown option "metdata"; known options: metadata, stopMetadata, contextMetadata\./,
    );
    expect(() => SigraSpan(LOGIN, { metadata: 'user' as never })).toThrow(
      /@SigraSpan: option metadata must be a function, got a string of 4 characters/,
    );
    expect(() => {
      class Fields {
        @SigraSpan(LOGIN)
        get value() {
          return 1;
        }
      }
      return Fields;
    }).toThrow(/@SigraSpan: Fields.value is not a method/);
  });
});

const Roles = (...roles: string[]) => SetMetadata('roles', roles);
const AdminOnly = () => applyDecorators(Roles('admin'), UseGuards(RolesGuard));

@Injectable()
class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.get<string[] | undefined>('roles', context.getHandler());
    if (!roles) return true;
    const role = context.switchToHttp().getRequest<{ headers: Record<string, string> }>().headers[
      'x-role'
    ];
    if (!roles.includes(role ?? '')) throw new ForbiddenException('role required');
    return true;
  }
}

@Controller('auth')
class AuthController {
  private readonly greeting = 'hello';

  // @SigraSpan above the Nest decorators: it wraps a method that already carries their metadata.
  @SigraSpan(LOGIN)
  @Post('login')
  @Roles('admin')
  @UseGuards(RolesGuard)
  login() {
    return { greeting: this.greeting };
  }

  // @SigraSpan below: the Nest decorators write their metadata onto the wrapper.
  @Get('logout/:id')
  @AdminOnly()
  @SigraSpan(['app', 'auth', 'logout'], { metadata: (id: string) => ({ session: id }) })
  logout(@Param('id') id: string) {
    return { id, greeting: this.greeting };
  }
}

describe('@SigraSpan on a controller (real HTTP)', () => {
  let app: INestApplication;
  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [SigraTelemetryModule.forRoot({ logger: false })],
      controllers: [AuthController],
      providers: [RolesGuard],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(() => app.close());

  it.each([
    ['above the Nest decorators', 'post', '/auth/login', LOGIN],
    ['below the Nest decorators', 'get', '/auth/logout/s1', ['app', 'auth', 'logout']],
  ] as const)(
    '%s: the route resolves, the roles guard denies and allows, one span per call',
    async (_, method, path, prefix) => {
      const seen = record('s', spanEvents(prefix));
      await request(app.getHttpServer())[method](path).expect(403);
      expect(seen).toEqual([]);

      const response = await request(app.getHttpServer())[method](path).set('x-role', 'admin');
      expect(response.status).toBeLessThan(300);
      expect(response.body.greeting).toBe('hello');
      expect(names(seen)).toEqual([`${prefix.join('.')}.start`, `${prefix.join('.')}.stop`]);
    },
  );

  it('passes route parameters to the metadata callback', async () => {
    const seen = record('s', spanEvents(['app', 'auth', 'logout']));
    await request(app.getHttpServer()).get('/auth/logout/abc').set('x-role', 'admin').expect(200);
    expect(seen[0]?.metadata.session).toBe('abc');
  });

  it('keeps every metadata key on the wrapped handler', () => {
    const handler = AuthController.prototype.login;
    expect(Reflect.getMetadata('path', handler)).toBe('login');
    expect(Reflect.getMetadata('roles', handler)).toEqual(['admin']);
    expect(Reflect.getMetadata('roles', AuthController.prototype.logout)).toEqual(['admin']);
  });
});
