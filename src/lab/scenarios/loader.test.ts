/** The shipped scenarios load and cover the categories; bad scenario files get clear errors. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCrashlensError } from '../../errors.js';
import { listScenarioNames, loadScenario } from './loader.js';
import { splitArgs } from './paste.js';

describe('the shipped scenarios', () => {
  const names = listScenarioNames();
  it('cover the seeds, the remaining categories and a healthy baseline', () => {
    expect(names.filter((n) => n.startsWith('seed-')).length).toBeGreaterThanOrEqual(8);
    const categories = new Set(names.map((n) => loadScenario(n).spec.expect.category));
    for (const c of [
      'config-code-mismatch',
      'liveness-probe',
      'missing-config',
      'upstream-disruption',
      'oom-killed',
      'exits-immediately',
      'bad-command',
      'app-crash',
      'image-arch-mismatch',
      'permission-denied',
      'volume-mount',
      'dependency-failure',
      'readiness-probe',
      'unschedulable',
      'image-pull',
      'healthy',
    ]) {
      expect(categories, c).toContain(c);
    }
  });
  it.each(names)('%s loads: manifests, images and actions are valid', (name) => {
    const s = loadScenario(name);
    expect(s.manifests.length).toBeGreaterThan(0);
    expect(
      s.manifests.some(
        (m) => m.kind === 'Namespace' && m.metadata.name === s.spec.expect.namespace,
      ),
    ).toBe(true);
  });
});

describe('scenario validation', () => {
  function lab(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'lab-'));
    for (const [p, text] of Object.entries(files)) {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), text);
    }
    return root;
  }
  function error(fn: () => unknown): string {
    try {
      fn();
    } catch (err) {
      if (isCrashlensError(err)) return err.message;
      throw err;
    }
    throw new Error('no error');
  }

  it('names the file and the field at fault', () => {
    const root = lab({
      'scenarios/bad/scenario.yaml':
        'name: bad\ndescription: x\nexpect: { category: nope, namespace: a, selector: a=b, state: {} }\nmanifests: [m.yaml]\n',
    });
    expect(error(() => loadScenario('bad', root))).toMatch(
      /scenarios\/bad\/scenario\.yaml is not a valid scenario: expect\.category/,
    );
  });
  it('reports unknown scenarios with the known names', () => {
    const root = lab({ 'scenarios/one/scenario.yaml': '' });
    expect(error(() => loadScenario('two', root))).toBe('There is no lab scenario named "two".');
  });
  it('reports a missing image directory', () => {
    const root = lab({
      'scenarios/img/scenario.yaml':
        'name: img\ndescription: x\nexpect: { category: app-crash, namespace: a, selector: a=b, state: {} }\nmanifests: [{apiVersion: v1, kind: Namespace, metadata: {name: a}}]\nimages: { "x:1": nowhere }\n',
    });
    expect(error(() => loadScenario('img', root))).toMatch(/maps an image to "nowhere"/);
  });
});

it('splits kubectl command lines as a shell would', () => {
  expect(splitArgs(`get secret s -n x -o jsonpath='{.data}'`)).toEqual([
    'get',
    'secret',
    's',
    '-n',
    'x',
    '-o',
    'jsonpath={.data}',
  ]);
  expect(splitArgs(`get rs -o 'custom-columns=A:.metadata.annotations.a\\.b'`)).toEqual([
    'get',
    'rs',
    '-o',
    'custom-columns=A:.metadata.annotations.a\\.b',
  ]);
});
