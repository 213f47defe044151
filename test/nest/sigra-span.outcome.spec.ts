import { HttpException, HttpStatus, NotFoundException } from '@nestjs/common';
import { describe, expect, it } from 'vitest';
import {
  failureClassifier,
  isClientError,
  respondedStop,
} from '../../lib/nest/sigra-span.outcome.js';

describe('isClientError', () => {
  it('accepts an HttpException with a 4xx status only', () => {
    expect(isClientError(new NotFoundException())).toBe(true);
    expect(isClientError(new HttpException('teapot', 418))).toBe(true);
    expect(isClientError(new HttpException('down', HttpStatus.SERVICE_UNAVAILABLE))).toBe(false);
    expect(isClientError(new HttpException('moved', 302))).toBe(false);
    expect(isClientError(Object.assign(new Error('look-alike'), { status: 404 }))).toBe(false);
  });
});

describe('failureClassifier', () => {
  it('declines unless isFailure returns exactly true', () => {
    const classify = failureClassifier((error) => error as boolean);
    expect(classify!(true)).toEqual({ result: 'failure' });
    expect(classify!('yes')).toBeUndefined();
    expect(classify!(false)).toBeUndefined();
  });
});

describe('respondedStop', () => {
  it("is result success under what the handler's stopMetadata says", () => {
    expect(respondedStop(undefined)('response')).toEqual({ result: 'success' });
    expect(respondedStop(() => ({ user_id: 7 }))('response')).toEqual({
      result: 'success',
      user_id: 7,
    });
    expect(respondedStop(() => ({ result: 'failure' }))('response')).toEqual({ result: 'failure' });
  });

  it('hands back what is not an object, for the span to report it', () => {
    expect(respondedStop(() => 'oops' as never)('response')).toBe('oops');
    expect(respondedStop(() => null as never)('response')).toBeNull();
  });
});
