import { describe, expect, it } from 'vitest';
import * as core from '../../lib/core/index.js';
import * as root from '../../lib/index.js';
import * as sigra from '../../lib/sigra/index.js';

describe('the typed Sigra API', () => {
  it.each(['span', 'execute', 'attach', 'attachMany'] as const)(
    'exports core’s own %s, not a wrapper (no cost at run time)',
    (name) => {
      expect(sigra[name]).toBe(core[name]);
      expect(root[name]).toBe(core[name]);
    },
  );
});
