import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module.js';
import { configureApp, listenAddress } from './app.setup.js';
import { dashboardUrl } from './dashboard/dashboard.module.js';

// With SIGRA_LOG_FORMAT=json, Sigra hands Nest one object per event; the console logger prints
// objects on a single line only in its JSON mode.
const logger = new ConsoleLogger({ json: process.env.SIGRA_LOG_FORMAT === 'json' });
const app = configureApp(await NestFactory.create<NestExpressApplication>(AppModule, { logger }));
app.enableShutdownHooks();
const { host, port } = listenAddress();
await app.listen(port, host);
console.log(`Sigra sample app listening on ${await app.getUrl()}`);
console.log(`Dashboard: ${dashboardUrl(await app.getUrl())}`);
