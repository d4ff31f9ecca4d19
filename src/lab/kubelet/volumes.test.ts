/** Volumes as real files, and the FailedMount messages for what is missing. */
import { mkdtempSync, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConfigSource } from './env.js';
import type { PodObject, Volume } from './pod-types.js';
import { containerMounts, setUpVolumes } from './volumes.js';

const source: ConfigSource = {
  configMap: (_ns, name) =>
    name === 'cfg' ? { data: { 'app.yaml': 'level: info\n', other: 'x' } } : undefined,
  secret: (_ns, name) => (name === 'tls' ? { 'tls.key': 'KEY' } : undefined),
  services: () => [],
};

function run(volumes: Volume[]) {
  const root = mkdtempSync(join(tmpdir(), 'vol-'));
  const pod: PodObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'ns', uid: 'u' },
    spec: { containers: [{ name: 'c' }], volumes },
  };
  return {
    root,
    result: setUpVolumes(pod, {
      podDir: join(root, 'pod'),
      nodeRoot: join(root, 'node'),
      claimsRoot: join(root, 'claims'),
      source,
    }),
  };
}

describe('setUpVolumes', () => {
  it('writes ConfigMap and Secret keys as files, with items and modes', () => {
    const { result } = run([
      {
        name: 'cfg',
        configMap: { name: 'cfg', items: [{ key: 'app.yaml', path: 'conf/app.yaml' }] },
      },
      { name: 'tls', secret: { secretName: 'tls', defaultMode: 0o400 } },
      { name: 'scratch', emptyDir: {} },
    ]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(readFileSync(join(result.dirs.get('cfg')!, 'conf/app.yaml'), 'utf8')).toBe(
      'level: info\n',
    );
    expect(statSync(join(result.dirs.get('tls')!, 'tls.key')).mode & 0o777).toBe(0o400);
    const mounts = containerMounts(
      { name: 'c', volumeMounts: [{ name: 'cfg', mountPath: '/etc/app' }] },
      result.dirs,
    );
    expect(mounts).toEqual([
      { containerPath: '/etc/app', hostPath: result.dirs.get('cfg'), readOnly: false },
    ]);
  });

  it.each([
    [{ name: 'cfg', configMap: { name: 'missing' } }, 'configmap "missing" not found'],
    [
      { name: 'cfg', configMap: { name: 'cfg', items: [{ key: 'nope', path: 'x' }] } },
      'configmap references non-existent config key: nope',
    ],
    [{ name: 'tls', secret: { secretName: 'gone' } }, 'secret "gone" not found'],
    [
      { name: 'model', hostPath: { path: '/var/lib/models/m.onnx', type: 'File' } },
      'hostPath type check failed: /var/lib/models/m.onnx is not a file',
    ],
  ] as [Volume, string][])('fails as FailedMount says: %j', (v, error) => {
    expect(run([v]).result).toEqual({ ok: false, volume: v.name, error });
  });

  it('skips optional objects and serves hostPath from the lab node filesystem', () => {
    const { root, result } = run([
      { name: 'opt', configMap: { name: 'missing', optional: true } },
      { name: 'data', hostPath: { path: '/srv/data', type: 'DirectoryOrCreate' } },
    ]);
    expect(result.ok && result.dirs.get('data')).toBe(join(root, 'node', '/srv/data'));
    mkdirSync(join(root, 'node', 'srv', 'f'), { recursive: true });
    writeFileSync(join(root, 'node', 'srv', 'f', 'x'), '');
  });
});
