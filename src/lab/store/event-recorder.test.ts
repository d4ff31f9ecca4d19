import { describe, expect, it } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { StoreEventRecorder } from './event-recorder.js';
import { manualClock } from './clock.js';
import { RT } from './resource-types.js';

describe('StoreEventRecorder', () => {
  it('aggregates repeats into count/lastTimestamp and names events <obj>.<hex>', () => {
    const clock = manualClock();
    const store = new MemoryStore({ clock });
    const rec = new StoreEventRecorder(store, clock);
    const pod = {
      kind: 'Pod',
      namespace: 'default',
      name: 'web-1',
      uid: 'u1',
      apiVersion: 'v1',
      fieldPath: 'spec.containers{app}',
    };
    rec.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container app', {
      component: 'kubelet',
      host: 'node-1',
    });
    clock.advance(30);
    rec.record(pod, 'Warning', 'BackOff', 'Back-off restarting failed container app', {
      component: 'kubelet',
      host: 'node-1',
    });
    rec.record(pod, 'Normal', 'Pulled', 'Container image "x" already present on machine', {
      component: 'kubelet',
      host: 'node-1',
    });
    const events = store.list(RT.events, 'default').items;
    expect(events).toHaveLength(2);
    const backoff = events.find((e) => e['reason'] === 'BackOff');
    expect(backoff?.metadata.name).toMatch(/^web-1\.[0-9a-f]+$/);
    expect(backoff).toMatchObject({
      count: 2,
      firstTimestamp: '2025-03-01T10:00:00Z',
      lastTimestamp: '2025-03-01T10:00:30Z',
      source: { component: 'kubelet', host: 'node-1' },
      reportingComponent: 'kubelet',
      reportingInstance: 'node-1',
      involvedObject: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{app}' },
    });
  });

  it('combines ten distinct similar messages like the correlator', () => {
    const clock = manualClock();
    const store = new MemoryStore({ clock });
    const rec = new StoreEventRecorder(store, clock);
    const node = { kind: 'Node', name: 'n1' };
    for (let i = 0; i < 12; i++)
      rec.record(node, 'Warning', 'Probe', `message ${i}`, { component: 'kubelet' });
    const events = store.list(RT.events, 'default').items;
    expect(events).toHaveLength(10);
    const combined = events.find((e) =>
      String(e['message']).startsWith('(combined from similar events): '),
    );
    expect(combined?.['count']).toBe(3);
  });
});
