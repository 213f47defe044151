import { describe, expect, it } from 'vitest';
import { createMetadataPolicy, REDACTED } from '../../lib/policy/index.js';

describe('errors in metadata', () => {
  const sanitize = createMetadataPolicy();

  it('redacts a message or stack that quotes a credential, in a copy that stays an Error', () => {
    const error = new TypeError('refused: Authorization Bearer abcdefgh12345678');
    const result = sanitize({ reason: error }).reason as TypeError;
    expect(result).not.toBe(error);
    expect(result).toBeInstanceOf(TypeError);
    expect(result.message).toBe(REDACTED);
    expect(result.stack).toBe(REDACTED);
    expect(error.message).toContain('abcdefgh12345678');
  });

  it('copies an error with a harmless message into an equal error', () => {
    const error = new Error('connection reset by peer');
    expect(sanitize({ reason: error }).reason).toEqual(error);
  });
});
