import { describe, expect, it } from 'vitest';
import { compileFieldSelector, parseFieldSelector } from './field-selector.js';
import { RT } from './resource-types.js';
import type { LabObject } from './types.js';

const event: LabObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web-1.17f', namespace: 'shop' },
  involvedObject: {
    kind: 'Pod',
    name: 'web-1',
    namespace: 'shop',
    uid: 'u1',
    fieldPath: 'spec.containers{app}',
  },
  reason: 'BackOff',
  type: 'Warning',
  source: { component: 'kubelet', host: 'node-1' },
};

const pod: LabObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web-1', namespace: 'shop' },
  spec: { nodeName: 'node-1' },
  status: { phase: 'Running' },
};

describe('field selectors', () => {
  it('matches event fields the API supports', () => {
    const match = (s: string): boolean =>
      compileFieldSelector(RT.events, parseFieldSelector(s))(event);
    expect(
      match(
        'involvedObject.kind=Pod,involvedObject.name=web-1,involvedObject.namespace=shop,involvedObject.uid=u1',
      ),
    ).toBe(true);
    expect(match('involvedObject.name=web-2')).toBe(false);
    expect(match('reason=BackOff,type!=Normal')).toBe(true);
    expect(match('source=kubelet')).toBe(true);
    expect(match('involvedObject.fieldPath=spec.containers{app}')).toBe(true);
    expect(match('metadata.name==web-1.17f')).toBe(true);
  });

  it('matches pod fields and treats absent ones as empty', () => {
    const match = (s: string): boolean => compileFieldSelector(RT.pods, parseFieldSelector(s))(pod);
    expect(match('spec.nodeName=node-1,status.phase=Running')).toBe(true);
    expect(match('spec.nodeName!=node-1')).toBe(false);
    expect(match('status.podIP=')).toBe(true);
  });

  it('answers unsupported fields with the real message', () => {
    expect(() => compileFieldSelector(RT.configmaps, parseFieldSelector('data.x=1'))).toThrow(
      'field label not supported: data.x',
    );
  });

  it('handles escapes and the events.k8s.io names', () => {
    expect(parseFieldSelector('a=b\\,c')).toEqual([{ field: 'a', op: '=', value: 'b,c' }]);
    const v1 = { ...RT.events, group: 'events.k8s.io' };
    expect(compileFieldSelector(v1, parseFieldSelector('regarding.name=web-1'))(event)).toBe(true);
  });
});
