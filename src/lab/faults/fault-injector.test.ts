import { describe, expect, it } from 'vitest';
import { FaultInjector, faultResponse } from './fault-injector.js';

function run(inj: FaultInjector, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = inj.decide({ method: 'GET', path: '/api/v1/pods', verb: 'list' });
    out.push(d.fault.kind === 'error' ? String(d.fault.code) : d.fault.kind);
  }
  return out;
}

describe('FaultInjector', () => {
  it('is deterministic for a seed and roughly honours the rates', () => {
    const a = run(new FaultInjector({ seed: 7, throttleRate: 0.2, errorRate: 0.1 }), 1000);
    const b = run(new FaultInjector({ seed: 7, throttleRate: 0.2, errorRate: 0.1 }), 1000);
    expect(a).toEqual(b);
    const throttled = a.filter((x) => x === 'throttle').length;
    const errors = a.filter((x) => x === '500' || x === '503').length;
    expect(throttled).toBeGreaterThan(150);
    expect(throttled).toBeLessThan(250);
    expect(errors).toBeGreaterThan(40);
    expect(errors).toBeLessThan(130);
  });

  it('exempts paths, filters verbs, and changes at runtime', () => {
    const inj = new FaultInjector({
      seed: 1,
      throttleRate: 1,
      exemptPaths: ['/api/', /^\/version/],
    });
    expect(inj.decide({ method: 'GET', path: '/api/v1/pods' }).fault.kind).toBe('none');
    expect(inj.decide({ method: 'GET', path: '/apis/apps/v1/deployments' }).fault.kind).toBe(
      'throttle',
    );
    inj.update({ verbs: ['watch'] });
    expect(
      inj.decide({ method: 'GET', path: '/apis/apps/v1/deployments', verb: 'list' }).fault.kind,
    ).toBe('none');
    inj.clear();
    expect(inj.decide({ method: 'GET', path: '/apis/apps/v1/deployments' }).fault.kind).toBe(
      'none',
    );
    inj.set({ watchDropAfterEvents: 3, watchExpireRate: 1, latencyMs: { min: 10, max: 20 } });
    const d = inj.decide({ method: 'GET', path: '/api/v1/pods', watch: true });
    expect(d.dropAfterEvents).toBe(3);
    expect(d.expireWatch).toBe(true);
    expect(d.latencyMs).toBeGreaterThanOrEqual(10);
    expect(d.latencyMs).toBeLessThanOrEqual(20);
  });

  it('builds real Status bodies with Retry-After', () => {
    const r = faultResponse({ kind: 'throttle', retryAfterSeconds: 2 });
    expect(r.code).toBe(429);
    expect(r.headers['Retry-After']).toBe('2');
    expect(r.body).toMatchObject({ kind: 'Status', reason: 'TooManyRequests', code: 429 });
    expect(faultResponse({ kind: 'error', code: 503 }).body).toMatchObject({
      reason: 'ServiceUnavailable',
    });
  });
});
