import { describe, expect, it } from 'vitest';
import { runCapture } from '../../test/support/cli-capture.js';
import { CanvassError } from '../errors/canvass-error.js';
import { defaultRateLimits } from '../web/security.js';
import { serverRateLimits } from './run-server.js';

describe('the responses rate limit of canvass serve', () => {
  it('is 60 responses a minute per client unless --rate-limit or CANVASS_RATE_LIMIT says otherwise', () => {
    expect(defaultRateLimits.submissions).toEqual({ max: 60, timeWindow: 60_000 });
    expect(serverRateLimits(undefined, {})).toEqual({});
    expect(serverRateLimits(undefined, { CANVASS_RATE_LIMIT: '120' })).toEqual({ submissions: { max: 120, timeWindow: 60_000 } });
    // The option wins over the environment.
    expect(serverRateLimits('30', { CANVASS_RATE_LIMIT: '120' })).toEqual({ submissions: { max: 30, timeWindow: 60_000 } });
  });

  it.each(['0', '-5', '1.5', 'many', ''])('refuses %j, naming where it came from', (value) => {
    expect(() => serverRateLimits(value, {})).toThrow(/--rate-limit/);
    expect(() => serverRateLimits(value, {})).toThrow(CanvassError);
    expect(() => serverRateLimits(undefined, { CANVASS_RATE_LIMIT: value === '' ? ' ' : value })).toThrow(/CANVASS_RATE_LIMIT/);
  });

  it('is an option of canvass serve, refused before serving when it is not a number', async () => {
    const help = await runCapture(['serve', '--help']);
    expect(help.out).toMatch(/--rate-limit <n>/);
    const refused = await runCapture(['serve', '--port', '0', '--rate-limit', 'lots', '--db', 'sqlite::memory:']);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/--rate-limit lots/);
  });
});
