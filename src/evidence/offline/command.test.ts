import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isCommandLine, parseCommand, shellWords } from './command.js';

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
