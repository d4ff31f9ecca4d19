/**
 * The seed-000 walk-through, as the SRE did it, with real kubectl against the lab: diagnose the
 * crash-looping user-auth 3.14.0 pods, add REDIS_URL to the ConfigMap, restart the rollout, and
 * watch the new pods connect to Redis and become Ready.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLab, type Lab } from '../../src/lab/runtime.js';
import { diagnosePaste, topCategory } from '../../src/lab/scenarios/diagnose-paste.js';
import { stopAndCheckNoLeak, TIME_SCALE } from './support.js';

describe('seed-000 walk-through', () => {
  let lab: Lab;
  beforeAll(async () => {
    lab = await startLab({ scenarios: ['seed-000-user-auth'], timeScale: TIME_SCALE });
  }, 30_000);
  afterAll(async () => {
    if (lab) await stopAndCheckNoLeak(lab);
  }, 30_000);

  it('diagnoses, patches the ConfigMap, restarts the rollout, and the pods become Ready', async () => {
    const failing = await lab.waitForFailure('seed-000-user-auth', 45_000);
    const report = diagnosePaste(await lab.paste('seed-000-user-auth', failing));
    expect(topCategory(report)).toBe('config-code-mismatch');

    const patched = await lab.kubectl([
      'patch',
      'configmap',
      'user-auth-config',
      '-n',
      'auth',
      '--type',
      'merge',
      '-p',
      '{"data":{"REDIS_URL":"redis://user-auth-redis.auth.svc.cluster.local:6379/0"}}',
    ]);
    expect(patched).toContain('configmap/user-auth-config patched');
    expect(await lab.kubectl('rollout restart deployment/user-auth -n auth')).toContain(
      'deployment.apps/user-auth restarted',
    );
    const status = await lab.kubectl('rollout status deployment/user-auth -n auth --timeout=60s');
    expect(status).toContain('successfully rolled out');

    const list = JSON.parse(await lab.kubectl('get pods -n auth -l app=user-auth -o json')) as {
      items: {
        metadata: { name: string; deletionTimestamp?: string };
        spec: { containers: { image: string }[] };
        status: { containerStatuses?: { ready: boolean }[] };
      }[];
    };
    const live = list.items.filter((p) => !p.metadata.deletionTimestamp);
    expect(live.length).toBe(2);
    for (const p of live) {
      expect(p.spec.containers[0]?.image).toBe('registry.internal/user-auth:3.14.0');
      expect(p.status.containerStatuses?.[0]?.ready).toBe(true);
    }
    const logs = await lab.kubectl(`logs ${live[0]!.metadata.name} -n auth`);
    expect(logs).toContain('REDIS_URL=redis://user-auth-redis.auth.svc.cluster.local:6379/0');
    expect(logs).toContain('Connected to Redis.');
    expect(logs).toContain('Listening on port 8080.');
  }, 120_000);
});
