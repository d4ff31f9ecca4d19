/**
 * Tests for the `kubectl rollout history` parser: the revision list with and without a title,
 * workload kinds, the `--revision=N` detail, and blocks it must decline.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RolloutHistory } from '../types.js';
import type { Block, KubectlCommand, ParsedBlock } from './block.js';
import { parseRolloutHistory } from './parse-rollout.js';

function rollout(text: string, extra: Partial<KubectlCommand> = {}): KubectlCommand {
  return { text, verb: 'rollout', subverb: 'history', names: [], flags: {}, ...extra };
}

function run(text: string, command?: KubectlCommand, from = 7): ParsedBlock | undefined {
  const lines = text.replace(/^\n/, '').replace(/\n$/, '').split('\n');
  const block: Block = { kind: 'rollout-history', from, to: from + lines.length - 1, lines };
  if (command) block.command = command;
  return parseRolloutHistory(block, 3, { name: 'paste.txt', lines });
}

describe('rollout history list', () => {
  it('reads the title, revisions and change-causes', () => {
    const parsed = run(
      `
deployment.apps/order-router 
REVISION  CHANGE-CAUSE
21        <none>
22        kubectl set image deployment/order-router router=registry.acme.test/order-router:2.8.0
23        image order-router:2.9.0
`,
      rollout('kubectl rollout history deployment/order-router -n orders', {
        resource: 'deployments',
        names: ['order-router'],
        namespace: 'orders',
      }),
    );
    expect(parsed?.warnings).toEqual([]);
    expect(parsed?.items).toEqual([
      {
        object: {
          kind: 'RolloutHistory',
          workloadKind: 'Deployment',
          name: 'order-router',
          namespace: 'orders',
          revisions: [
            { revision: 21 },
            {
              revision: 22,
              changeCause:
                'kubectl set image deployment/order-router router=registry.acme.test/order-router:2.8.0',
            },
            { revision: 23, changeCause: 'image order-router:2.9.0' },
          ],
        },
        origin: { source: 3, from: 7, to: 11 },
      },
    ]);
  });

  it.each([
    ['statefulset.apps/ledger-db', 'StatefulSet', 'ledger-db'],
    ['daemonset.apps/node-agent', 'DaemonSet', 'node-agent'],
    ['deployment.apps "order-router"', 'Deployment', 'order-router'],
  ])('reads the workload from a title like %s', (title, kind, name) => {
    const parsed = run(`${title}\nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>`);
    const h = parsed?.items[0]?.object as RolloutHistory;
    expect([h.workloadKind, h.name, h.namespace]).toEqual([kind, name, undefined]);
    expect(h.revisions).toEqual([{ revision: 1 }, { revision: 2 }]);
  });

  it('takes the workload from the command when the title is missing, and reads tabs', () => {
    const parsed = run(
      'REVISION\tCHANGE-CAUSE\n4\t<none>\n5\tbump memory limit to 1Gi',
      rollout('kubectl rollout history sts/ledger-db -n fin', {
        resource: 'statefulsets',
        names: ['ledger-db'],
        namespace: 'fin',
      }),
    );
    expect(parsed?.items[0]?.object).toEqual({
      kind: 'RolloutHistory',
      workloadKind: 'StatefulSet',
      name: 'ledger-db',
      namespace: 'fin',
      revisions: [{ revision: 4 }, { revision: 5, changeCause: 'bump memory limit to 1Gi' }],
    });
    expect(parsed?.items[0]?.origin).toEqual({ source: 3, from: 7, to: 9 });
  });

  it('reads several workloads in one block', () => {
    const parsed = run(`
deployment.apps/a
REVISION  CHANGE-CAUSE
1         <none>

deployment.apps/b
REVISION  CHANGE-CAUSE
3         <none>
`);
    expect(
      parsed?.items.map((i) => [(i.object as RolloutHistory).name, i.origin.from, i.origin.to]),
    ).toEqual([
      ['a', 7, 9],
      ['b', 11, 13],
    ]);
  });
});

describe('rollout history --revision=N detail', () => {
  it('reads the revision and the change-cause annotation', () => {
    const parsed = run(
      `
deployment.apps/order-router with revision #22
Pod Template:
  Labels:	app=order-router
	pod-template-hash=7c9b8d6f5
  Annotations:	kubernetes.io/change-cause: kubectl set image deployment/order-router router=registry.acme.test/order-router:2.8.0
	prometheus.io/scrape: true
  Containers:
   router:
    Image:	registry.acme.test/order-router:2.8.0
    Port:	8080/TCP
    Environment:	<none>
    Mounts:	<none>
  Volumes:	<none>
`,
      rollout('kubectl rollout history deployment/order-router --revision=22 -n orders', {
        resource: 'deployments',
        names: ['order-router'],
        namespace: 'orders',
        flags: { revision: '22' },
      }),
    );
    expect(parsed?.items).toEqual([
      {
        object: {
          kind: 'RolloutHistory',
          workloadKind: 'Deployment',
          name: 'order-router',
          namespace: 'orders',
          revisions: [
            {
              revision: 22,
              changeCause:
                'kubectl set image deployment/order-router router=registry.acme.test/order-router:2.8.0',
            },
          ],
        },
        origin: { source: 3, from: 7, to: 19 },
      },
    ]);
  });

  it('keeps the revision when there is no change-cause', () => {
    const parsed = run(`
deployment.apps/order-router with revision #3
Pod Template:
  Labels:	app=order-router
  Annotations:	<none>
  Containers:
   router:
    Image:	registry.acme.test/order-router:2.1.0
`);
    expect((parsed?.items[0]?.object as RolloutHistory).revisions).toEqual([{ revision: 3 }]);
  });

  it('does not take a change-cause from outside the annotations', () => {
    const parsed = run(`
deployment.apps/order-router with revision #5
Pod Template:
  Labels:	kubernetes.io/change-cause: not-an-annotation
  Annotations:	<none>
`);
    expect((parsed?.items[0]?.object as RolloutHistory).revisions).toEqual([{ revision: 5 }]);
  });
});

describe('declines', () => {
  it.each([
    [
      'a pods table',
      'NAME    READY   STATUS    RESTARTS   AGE\nweb-0   1/1     Running   0          1d',
    ],
    ['a log', '2026-04-02T08:00:00Z started\n2026-04-02T08:00:01Z ready'],
    ['an error', 'error: unable to find the specified revision'],
    ['no history', 'No rollout history found.'],
  ])('%s', (_label, text) => {
    expect(run(text)).toBeUndefined();
  });

  it('blocks of other commands', () => {
    const get: KubectlCommand = { text: 'kubectl get rs', verb: 'get', names: [], flags: {} };
    expect(run('REVISION  CHANGE-CAUSE\n1         <none>', get)).toBeUndefined();
  });

  it('never throws on arbitrary lines', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 60 }),
            fc.constantFrom(
              'REVISION  CHANGE-CAUSE',
              'deployment.apps/x',
              'deployment.apps/x with revision #2',
              '  Annotations:\tkubernetes.io/change-cause: y',
              '12        <none>',
            ),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        (lines) => {
          const block: Block = { kind: 'rollout-history', from: 1, to: lines.length, lines };
          const parsed = parseRolloutHistory(block, 0, { name: 'x', lines });
          for (const item of parsed?.items ?? []) {
            expect(item.origin.from).toBeGreaterThanOrEqual(1);
            expect(item.origin.to).toBeLessThanOrEqual(lines.length);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
