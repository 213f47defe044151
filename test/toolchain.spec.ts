import 'reflect-metadata';
import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { describe, expect, it } from 'vitest';
import { closeAppsAfterEach } from './support/nest.js';

const { track } = closeAppsAfterEach();

@Injectable()
class Clock {
  now(): number {
    return 42;
  }
}

@Injectable()
class UsesClock {
  constructor(readonly clock: Clock) {}
}

@Module({ providers: [Clock, UsesClock] })
class ToolchainModule {}

describe('test transform', () => {
  it('emits design:paramtypes for constructor parameters', () => {
    expect(Reflect.getMetadata('design:paramtypes', UsesClock)).toEqual([Clock]);
  });

  it('lets Nest resolve constructor injection from emitted metadata', async () => {
    const moduleRef = track(
      await Test.createTestingModule({ imports: [ToolchainModule] }).compile(),
    );
    expect(moduleRef.get(UsesClock).clock.now()).toBe(42);
  });
});
