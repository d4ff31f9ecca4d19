/** Container environments: ordering, service links, optional refs and the kubelet's exact error messages. */
import { describe, expect, it } from 'vitest';
import { buildEnv, serviceEnv, type ConfigSource } from './env.js';
import type { Container, PodObject } from './pod-types.js';

const source: ConfigSource = {
  configMap: (ns, name) =>
    ns === 'shop' && name === 'app-cfg' ? { data: { LEVEL: 'info', 'bad key': 'x' } } : undefined,
  secret: (ns, name) => (ns === 'shop' && name === 'db' ? { PASSWORD: 's3cret' } : undefined),
  services: (ns) =>
    ns === 'shop'
      ? [
          {
            name: 'user-db',
            namespace: 'shop',
            clusterIP: '127.96.0.5',
            ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }],
          },
        ]
      : ns === 'default'
        ? [
            {
              name: 'kubernetes',
              namespace: 'default',
              clusterIP: '127.96.0.1',
              ports: [{ name: 'https', port: 443 }],
            },
          ]
        : [],
};

function pod(
  container: Partial<Container>,
  spec: Partial<PodObject['spec']> = {},
): [PodObject, Container] {
  const c: Container = { name: 'app', ...container };
  return [
    {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-1', namespace: 'shop', uid: 'u1' },
      spec: { containers: [c], ...spec },
    },
    c,
  ];
}
const extra = {
  podIP: '127.200.0.9',
  hostIP: '127.0.0.1',
  nodeAllocatable: { cpu: 2, memory: 2 ** 33 },
};

describe('buildEnv', () => {
  it('orders service links, envFrom, then env with $(VAR) expansion', () => {
    const [p, c] = pod({
      envFrom: [{ configMapRef: { name: 'app-cfg' } }],
      env: [
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'PASSWORD' } } },
        { name: 'DSN', value: 'postgres://$(USER_DB_SERVICE_HOST):$(USER_DB_SERVICE_PORT)/x' },
        { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'LEVEL', value: 'debug' },
      ],
    });
    const r = buildEnv(p, c, source, extra);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.env['DSN']).toBe('postgres://127.96.0.5:5432/x');
    expect(r.env['LEVEL']).toBe('debug');
    expect(r.env['POD_IP']).toBe('127.200.0.9');
    expect(r.env['KUBERNETES_SERVICE_HOST']).toBe('127.96.0.1');
    expect(r.env['USER_DB_PORT_5432_TCP']).toBe('tcp://127.96.0.5:5432');
    expect(r.invalidNames).toEqual(['bad key']);
  });

  it.each([
    [{ envFrom: [{ configMapRef: { name: 'nope' } }] }, 'configmap "nope" not found'],
    [{ envFrom: [{ secretRef: { name: 'nope' } }] }, 'secret "nope" not found'],
    [
      { env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'api-key' } } }] },
      "couldn't find key api-key in Secret shop/db",
    ],
    [
      { env: [{ name: 'X', valueFrom: { configMapKeyRef: { name: 'app-cfg', key: 'MISSING' } } }] },
      "couldn't find key MISSING in ConfigMap shop/app-cfg",
    ],
  ] as [Partial<Container>, string][])('fails with the kubelet message: %j', (c, message) => {
    const [p, container] = pod(c);
    expect(buildEnv(p, container, source, extra)).toEqual({ ok: false, error: message });
  });

  it('honours optional', () => {
    const [p, c] = pod({
      envFrom: [{ configMapRef: { name: 'nope', optional: true } }],
      env: [
        { name: 'X', valueFrom: { secretKeyRef: { name: 'db', key: 'api-key', optional: true } } },
      ],
    });
    const r = buildEnv(p, c, source, extra);
    expect(r.ok).toBe(true);
    expect(r.ok && 'X' in r.env).toBe(false);
  });

  it('leaves service links out when enableServiceLinks is false', () => {
    const [p, c] = pod({}, { enableServiceLinks: false });
    const r = buildEnv(p, c, source, extra);
    expect(r.ok && Object.keys(r.env).some((k) => k.startsWith('USER_DB'))).toBe(false);
    expect(r.ok && r.env['KUBERNETES_SERVICE_HOST']).toBe('127.96.0.1');
  });
});

it('names service variables like docker links', () => {
  expect(
    serviceEnv({
      name: 'redis-primary',
      namespace: 'x',
      clusterIP: '127.96.0.7',
      ports: [{ port: 6379 }],
    }),
  ).toMatchObject({
    REDIS_PRIMARY_SERVICE_HOST: '127.96.0.7',
    REDIS_PRIMARY_SERVICE_PORT: '6379',
    REDIS_PRIMARY_PORT: 'tcp://127.96.0.7:6379',
    REDIS_PRIMARY_PORT_6379_TCP_ADDR: '127.96.0.7',
  });
});
