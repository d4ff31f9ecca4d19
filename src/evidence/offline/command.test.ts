import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCommandLine, parseCommand, shellWords } from './command.js';
import { normalizeLines, unquote } from './normalize.js';
import { splitBlocks } from './split.js';

describe('parseCommand', () => {
  it.each([
    [
      '$ kubectl logs user-auth-6f8d9b-q2m4x -n auth --previous',
      { verb: 'logs', names: ['user-auth-6f8d9b-q2m4x'], namespace: 'auth', previous: true },
    ],
    [
      'kubectl logs -p web-1 -c app --namespace=shop --tail=50',
      { verb: 'logs', names: ['web-1'], namespace: 'shop', container: 'app', previous: true },
    ],
    [
      'user@host:~$ kubectl describe pod/api-7d9 -nprod',
      { verb: 'describe', resource: 'pods', names: ['api-7d9'], namespace: 'prod' },
    ],
    [
      '$ k get po -A -o wide',
      { verb: 'get', resource: 'pods', allNamespaces: true, output: 'wide' },
    ],
    [
      'PS C:\\> kubectl get events -n infra --sort-by=.lastTimestamp',
      { verb: 'get', resource: 'events', namespace: 'infra' },
    ],
    [
      "$ kubectl get secret db -n x -o jsonpath='{.data}' | jq 'keys'",
      {
        verb: 'get',
        resource: 'secrets',
        names: ['db'],
        output: 'jsonpath={.data}',
        pipe: "jq 'keys'",
      },
    ],
    [
      '$ kubectl rollout history deployment/user-auth -n auth',
      { verb: 'rollout', subverb: 'history', resource: 'deployments', names: ['user-auth'] },
    ],
    [
      '$ kubectl patch configmap c -n a --type merge -p \'{"data":{}}\'',
      { verb: 'patch', resource: 'configmaps', names: ['c'] },
    ],
  ])('%s', (line, expected) => {
    expect(parseCommand(line)).toMatchObject(expected);
  });

  it('does not take prose or log lines for commands', () => {
    expect(isCommandLine('I ran kubectl get pods and saw this')).toBe(false);
    expect(isCommandLine('2026-03-11T14:33:02Z info kubectl apply done')).toBe(false);
    expect(isCommandLine('k is not a command here')).toBe(false);
  });

  it.each([
    [
      '`kubectl logs web-5b9488cc4c-6wqhv` output:',
      { verb: 'logs', names: ['web-5b9488cc4c-6wqhv'], text: 'kubectl logs web-5b9488cc4c-6wqhv' },
    ],
    [
      '**Output of `kubectl logs api-1 -n shop -c app --previous`:**',
      { verb: 'logs', names: ['api-1'], namespace: 'shop', container: 'app', previous: true },
    ],
    [
      "Here's the output of `kubectl describe pod api-1 -n shop`:",
      { verb: 'describe', resource: 'pods', names: ['api-1'], namespace: 'shop' },
    ],
    ['### Logs from ``kubectl logs db-0``', { verb: 'logs', names: ['db-0'] }],
    ['Running `kubectl get pods -n shop`:', { verb: 'get', resource: 'pods', namespace: 'shop' }],
    ['`kubectl logs worker-0 -n jobs` (previous container):', { names: ['worker-0'] }],
    [
      'Output of kubectl logs api-1 -n shop:',
      { verb: 'logs', names: ['api-1'], namespace: 'shop' },
    ],
  ])('reads the command a caption quotes: %s', (line, expected) => {
    expect(isCommandLine(line)).toBe(true);
    const cmd = parseCommand(line);
    expect(cmd).toMatchObject(expected);
    expect(cmd?.container ?? '').not.toMatch(/output|:/);
  });

  it.each([
    'I ran `kubectl logs api-1` and saw nothing.',
    'Output of `uname -a`:',
    'Output of kubectl logs api-1 was empty.',
    'The web pod never starts (see `kubectl get pods`), any idea?',
  ])('does not read a command from prose that only mentions one: %s', (line) => {
    expect(isCommandLine(line)).toBe(false);
  });

  it('gives a fenced block the pod of the command its caption quotes (CRLF)', () => {
    const paste = [
      '### Logs',
      '',
      '`kubectl logs web-5b9488cc4c-6wqhv -n app` output:',
      '',
      '```',
      'Error: Required database environment variables are not set.',
      '```',
      '',
      'The worker pods show the same.',
      '',
    ].join('\r\n');
    const logs = splitBlocks(unquote(normalizeLines(paste))).filter((b) => b.kind === 'logs');
    expect(logs).toHaveLength(1);
    expect(logs[0]?.command).toMatchObject({
      verb: 'logs',
      names: ['web-5b9488cc4c-6wqhv'],
      namespace: 'app',
    });
    expect(logs[0]?.lines).toEqual(['Error: Required database environment variables are not set.']);
  });

  it('keeps quoted words together', () => {
    expect(shellWords(`a "b c" 'd e' f\\ g`).words).toEqual(['a', 'b c', 'd e', 'f g']);
  });

  it('never throws on arbitrary lines', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        parseCommand(`$ kubectl ${s}`);
        parseCommand(s);
      }),
      { numRuns: 500 },
    );
  });
});
