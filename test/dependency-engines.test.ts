import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';

interface LockedPackage {
  version?: string;
  dev?: boolean;
  engines?: { node?: string } | string[];
}

const root = new URL('../', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(new URL('package-lock.json', root), 'utf8')) as { packages: Record<string, LockedPackage> };

type Version = [number, number, number];

/** `20`, `20.19`, `20.x`, `20.19.0`: the parts given, the rest 0 (and whether the rest is a wildcard). */
function parseVersion(text: string): { version: Version; given: number } {
  const parts = text.replace(/^v/, '').split('.');
  const numbers = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  const given = numbers.findIndex((n) => Number.isNaN(n));
  const count = given === -1 ? numbers.length : given;
  return { version: [numbers[0] ?? 0, count > 1 ? numbers[1]! : 0, count > 2 ? numbers[2]! : 0], given: count };
}

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * Whether a Node version satisfies an `engines.node` range, for the forms npm packages use:
 * alternatives joined by `||`, each comparators joined by spaces (`>=`, `>`, `<=`, `<`, `^`, `~`,
 * a bare or partial version such as `20` or `22.x`, and `*`).
 */
function satisfies(node: Version, range: string): boolean {
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().replace(/(>=|<=|>|<|\^|~)\s+/g, '$1').split(/\s+/).filter((c) => c !== '');
    return comparators.every((comparator) => {
      const [, operator = '', rest = ''] = /^(>=|<=|>|<|\^|~|=)?(.*)$/.exec(comparator) ?? [];
      if (rest === '*' || rest === 'x' || rest === '') return true;
      const { version, given } = parseVersion(rest);
      const order = compare(node, version);
      switch (operator) {
        case '>=':
          return order >= 0;
        case '>':
          return order > 0;
        case '<=':
          return order <= 0;
        case '<':
          return order < 0;
        case '^':
          return order >= 0 && node[0] === version[0];
        case '~':
          return order >= 0 && node[0] === version[0] && (given < 2 || node[1] === version[1]);
        default:
          return node.slice(0, given).every((part, i) => part === version[i]);
      }
    });
  });
}

describe('the Node.js versions package.json promises', () => {
  const lowest = /^>=\s*(\d+(?:\.\d+){0,2})$/.exec(manifest.engines.node)?.[1];

  it('are stated as a lowest version', () => {
    expect(lowest).toBeDefined();
  });

  it('are accepted by every package npm ci installs, so it warns of no engine (EBADENGINE)', () => {
    const node = parseVersion(lowest!).version;
    const refused = Object.entries(lock.packages)
      .filter(([path, pkg]) => path !== '' && pkg.engines !== undefined && !Array.isArray(pkg.engines) && pkg.engines.node !== undefined)
      .filter(([, pkg]) => !satisfies(node, (pkg.engines as { node: string }).node))
      .map(([path, pkg]) => `${path.replace(/^.*node_modules\//, '')}@${pkg.version ?? '?'} needs node ${(pkg.engines as { node: string }).node}`);
    expect(refused).toEqual([]);
  });

  it.each([
    ['>=18', true],
    ['>=22', false],
    ['^20.19.0 || >=22.12.0', true],
    ['^18.18.0 || ^20.9.0 || >=21.1.0', true],
    ['^20.19.0 || ^22.13.0 || >=24', true],
    ['20.x || 22.x', true],
    ['18 || 20 || >=22', true],
    ['>=16 || 14 >=14.17', true],
    ['>= 10', true],
    ['^22.12.0 || >=23', false],
    ['~20.18.0', false],
    ['*', true],
  ])('read the range %j as %s for Node 20.19.0', (range, accepted) => {
    expect(satisfies([20, 19, 0], range)).toBe(accepted);
  });
});
