/**
 * The events.k8s.io/v1 view of stored core/v1 Events, as the API server converts between the
 * two: `regarding` ↔ `involvedObject`, `note` ↔ `message`, `reportingController` ↔
 * `reportingComponent`, `deprecatedSource/FirstTimestamp/LastTimestamp/Count` ↔ the classic
 * fields.
 */
import type { LabObject } from '../store/types.js';
import { isPlainObject } from '../store/object-utils.js';

function copy(out: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== undefined) out[key] = value;
}

export function toEventsV1(core: LabObject): LabObject {
  const out: Record<string, unknown> = {
    apiVersion: 'events.k8s.io/v1',
    kind: 'Event',
    metadata: core.metadata,
  };
  out['eventTime'] = core['eventTime'] ?? null;
  copy(out, 'series', core['series']);
  copy(out, 'reportingController', core['reportingComponent']);
  copy(out, 'reportingInstance', core['reportingInstance']);
  copy(out, 'action', core['action']);
  copy(out, 'reason', core['reason']);
  copy(out, 'regarding', core['involvedObject']);
  copy(out, 'related', core['related']);
  copy(out, 'note', core['message']);
  copy(out, 'type', core['type']);
  if (isPlainObject(core['source']) && Object.keys(core['source']).length > 0)
    out['deprecatedSource'] = core['source'];
  copy(out, 'deprecatedFirstTimestamp', core['firstTimestamp']);
  copy(out, 'deprecatedLastTimestamp', core['lastTimestamp']);
  copy(out, 'deprecatedCount', core['count']);
  return out as LabObject;
}

export function fromEventsV1(v1: LabObject): LabObject {
  const out: Record<string, unknown> = { apiVersion: 'v1', kind: 'Event', metadata: v1.metadata };
  copy(out, 'involvedObject', v1['regarding'] ?? {});
  copy(out, 'reason', v1['reason']);
  copy(out, 'message', v1['note']);
  copy(out, 'source', v1['deprecatedSource'] ?? {});
  copy(out, 'firstTimestamp', v1['deprecatedFirstTimestamp']);
  copy(out, 'lastTimestamp', v1['deprecatedLastTimestamp']);
  copy(out, 'count', v1['deprecatedCount']);
  copy(out, 'type', v1['type']);
  copy(out, 'eventTime', v1['eventTime']);
  copy(out, 'series', v1['series']);
  copy(out, 'action', v1['action']);
  copy(out, 'related', v1['related']);
  copy(out, 'reportingComponent', v1['reportingController']);
  copy(out, 'reportingInstance', v1['reportingInstance']);
  return out as LabObject;
}
