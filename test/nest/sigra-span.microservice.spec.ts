import 'reflect-metadata';
import { Controller, Module, UseInterceptors } from '@nestjs/common';
import {
  ClientProxyFactory,
  MessagePattern,
  RpcException,
  Transport,
  type ClientProxy,
  type MicroserviceOptions,
} from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import { createServer } from 'node:net';
import { firstValueFrom } from 'rxjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SigraSpan, SigraSpanInterceptor, SigraTelemetryModule } from '../../lib/index.js';
import type { INestMicroservice } from '@nestjs/common';
import { detachAllAfterEach, record, spanEvents } from '../support/registry.js';

detachAllAfterEach();

const VERIFY = ['sigra', 'token', 'verify'];

@Controller()
@UseInterceptors(SigraSpanInterceptor)
class TokenController {
  @MessagePattern('token.verify')
  @SigraSpan(VERIFY, {
    contextMetadata: (context) => ({ pattern: context.switchToRpc().getContext().getPattern() }),
    stopMetadata: (result: { valid: boolean }) => ({ valid: result.valid }),
  })
  verify(data: { token_id: string }) {
    if (data.token_id === 'revoked') throw new RpcException('token revoked');
    return { valid: true };
  }
}

@Module({
  imports: [SigraTelemetryModule.forRoot({ logger: false })],
  controllers: [TokenController],
})
class TokenMicroservice {}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

describe('SigraSpanInterceptor on a TCP microservice (@MessagePattern)', () => {
  let service: INestMicroservice;
  let client: ClientProxy;
  beforeAll(async () => {
    const port = await freePort();
    const moduleRef = await Test.createTestingModule({ imports: [TokenMicroservice] }).compile();
    service = moduleRef.createNestMicroservice<MicroserviceOptions>({
      transport: Transport.TCP,
      options: { host: '127.0.0.1', port },
      logger: false,
    });
    await service.listen();
    client = ClientProxyFactory.create({
      transport: Transport.TCP,
      options: { host: '127.0.0.1', port },
    });
    await client.connect();
  });
  afterAll(async () => {
    await client.close();
    await service.close();
  });

  it('spans the message handler once, with metadata from the RPC context', async () => {
    const seen = record('s', spanEvents(VERIFY));
    await expect(firstValueFrom(client.send('token.verify', { token_id: 't1' }))).resolves.toEqual({
      valid: true,
    });
    expect(seen.map((e) => e.event)).toEqual([
      'sigra.token.verify.start',
      'sigra.token.verify.stop',
    ]);
    expect(seen[0]?.metadata.pattern).toBe('token.verify');
    expect(seen[1]?.metadata.valid).toBe(true);
  });

  it('emits exception for an RpcException and the client still receives the error', async () => {
    const seen = record('s', spanEvents(VERIFY));
    await expect(
      firstValueFrom(client.send('token.verify', { token_id: 'revoked' })),
    ).rejects.toMatchObject({
      message: 'token revoked',
    });
    expect(seen.map((e) => e.event)).toEqual([
      'sigra.token.verify.start',
      'sigra.token.verify.exception',
    ]);
    expect(seen[1]?.metadata.reason).toBeInstanceOf(RpcException);
  });
});
