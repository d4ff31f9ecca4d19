import { describe, expect, it } from 'vitest';
import { applyPatch, patchTypeOf } from './index.js';
import { ApiError } from '../status.js';

const deployment = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', annotations: { a: '1' }, finalizers: ['x', 'y'] },
  spec: {
    replicas: 2,
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'app',
            image: 'app:1',
            env: [
              { name: 'A', value: '1' },
              { name: 'B', value: '2' },
            ],
            ports: [{ containerPort: 8080, protocol: 'TCP' }],
          },
          { name: 'sidecar', image: 'proxy:1' },
        ],
        volumes: [{ name: 'cfg', configMap: { name: 'cfg' } }],
      },
    },
  },
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe('strategic merge patch', () => {
  it('applies what kubectl set image sends', () => {
    const out = applyPatch('strategic', deployment, {
      spec: {
        template: {
          spec: {
            $setElementOrder: undefined,
            '$setElementOrder/containers': [{ name: 'app' }, { name: 'sidecar' }],
            containers: [{ image: 'app:2', name: 'app' }],
          },
        },
      },
    }) as Any;
    expect(out['spec']['template']['spec']['containers'].map((c: Any) => c['image'])).toEqual([
      'app:2',
      'proxy:1',
    ]);
    expect(out['spec']['template']['spec']['containers'][0]['env']).toHaveLength(2);
  });

  it('merges env by name, deletes with $patch, and keeps order directives', () => {
    const out = applyPatch('strategic', deployment, {
      spec: {
        template: {
          spec: {
            containers: [
              {
                name: 'app',
                '$setElementOrder/env': [{ name: 'C' }, { name: 'B' }],
                env: [
                  { name: 'C', value: '3' },
                  { $patch: 'delete', name: 'A' },
                ],
              },
            ],
          },
        },
      },
    }) as Any;
    expect(out['spec']['template']['spec']['containers'][0]['env']).toEqual([
      { name: 'C', value: '3' },
      { name: 'B', value: '2' },
    ]);
  });

  it('handles rollout restart, $retainKeys, null deletion and finalizer lists', () => {
    const out = applyPatch('strategic', deployment, {
      metadata: { annotations: { a: null }, '$deleteFromPrimitiveList/finalizers': ['x'] },
      spec: {
        strategy: { $retainKeys: ['type'], type: 'Recreate' },
        template: {
          metadata: {
            annotations: { 'kubectl.kubernetes.io/restartedAt': '2025-03-01T10:00:00Z' },
          },
        },
      },
    }) as Any;
    expect(out['metadata']['annotations']).toEqual({});
    expect(out['metadata']['finalizers']).toEqual(['y']);
    expect(out['spec']['strategy']).toEqual({ type: 'Recreate' });
    expect(
      out['spec']['template']['metadata']['annotations']['kubectl.kubernetes.io/restartedAt'],
    ).toBe('2025-03-01T10:00:00Z');
    expect(out['spec']['template']['metadata']['labels']).toEqual({ app: 'web' });
  });

  it('merges container ports by containerPort and service ports by port', () => {
    const out = applyPatch('strategic', deployment, {
      spec: {
        template: {
          spec: {
            containers: [{ name: 'app', ports: [{ containerPort: 9090, name: 'metrics' }] }],
          },
        },
      },
    }) as Any;
    expect(out['spec']['template']['spec']['containers'][0]['ports']).toHaveLength(2);
    const svc = { kind: 'Service', spec: { ports: [{ port: 80, targetPort: 8080 }] } };
    const svcOut = applyPatch('strategic', svc, {
      spec: { ports: [{ port: 80, targetPort: 9000 }] },
    }) as Any;
    expect(svcOut['spec']['ports']).toEqual([{ port: 80, targetPort: 9000 }]);
  });

  it('replaces lists without a merge key and whole maps with $patch: replace', () => {
    const out = applyPatch(
      'strategic',
      { kind: 'Pod', spec: { tolerations: [{ key: 'a' }], nodeSelector: { a: '1', b: '2' } } },
      {
        spec: { tolerations: [{ key: 'b' }], nodeSelector: { $patch: 'replace', c: '3' } },
      },
    ) as Any;
    expect(out['spec']).toEqual({ tolerations: [{ key: 'b' }], nodeSelector: { c: '3' } });
  });
});

describe('JSON patch and merge patch', () => {
  it('applies the rollout undo JSON patch', () => {
    const out = applyPatch('json', deployment, [
      {
        op: 'replace',
        path: '/spec/template',
        value: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'app', image: 'app:0' }] },
        },
      },
      {
        op: 'replace',
        path: '/metadata/annotations',
        value: { 'deployment.kubernetes.io/revision': '1' },
      },
      { op: 'add', path: '/metadata/labels', value: { x: 'y' } },
      { op: 'add', path: '/metadata/finalizers/-', value: 'z' },
      { op: 'test', path: '/spec/replicas', value: 2 },
    ]) as Any;
    expect(out['spec']['template']['spec']['containers'][0]['image']).toBe('app:0');
    expect(out['metadata']['finalizers']).toEqual(['x', 'y', 'z']);
  });

  it('reports failing operations as 422', () => {
    expect(() =>
      applyPatch('json', deployment, [{ op: 'test', path: '/spec/replicas', value: 3 }]),
    ).toThrow(ApiError);
    expect(() =>
      applyPatch('json', deployment, [{ op: 'replace', path: '/spec/nope/x', value: 1 }]),
    ).toThrow(/missing path/);
  });

  it('merge patch: objects merge, null deletes, arrays replace', () => {
    const out = applyPatch(
      'merge',
      { data: { a: '1', b: '2' }, list: [1, 2] },
      { data: { a: null, c: '3' }, list: [3] },
    );
    expect(out).toEqual({ data: { b: '2', c: '3' }, list: [3] });
  });

  it('maps content types and refuses unknown ones with 415', () => {
    expect(patchTypeOf('application/strategic-merge-patch+json')).toBe('strategic');
    expect(patchTypeOf('application/json-patch+json; charset=utf-8')).toBe('json');
    expect(() => patchTypeOf('text/plain')).toThrow(ApiError);
  });
});
