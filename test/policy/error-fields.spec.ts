import { describe, expect, it } from 'vitest';
import { createMetadataPolicy, REDACTED } from '../../lib/policy/index.js';

describe('errors in metadata', () => {
  const sanitize = createMetadataPolicy();

  it('cuts a credential out of a message or stack, in a copy that stays an Error', () => {
    const error = new TypeError('refused: Authorization Bearer abcdefgh12345678');
    const result = sanitize({ reason: error }).reason as TypeError;
    expect(result).not.toBe(error);
    expect(result).toBeInstanceOf(TypeError);
    expect(result.message).toBe(`refused: Authorization Bearer ${REDACTED}`);
    expect(result.stack).toContain(`refused: Authorization Bearer ${REDACTED}\n    at `);
    expect(result.stack).not.toContain('abcdefgh12345678');
    expect(error.message).toContain('abcdefgh12345678');
  });

  it('copies an error with a harmless message into an equal error', () => {
    const error = new Error('connection reset by peer');
    expect(sanitize({ reason: error }).reason).toEqual(error);
  });
});

describe('errors whose prototype reads their fields through accessors', () => {
  it('a redacted DOMException copy stays readable: a real error with its name and message', () => {
    const error = new DOMException('token=abcdefgh12345678 rejected', 'AbortError');
    const result = createMetadataPolicy()({ reason: error }).reason as Error;
    expect(() => result.message).not.toThrow();
    expect(result).toBeInstanceOf(Error);
    expect(result.name).toBe('AbortError');
    expect(result.message).toBe(`token=${REDACTED} rejected`);
    expect(String(result)).toContain('AbortError');
  });
});
