import { describe, expect, it } from 'vitest';
import { flagNames, parameterNames } from './option-names.js';

describe('option names', () => {
  it('are the request parameters by default and the flags on the command line', () => {
    expect(['filter', 'compareWave', 'strata'].map(parameterNames)).toEqual(['filter', 'compareWave', 'strata']);
    expect(['filter', 'compareWave', 'strata'].map(flagNames)).toEqual(['--filter', '--compare-wave', '--strata']);
  });
});
