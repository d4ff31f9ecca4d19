/**
 * The pod printer of kubectl's server side (`printPod` in pkg/printers/internalversion):
 * READY counts, the STATUS reason (waiting/terminated reasons, `Init:…`, `Completed`,
 * `Terminating`, `NotReady`, `SchedulingGated`), RESTARTS with "(2m10s ago)", AGE, and the
 * wide columns IP, NODE, NOMINATED NODE, READINESS GATES. This STATUS column is what makes
 * `kubectl get pods` say CrashLoopBackOff.
 */
import type { LabObject } from '../../store/types.js';
import { asArray, asRecord, asString, parseTime } from '../../store/object-utils.js';
import { AGE_COL, NAME_COL, col, int, since, type ColumnDefinition } from './format.js';

export const POD_COLUMNS: ColumnDefinition[] = [
  NAME_COL,
  col('Ready', 'The aggregate readiness state of this pod for accepting traffic.'),
  col('Status', 'The aggregate status of the containers in this pod.'),
  col(
    'Restarts',
    'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.',
  ),
  AGE_COL,
  col(
    'IP',
    'podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.',
    { priority: 1 },
  ),
  col(
    'Node',
    'NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName.',
    { priority: 1 },
  ),
  col(
    'Nominated Node',
    'nominatedNodeName is set only when this pod preempts other pods on the node, but it cannot be scheduled right away as preemption victims receive their graceful termination periods.',
    { priority: 1 },
  ),
  col('Readiness Gates', 'If specified, all readiness gates will be evaluated for pod readiness.', {
    priority: 1,
  }),
];

type Rec = Record<string, unknown>;

function conditionTrue(status: Rec, type: string): boolean {
  return asArray(status['conditions']).some(
    (c) => asRecord(c)['type'] === type && asRecord(c)['status'] === 'True',
  );
}

function finishedAt(cs: Rec): Date | undefined {
  return parseTime(asRecord(asRecord(asRecord(cs['lastState'])['terminated']))['finishedAt']);
}

function restartable(container: Rec | undefined): boolean {
  return container?.['restartPolicy'] === 'Always';
}

export interface PodSummary {
  ready: string;
  status: string;
  restarts: string;
  conditions: Rec[] | undefined;
}

/** STATUS/READY/RESTARTS exactly as `printPod` computes them. */
export function summarizePod(pod: LabObject, now: Date): PodSummary {
  const spec = asRecord(pod['spec']);
  const status = asRecord(pod['status']);
  const containers = asArray(spec['containers']);
  const initSpecs = asArray(spec['initContainers']).map(asRecord);
  let restarts = 0;
  let restartableInitRestarts = 0;
  let total = containers.length;
  let ready = 0;
  let lastRestart: Date | undefined;
  let lastRestartableInitRestart: Date | undefined;
  const phase = asString(status['phase']);
  let reason = phase;
  if (asString(status['reason'])) reason = asString(status['reason']);
  for (const c of asArray(status['conditions']).map(asRecord)) {
    if (c['type'] === 'PodScheduled' && c['reason'] === 'SchedulingGated')
      reason = 'SchedulingGated';
  }
  let conditions: Rec[] | undefined;
  if (phase === 'Succeeded') {
    conditions = [
      {
        type: 'Completed',
        status: 'True',
        reason: 'Succeeded',
        message: 'The pod has completed successfully.',
      },
    ];
  } else if (phase === 'Failed') {
    conditions = [
      { type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' },
    ];
  }
  const initByName = new Map<string, Rec>();
  for (const c of initSpecs) {
    initByName.set(asString(c['name']), c);
    if (restartable(c)) total++;
  }
  const later = (a: Date | undefined, b: Date | undefined): Date | undefined =>
    !a ? b : !b ? a : b > a ? b : a;

  let initializing = false;
  const initStatuses = asArray(status['initContainerStatuses']).map(asRecord);
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i] ?? {};
    const state = asRecord(cs['state']);
    const terminated = state['terminated'] ? asRecord(state['terminated']) : undefined;
    const waiting = state['waiting'] ? asRecord(state['waiting']) : undefined;
    restarts += int(cs['restartCount']);
    lastRestart = later(lastRestart, finishedAt(cs));
    const isRestartable = restartable(initByName.get(asString(cs['name'])));
    if (isRestartable) {
      restartableInitRestarts += int(cs['restartCount']);
      lastRestartableInitRestart = later(lastRestartableInitRestart, finishedAt(cs));
    }
    if (terminated && int(terminated['exitCode']) === 0) continue;
    if (isRestartable && cs['started'] === true) {
      if (cs['ready'] === true) ready++;
      continue;
    }
    if (terminated) {
      if (!asString(terminated['reason'])) {
        reason =
          int(terminated['signal']) !== 0
            ? `Init:Signal:${int(terminated['signal'])}`
            : `Init:ExitCode:${int(terminated['exitCode'])}`;
      } else {
        reason = `Init:${asString(terminated['reason'])}`;
      }
    } else if (waiting && asString(waiting['reason']) && waiting['reason'] !== 'PodInitializing') {
      reason = `Init:${asString(waiting['reason'])}`;
    } else {
      reason = `Init:${i}/${initSpecs.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(status, 'Initialized')) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses = asArray(status['containerStatuses']).map(asRecord);
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i] ?? {};
      const state = asRecord(cs['state']);
      const waiting = state['waiting'] ? asRecord(state['waiting']) : undefined;
      const terminated = state['terminated'] ? asRecord(state['terminated']) : undefined;
      restarts += int(cs['restartCount']);
      lastRestart = later(lastRestart, finishedAt(cs));
      if (waiting && asString(waiting['reason'])) {
        reason = asString(waiting['reason']);
      } else if (terminated && asString(terminated['reason'])) {
        reason = asString(terminated['reason']);
      } else if (terminated) {
        reason =
          int(terminated['signal']) !== 0
            ? `Signal:${int(terminated['signal'])}`
            : `ExitCode:${int(terminated['exitCode'])}`;
      } else if (cs['ready'] === true && state['running']) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) {
      reason = conditionTrue(status, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && asString(status['reason']) === 'NodeLost') {
    reason = 'Unknown';
  } else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }
  let restartsText = String(restarts);
  if (restarts !== 0 && lastRestart)
    restartsText = `${restarts} (${since(lastRestart.toISOString(), now)} ago)`;
  return { ready: `${ready}/${total}`, status: reason, restarts: restartsText, conditions };
}

export function podRow(pod: LabObject, now: Date): { cells: unknown[]; conditions?: Rec[] } {
  const s = summarizePod(pod, now);
  const spec = asRecord(pod['spec']);
  const status = asRecord(pod['status']);
  const podIPs = asArray(status['podIPs']).map(asRecord);
  const ip = asString(podIPs[0]?.['ip']) || '<none>';
  const gates = asArray(spec['readinessGates']).map(asRecord);
  let gatesText = '<none>';
  if (gates.length > 0) {
    const conds = asArray(status['conditions']).map(asRecord);
    const trueCount = gates.filter((g) => {
      const c = conds.find((x) => x['type'] === g['conditionType']);
      return c?.['status'] === 'True';
    }).length;
    gatesText = `${trueCount}/${gates.length}`;
  }
  const cells = [
    pod.metadata.name ?? '',
    s.ready,
    s.status,
    s.restarts,
    since(pod.metadata.creationTimestamp, now),
    ip,
    asString(spec['nodeName']) || '<none>',
    asString(status['nominatedNodeName']) || '<none>',
    gatesText,
  ];
  return s.conditions ? { cells, conditions: s.conditions } : { cells };
}
