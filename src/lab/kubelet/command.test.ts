/** command/args override rules and `$(VAR)` expansion, as Kubernetes applies them. */
import { describe, expect, it } from 'vitest';
import { containerArgv, expandVars } from './command.js';

const image = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] };

describe('command and args override the image as Kubernetes does', () => {
  it('uses ENTRYPOINT + CMD when neither is set', () => {
    expect(containerArgv({}, image, {})).toEqual([
      '/docker-entrypoint.sh',
      'nginx',
      '-g',
      'daemon off;',
    ]);
  });
  it('command replaces both ENTRYPOINT and CMD', () => {
    expect(containerArgv({ command: ['sleep'] }, image, {})).toEqual(['sleep']);
  });
  it('args replace CMD only', () => {
    expect(containerArgv({ args: ['nginx-debug'] }, image, {})).toEqual([
      '/docker-entrypoint.sh',
      'nginx-debug',
    ]);
  });
  it('command and args together', () => {
    expect(
      containerArgv({ command: ['sh', '-c'], args: ['echo $(GREETING)'] }, image, {
        GREETING: 'hi',
      }),
    ).toEqual(['sh', '-c', 'echo hi']);
  });
});

describe('$(VAR) expansion', () => {
  it.each([
    ['$(A)-$(B)', 'a-$(B)'],
    ['$$(A)', '$(A)'],
    ['cost $5', 'cost $5'],
    ['$(A', '$(A'],
  ])('%s', (input, out) => expect(expandVars(input, { A: 'a' })).toBe(out));
});
