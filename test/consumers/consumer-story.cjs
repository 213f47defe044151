// One story, run by a CommonJS consumer and by an ESM consumer of the built package: boot a Nest
// app with the module, emit a signal and a decorated span, and print what the app logger saw.
'use strict';

require('reflect-metadata');

async function run(sigra, common, core) {
  const lines = [];
  const logger = {
    log: (message, context) => lines.push({ level: 'log', message, context }),
    warn: (message, context) => lines.push({ level: 'warn', message, context }),
    error: (message, context) => lines.push({ level: 'error', message, context }),
    debug: () => undefined,
    verbose: () => undefined,
  };

  class AuthService {
    constructor(telemetry) {
      this.telemetry = telemetry;
    }
    login(userId) {
      return { id: userId };
    }
    lockOut(userId) {
      this.telemetry.event(
        ['sigra', 'security', 'lockout'],
        {},
        { user_id: userId, ip: '10.0.0.1', reason: 'threshold_reached' },
      );
    }
  }
  const login = Object.getOwnPropertyDescriptor(AuthService.prototype, 'login');
  sigra.SigraSpan(['sigra', 'auth', 'login'], { stopMetadata: (user) => ({ user_id: user.id }) })(
    AuthService.prototype,
    'login',
    login,
  );
  Object.defineProperty(AuthService.prototype, 'login', login);
  // What `emitDecoratorMetadata` writes for a TypeScript constructor parameter.
  Reflect.defineMetadata('design:paramtypes', [sigra.SigraTelemetryService], AuthService);
  Reflect.decorate([common.Injectable()], AuthService);

  // oxlint-disable-next-line typescript/no-extraneous-class -- a Nest module class is empty by design
  class AppModule {}
  Reflect.decorate(
    [common.Module({ imports: [sigra.SigraTelemetryModule.forRoot()], providers: [AuthService] })],
    AppModule,
  );

  const app = await core.NestFactory.createApplicationContext(AppModule, { logger });
  const auth = app.get(AuthService);
  auth.login(7);
  auth.lockOut(7);
  await app.close();
  process.stdout.write(
    JSON.stringify({ lines, handlersAfterClose: sigra.listHandlers([]).length }),
  );
}

module.exports = { run };
