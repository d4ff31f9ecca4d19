/**
 * Case building: one case per failing container (init containers included), with everything
 * that belongs to it gathered from the bundle: its pod, owner chain, rollout history, events and
 * logs. Pods seen only as a table row still get a case; a paste of logs alone gets one too, with
 * no pod, because a log is often all a ticket holds.
 */
import type {
  Container,
  ContainerLog,
  ContainerStatus,
  Item,
  KEvent,
  Pod,
  RolloutHistory,
  Workload,
} from '../evidence/types.js';
import { EvidenceIndex, sameNamespace } from './evidence-index.js';

export type FailureKind =
  | 'crash-loop' // restarting: CrashLoopBackOff or terminated with restarts
  | 'waiting' // cannot start: config error, image pull, RunContainerError...
  | 'terminated' // exited and will not restart (restartPolicy Never/OnFailure, Job)
  | 'not-ready' // running but never Ready
  | 'pending' // pod not scheduled
  | 'evicted' // the node evicted the pod
  | 'logs-only'; // a log with no pod around it

export interface CrashCase {
  /** `namespace/pod/container` (parts may be empty). */
  id: string;
  failure: FailureKind;
  namespace?: string;
  podName?: string;
  pod?: Item<Pod>;
  /** Container name; empty string when unknown (table rows, bare logs). */
  container: string;
  init: boolean;
  spec?: Container;
  status?: ContainerStatus;
  /** Events about this pod. */
  events: Item<KEvent>[];
  /** The crashed instance's log (`--previous`), the current one, and logs of unknown instance. */
  logs: { previous?: ContainerLog; current?: ContainerLog; unknown: ContainerLog[] };
  /** Owner chain from the pod up: ReplicaSet, then Deployment (objects when in the evidence). */
  ownerRefs: { kind: string; name: string }[];
  owners: Item<Workload>[];
  rollout?: Item<RolloutHistory>;
}

const FAILING_WAITING = new Set([
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'RunContainerError',
  'ImagePullBackOff',
  'ErrImagePull',
  'ErrImageNeverPull',
  'InvalidImageName',
  'PreStartHookError',
  'PostStartHookError',
  'PreCreateHookError',
  'ContainerCannotRun',
  'StartError',
]);

const STUCK_CREATING =
  /^(FailedMount|FailedAttachVolume|FailedCreatePodSandBox|FailedMapVolume|NetworkNotReady)$/;

/** Build the failing-container cases of a bundle. */
export function buildCases(index: EvidenceIndex): CrashCase[] {
  const cases: CrashCase[] = [];
  const usedLogs = new Set<ContainerLog>();
  for (const item of index.pods()) {
    for (const c of podCases(item, index)) {
      cases.push(c);
      for (const l of [c.logs.previous, c.logs.current, ...c.logs.unknown]) if (l) usedLogs.add(l);
    }
  }
  for (const c of eventOnlyCases(index)) {
    cases.push(c);
    for (const l of [c.logs.previous, c.logs.current, ...c.logs.unknown]) if (l) usedLogs.add(l);
  }
  cases.push(...controllerCases(index, cases));
  // Logs nobody claimed: attach to the single failing pod family, or make a logs-only case.
  const orphans = index.bundle.logs.filter((l) => !usedLogs.has(l) && !l.pod);
  if (orphans.length > 0) {
    const families = new Set(cases.map((c) => c.ownerRefs[0]?.name ?? c.podName));
    if (cases.length > 0 && families.size === 1) {
      for (const c of cases) attachLogs(c, orphans);
    } else {
      // No pod to give them to: the log is a case of its own (several failing families, or none).
      const c: CrashCase = {
        id: '//',
        failure: 'logs-only',
        container: orphans.find((l) => l.container)?.container ?? '',
        init: false,
        events: [],
        logs: { unknown: [] },
        ownerRefs: [],
        owners: [],
      };
      attachLogs(c, orphans);
      cases.push(c);
    }
  }
  // Logs of a named pod that is not in the evidence otherwise (only `kubectl logs X` pasted).
  if (cases.length === 0) {
    // A pod that is in the evidence and healthy keeps its logs to itself: no case.
    const knownPods = new Set(index.pods().map((p) => p.object.metadata.name));
    const named = index.bundle.logs.filter(
      (l) => l.pod && !usedLogs.has(l) && !knownPods.has(l.pod),
    );
    // One case per container (`kubectl logs pod -c a`, `-c b`): a sidecar's complaint about the
    // main container must not be read as the main container's failure.
    const byContainer = new Map<string, ContainerLog[]>();
    for (const l of named) {
      const key = `${l.namespace ?? ''}/${l.pod}/${l.container ?? ''}`;
      byContainer.set(key, [...(byContainer.get(key) ?? []), l]);
    }
    for (const [key, logs] of byContainer) {
      const first = logs[0] as ContainerLog;
      const c: CrashCase = {
        id: key,
        failure: 'logs-only',
        ...(first.namespace ? { namespace: first.namespace } : {}),
        ...(first.pod ? { podName: first.pod } : {}),
        container: first.container ?? '',
        init: false,
        events: index.eventsFor(first.pod, 'Pod', first.namespace),
        logs: { unknown: [] },
        ownerRefs: [],
        owners: [],
      };
      attachLogs(c, logs);
      cases.push(c);
    }
  }
  return cases;
}

/**
 * A controller that cannot create its pods at all (a quota, an admission webhook, a missing
 * service account) leaves no pod to diagnose, only `FailedCreate` events on the ReplicaSet,
 * StatefulSet, DaemonSet or Job. Each such controller gets a case of its own.
 */
function controllerCases(index: EvidenceIndex, existing: CrashCase[]): CrashCase[] {
  // A controller with pods already diagnosed is covered by them (by owner, or by pod name shape).
  const covered = new Set(
    existing.flatMap((c) => [
      ...c.ownerRefs.map((r) => `${r.kind}/${r.name}`),
      ...(/^(.+)-[a-z0-9]{5}$/
        .exec(c.podName ?? '')
        ?.slice(1, 2)
        .map((rs) => `ReplicaSet/${rs}`) ?? []),
    ]),
  );
  const byController = new Map<string, Item<KEvent>[]>();
  for (const ev of index.events()) {
    const o = ev.object.involvedObject;
    if (
      ev.object.reason !== 'FailedCreate' ||
      !o.name ||
      !/^(ReplicaSet|StatefulSet|DaemonSet|Job)$/.test(o.kind ?? '')
    )
      continue;
    const key = `${o.kind}/${o.name}`;
    if (covered.has(key)) continue;
    byController.set(key, [...(byController.get(key) ?? []), ev]);
  }
  return [...byController].map(([key, events]) => {
    const [kind, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const namespace =
      events[0]?.object.involvedObject.namespace ?? events[0]?.object.metadata.namespace;
    const refs = [{ kind, name }];
    const owner = index.workload(kind, name, namespace);
    const parent = owner?.object.metadata.ownerReferences?.[0];
    if (parent?.kind && parent.name) refs.push({ kind: parent.kind, name: parent.name });
    else if (kind === 'ReplicaSet') {
      const m = /^(.+)-[a-z0-9]{6,10}$/.exec(name);
      if (m?.[1]) refs.push({ kind: 'Deployment', name: m[1] });
    }
    return {
      id: `${namespace ?? ''}/${key}/`,
      failure: 'pending' as const,
      ...(namespace ? { namespace } : {}),
      container: '',
      init: false,
      events,
      logs: { unknown: [] },
      ownerRefs: refs,
      owners: owner ? [owner] : [],
    };
  });
}

/** What a pod's Warning events say about it when the pod object itself was not pasted. */
const EVENT_FAILURE: [RegExp, RegExp | undefined, FailureKind][] = [
  [/^BackOff$/, /Back-off restarting failed (?:docker )?container/i, 'crash-loop'],
  [/^(Failed|BackOff|ErrImagePull|InspectFailed|ErrImageNeverPull)$/, /pull|image/i, 'waiting'],
  [
    /^Failed$/,
    /not found|couldn't find key|CreateContainer|runAsNonRoot|RunContainerError|StartError|OCI runtime/i,
    'waiting',
  ],
  [/^(FailedMount|FailedAttachVolume|FailedCreatePodSandBox)$/, undefined, 'waiting'],
  [/^FailedScheduling$/, undefined, 'pending'],
  [/^Evicted$/, undefined, 'evicted'],
  [/^(Unhealthy|Killing)$/, /(liveness|startup) probe/i, 'crash-loop'],
  [/^Unhealthy$/, /Readiness probe/i, 'not-ready'],
];

/**
 * Cases for pods known only from their events (a pasted `kubectl get events` table): the
 * failure kind comes from the events, the container from `fieldPath` or the message.
 */
function eventOnlyCases(index: EvidenceIndex): CrashCase[] {
  const known = new Set(
    index.pods().map((p) => `${p.object.metadata.namespace ?? ''}/${p.object.metadata.name ?? ''}`),
  );
  const knownNames = new Set(index.pods().map((p) => p.object.metadata.name ?? ''));
  const byPod = new Map<string, Item<KEvent>[]>();
  for (const ev of index.events()) {
    const o = ev.object.involvedObject;
    if ((o.kind && o.kind !== 'Pod') || !o.name) continue;
    const ns = o.namespace ?? ev.object.metadata.namespace;
    if (known.has(`${ns ?? ''}/${o.name}`) || knownNames.has(o.name)) continue;
    const key = `${ns ?? ''}/${o.name}`;
    byPod.set(key, [...(byPod.get(key) ?? []), ev]);
  }
  const out: CrashCase[] = [];
  for (const [key, events] of byPod) {
    const failure = eventFailure(events);
    if (!failure) continue;
    const [ns, name] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
    const container = containerFromEvents(events);
    const podLogs = index.logsFor(name, ns || undefined);
    const c: CrashCase = {
      id: `${key}/${container}`,
      failure,
      ...(ns ? { namespace: ns } : {}),
      podName: name,
      container,
      init: events.some((e) =>
        /spec\.initContainers/.test(e.object.involvedObject.fieldPath ?? ''),
      ),
      events,
      logs: { unknown: [] },
      ownerRefs: [],
      owners: [],
    };
    const guess = guessWorkload(name, index, ns || undefined) ?? ownerFromName(name);
    if (guess) {
      c.ownerRefs.push(guess);
      const rollout = index.rolloutHistory(guess.name, ns || undefined);
      if (rollout) c.rollout = rollout;
    }
    attachLogs(c, podLogs);
    out.push(c);
  }
  return out;
}

function eventFailure(events: Item<KEvent>[]): FailureKind | undefined {
  for (const [reason, message, kind] of EVENT_FAILURE) {
    if (
      events.some(
        (e) =>
          reason.test(e.object.reason ?? '') && (!message || message.test(e.object.message ?? '')),
      )
    )
      return kind;
  }
  return undefined;
}

function containerFromEvents(events: Item<KEvent>[]): string {
  for (const e of events) {
    const fp = /\{([^}]+)\}/.exec(e.object.involvedObject.fieldPath ?? '');
    if (fp?.[1]) return fp[1];
    const msg =
      /(?:failed container|Container|container) "?([a-z0-9][a-z0-9-]*)"?(?: in pod| failed| definition|$)/.exec(
        e.object.message ?? '',
      );
    if (msg?.[1] && msg[1] !== 'image') return msg[1];
  }
  return '';
}

/** `web-7d9f8c6b5-x2k9q` → ReplicaSet `web-7d9f8c6b5` (a Deployment's pod name shape). */
function ownerFromName(name: string): { kind: string; name: string } | undefined {
  const m = /^(.+)-([a-z0-9]{6,10})-[a-z0-9]{5}$/.exec(name);
  return m?.[1] ? { kind: 'Deployment', name: m[1] } : undefined;
}

/** A describe pasted without its `Name:` line: the event rows printed inside the same block. */
function unnamedEventsOf(item: Item<Pod>, index: EvidenceIndex): Item<KEvent>[] {
  const { source, from, to } = item.origin;
  return index
    .events()
    .filter(
      (e) =>
        !e.object.involvedObject.name &&
        e.origin.source === source &&
        e.origin.from >= from &&
        e.origin.to <= to,
    );
}

function podCases(item: Item<Pod>, index: EvidenceIndex): CrashCase[] {
  const pod = item.object;
  const ns = pod.metadata.namespace;
  const name = pod.metadata.name;
  const events = name ? index.eventsFor(name, 'Pod', ns) : unnamedEventsOf(item, index);
  const { refs, owners, rollout } = ownerChain(pod, index);
  const base = {
    namespace: ns,
    podName: name,
    pod: item,
    events,
    ownerRefs: refs,
    owners,
    ...(rollout ? { rollout } : {}),
  };
  const make = (
    container: string,
    init: boolean,
    failure: FailureKind,
    spec?: Container,
    status?: ContainerStatus,
  ): CrashCase => {
    const c: CrashCase = {
      id: `${ns ?? ''}/${name ?? ''}/${container}`,
      failure,
      container,
      init,
      logs: { unknown: [] },
      ...stripUndefined(base),
      ...(spec ? { spec } : {}),
      ...(status ? { status } : {}),
    } as CrashCase;
    const podLogs = index
      .logsFor(name, ns)
      .filter((l) => !l.container || !container || l.container === container);
    attachLogs(c, podLogs);
    return c;
  };

  if (lostToItsNode(pod, events, index)) {
    const first = pod.spec?.containers?.[0];
    return [make(first?.name ?? '', false, 'evicted', first)];
  }

  const out: CrashCase[] = [];
  const restartPolicy = pod.spec?.restartPolicy ?? 'Always';
  const groups: [Container[] | undefined, ContainerStatus[] | undefined, boolean][] = [
    [pod.spec?.initContainers, pod.status?.initContainerStatuses, true],
    [pod.spec?.containers, pod.status?.containerStatuses, false],
  ];
  for (const [specs, statuses, init] of groups) {
    const names = new Set<string>([
      ...(specs ?? []).map((s) => s.name),
      ...(statuses ?? []).map((s) => s.name),
    ]);
    for (const cname of names) {
      const spec = specs?.find((s) => s.name === cname);
      let status = statuses?.find((s) => s.name === cname);
      // A table row carries one anonymous status; it stands for the only container we know.
      if (!status && statuses?.length === 1 && statuses[0]?.name === '' && names.size <= 2)
        status = statuses[0];
      if (cname === '' && names.size > 1) continue;
      const previousLog = index
        .logsFor(name, ns)
        .some((l) => l.previous === true && (!l.container || !cname || l.container === cname));
      const failure = containerFailure(
        status,
        spec,
        init,
        restartPolicy,
        events,
        cname,
        pod,
        previousLog,
      );
      if (failure) out.push(make(cname, init, failure, spec, status));
    }
  }
  if (out.length === 0 && isUnscheduled(pod, events)) {
    const first = pod.spec?.containers?.[0];
    out.push(make(first?.name ?? '', false, 'pending', first));
  }
  // A partial paste (a describe cut down to its Events) shows no container status: the events
  // say what is failing.
  const noStatus =
    !pod.status?.containerStatuses?.length && !pod.status?.initContainerStatuses?.length;
  if (out.length === 0 && noStatus) {
    const failure = eventFailure(events);
    if (failure) {
      const name = containerFromEvents(events) || (pod.spec?.containers?.[0]?.name ?? '');
      out.push(
        make(
          name,
          false,
          failure,
          pod.spec?.containers?.find((c) => c.name === name),
        ),
      );
    }
  }
  return out;
}

function containerFailure(
  status: ContainerStatus | undefined,
  spec: Container | undefined,
  init: boolean,
  restartPolicy: string,
  events: Item<KEvent>[],
  name: string,
  pod: Pod,
  hasPreviousLog: boolean,
): FailureKind | undefined {
  if (!status) return undefined;
  const waiting = status.state?.waiting?.reason;
  const terminated = status.state?.terminated;
  const restarts = status.restartCount ?? 0;
  if (waiting && FAILING_WAITING.has(waiting))
    return waiting === 'CrashLoopBackOff' ? 'crash-loop' : 'waiting';
  // Stuck before start: a volume that will not mount or a sandbox that will not come up.
  if (
    (waiting === 'ContainerCreating' || waiting === 'PodInitializing') &&
    events.some((e) => STUCK_CREATING.test(e.object.reason ?? ''))
  )
    return 'waiting';
  if (terminated) {
    const reason = terminated.reason ?? '';
    const code = terminated.exitCode;
    // Completed init containers and finished Job pods are healthy.
    if ((code === 0 || reason === 'Completed') && (init || restartPolicy !== 'Always'))
      return undefined;
    // A sidecar stopped after the main container finished is not a failure.
    if (pod.status?.phase === 'Succeeded') return undefined;
    if (code === 0 || reason === 'Completed')
      return restarts > 0
        ? 'crash-loop'
        : restartPolicy === 'Always' && !init
          ? 'crash-loop'
          : undefined;
    if (isRolloutStop(terminated.exitCode, events, name)) return undefined;
    return restartPolicy === 'Always' || init ? 'crash-loop' : 'terminated';
  }
  if (status.state?.running || status.state === undefined) {
    const lastTerm = status.lastState?.terminated;
    if (restarts > 0 && lastTerm && !(spec?.restartPolicy === 'Always' && init)) {
      // Restarting but currently running: a crash loop caught between crashes.
      if (!isRolloutStop(lastTerm.exitCode, events, name) || restarts >= 2) return 'crash-loop';
    }
    // A table row shows no last state; a crashed instance's log (`--previous`) shows it ended.
    if (restarts > 0 && !lastTerm && hasPreviousLog) return 'crash-loop';
    if (status.ready === false && !init && status.state?.running) {
      const readinessFailing = events.some(
        (e) => e.object.reason === 'Unhealthy' && /readiness/i.test(e.object.message ?? ''),
      );
      if (readinessFailing || restarts === 0) return readinessFailing ? 'not-ready' : undefined;
    }
  }
  return undefined;
}

/**
 * The node, not the pod, ended it: evicted, rejected at admission (`OutOfcpu`, `NodeAffinity`,
 * `UnexpectedAdmissionError`), lost with its node (`Unknown`, or stuck Terminating on a node that
 * is NotReady), shut down with the node.
 */
function lostToItsNode(pod: Pod, events: Item<KEvent>[], index: EvidenceIndex): boolean {
  const reason = pod.status?.reason ?? '';
  if (
    /^(Evicted|OutOf\w+|NodeLost|NodeAffinity|UnexpectedAdmissionError|Shutdown|NodeShutdown|Terminated)$/.test(
      reason,
    )
  )
    return true;
  if (pod.status?.phase === 'Failed' && /evict/i.test(reason)) return true;
  const printed = pod.metadata.annotations?.['crashlens.dev/printed-status'] ?? '';
  if (
    /^(Evicted|OutOf\w+|NodeLost|NodeAffinity|UnexpectedAdmissionError|Unknown)$/.test(printed) ||
    pod.status?.phase === 'Unknown'
  )
    return true;
  const terminating = printed === 'Terminating' || pod.status?.phase === 'Terminating';
  if (!terminating) return false;
  const nodeName = pod.spec?.nodeName;
  const node = nodeName ? index.node(nodeName) : undefined;
  const nodeDown =
    node?.object.status?.conditions?.some((c) => c.type === 'Ready' && c.status !== 'True') ??
    false;
  return nodeDown || events.some((e) => /^(NodeNotReady|NodeLost)$/.test(e.object.reason ?? ''));
}

/** A 143 with a `Killing ... Stopping container` event and no restarts is a normal stop. */
function isRolloutStop(
  exitCode: number | undefined,
  events: Item<KEvent>[],
  name: string,
): boolean {
  if (exitCode !== 143 && exitCode !== 137) return false;
  return events.some(
    (e) =>
      e.object.reason === 'Killing' &&
      /Stopping container/i.test(e.object.message ?? '') &&
      (!name || (e.object.message ?? '').includes(name)),
  );
}

function isUnscheduled(pod: Pod, events: Item<KEvent>[]): boolean {
  if (pod.status?.phase && pod.status.phase !== 'Pending') return false;
  const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  return (
    cond?.reason === 'Unschedulable' || events.some((e) => e.object.reason === 'FailedScheduling')
  );
}

function ownerChain(
  pod: Pod,
  index: EvidenceIndex,
): {
  refs: { kind: string; name: string }[];
  owners: Item<Workload>[];
  rollout?: Item<RolloutHistory>;
} {
  const refs: { kind: string; name: string }[] = [];
  const owners: Item<Workload>[] = [];
  const ns = pod.metadata.namespace;
  let ref =
    pod.metadata.ownerReferences?.find((r) => r.controller) ?? pod.metadata.ownerReferences?.[0];
  for (let depth = 0; ref?.kind && ref.name && depth < 4; depth++) {
    refs.push({ kind: ref.kind, name: ref.name });
    const obj = index.workload(ref.kind, ref.name, ns);
    if (obj) owners.push(obj);
    let next =
      obj?.object.metadata.ownerReferences?.find((r) => r.controller) ??
      obj?.object.metadata.ownerReferences?.[0];
    // A ReplicaSet named `<deployment>-<hash>` belongs to that Deployment even when unlisted.
    if (!next && ref.kind === 'ReplicaSet') {
      const dep = deploymentOfReplicaSet(ref.name, pod, index);
      if (dep) next = { kind: 'Deployment', name: dep };
    }
    ref = next;
  }
  // Pods named like a workload's pods (`checkout-api-7x9m2`) with no owner info at all.
  if (refs.length === 0 && pod.metadata.name) {
    const guess = guessWorkload(pod.metadata.name, index, ns);
    if (guess) {
      refs.push(guess);
      const obj = index.workload(guess.kind, guess.name, ns);
      if (obj) owners.push(obj);
    }
  }
  const top = refs[refs.length - 1];
  const rollout = top ? index.rolloutHistory(top.name, ns) : undefined;
  return { refs, owners, ...(rollout ? { rollout } : {}) };
}

function deploymentOfReplicaSet(
  rsName: string,
  pod: Pod,
  index: EvidenceIndex,
): string | undefined {
  const hash = pod.metadata.labels?.['pod-template-hash'];
  if (hash && rsName.endsWith(`-${hash}`)) return rsName.slice(0, -hash.length - 1);
  const m = /^(.+)-[a-z0-9]{6,10}$/.exec(rsName);
  if (!m?.[1]) return undefined;
  const name = m[1];
  if (
    index.workload('Deployment', name, pod.metadata.namespace) ||
    index.rolloutHistory(name, pod.metadata.namespace)
  )
    return name;
  return /^[a-f0-9]+$|[bcdfghjklmnpqrstvwxz2456789]{6,10}$/.test(rsName.slice(name.length + 1))
    ? name
    : undefined;
}

function guessWorkload(
  podName: string,
  index: EvidenceIndex,
  ns: string | undefined,
): { kind: string; name: string } | undefined {
  const candidates = [
    ...index.all('RolloutHistory').map((r) => ({
      kind: kindOfHistory(r.object.workloadKind),
      name: r.object.name ?? '',
      ns: r.object.namespace,
    })),
    ...index.workloads().map((w) => ({
      kind: w.object.kind as string,
      name: w.object.metadata.name ?? '',
      ns: w.object.metadata.namespace,
    })),
  ];
  const match = candidates
    .filter((c) => c.name && podName.startsWith(`${c.name}-`) && sameNamespace(c.ns, ns))
    .sort((a, b) => b.name.length - a.name.length)[0];
  if (match) return { kind: match.kind, name: match.name };
  return undefined;
}

function kindOfHistory(kind: string | undefined): string {
  const k = (kind ?? 'deployment').toLowerCase();
  if (k.startsWith('statefulset')) return 'StatefulSet';
  if (k.startsWith('daemonset')) return 'DaemonSet';
  return 'Deployment';
}

function attachLogs(c: CrashCase, logs: ContainerLog[]): void {
  for (const l of logs) {
    if (l.previous === true) c.logs.previous ??= l;
    else if (l.previous === false) c.logs.current ??= l;
    else c.logs.unknown.push(l);
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
