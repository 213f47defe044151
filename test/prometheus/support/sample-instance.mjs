// One sample-app instance as `npm start` runs it (the built AppModule and its HTTP set-up),
// bound to 127.0.0.1 on $PORT. Prints "ready" once listening.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../../dist-sample/app.module.js';
import { configureApp } from '../../../dist-sample/app.setup.js';

const app = configureApp(await NestFactory.create(AppModule, { logger: ['error', 'warn'] }));
app.enableShutdownHooks();
await app.listen(Number(process.env.PORT), '127.0.0.1');
console.log('ready');
