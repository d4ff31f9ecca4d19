/**
 * The timeline of one failing container: events (first and last time seen), the status's
 * start/finish times, the first error in the crashed instance's log, and rollout events, in
 * time order. Only entries with a known time are listed.
 */
import type { CaseContext } from './context.js';
import type { TimelineEntry } from './report.js';

const MAX_ENTRIES = 20;

export function buildTimeline(ctx: CaseContext): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const c = ctx.case;
  for (const { object: ev } of c.events) {
    const count = ev.count && ev.count > 1 ? ` (x${ev.count})` : '';
    const what = `${ev.reason ?? 'Event'}${count}: ${ev.message ?? ''}`.trim();
    if (ev.firstTimestamp && ev.count && ev.count > 1 && ev.firstTimestamp !== ev.lastTimestamp) {
      out.push({ at: ev.firstTimestamp, what: `first ${what}`, source: 'event' });
    }
    const at = ev.lastTimestamp ?? ev.eventTime ?? ev.firstTimestamp;
    if (at) out.push({ at, what, source: 'event' });
  }
  const term = ctx.facts.lastTermination;
  if (term?.startedAt)
    out.push({
      at: term.startedAt,
      what: `container ${c.container || ''} started (last instance)`.replace('  ', ' '),
      source: 'status',
    });
  if (term?.finishedAt) {
    out.push({
      at: term.finishedAt,
      what: `exited with code ${term.exitCode ?? '?'} (${term.reason ?? 'unknown'})`,
      source: 'status',
    });
  }
  const firstError = ctx.facts.logEntries.find(
    (e) => e.entry.time && (e.entry.level === 'error' || e.entry.level === 'fatal'),
  );
  if (firstError?.entry.time)
    out.push({
      at: firstError.entry.time,
      what: `log: ${firstError.entry.message.slice(0, 160)}`,
      source: 'log',
    });
  const workload = c.ownerRefs[c.ownerRefs.length - 1];
  if (workload) {
    for (const { object: ev } of ctx.index.eventsFor(workload.name, workload.kind, c.namespace)) {
      const at = ev.lastTimestamp ?? ev.eventTime;
      if (at && /ScalingReplicaSet|Reloaded|DeploymentRollback/.test(ev.reason ?? ''))
        out.push({ at, what: `${ev.reason}: ${ev.message ?? ''}`, source: 'rollout' });
    }
  }
  // A container that never started reports the zero time (1970, or Go's year 1): not a moment.
  const real = (at: string): boolean => Date.parse(at) > Date.UTC(2000, 0, 1);
  const sorted = out
    .filter((e) => real(e.at))
    .filter((e) => !Number.isNaN(Date.parse(e.at)))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const unique = sorted.filter(
    (e, i) => i === 0 || e.what !== sorted[i - 1]?.what || e.at !== sorted[i - 1]?.at,
  );
  return unique.length > MAX_ENTRIES
    ? [...unique.slice(0, 5), ...unique.slice(-(MAX_ENTRIES - 5))]
    : unique;
}
