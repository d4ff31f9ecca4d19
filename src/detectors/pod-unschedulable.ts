/**
 * unschedulable: the pod stays Pending because no node passes the scheduler's filters. The
 * scheduler's FailedScheduling message is a histogram (`0/5 nodes are available: 3 Insufficient
 * memory, 2 node(s) had untolerated taint {dedicated: gpu}. preemption: ...`); it is broken down
 * per reason with its node count, each reason is checked against the pod spec and the nodes in
 * the paste (requests vs allocatable, taints vs tolerations, nodeSelector vs node labels, the
 * claims and their StorageClass), and the largest blocker gets the fix. A ReplicaSet that cannot
 * create pods because of a ResourceQuota (FailedCreate) is the same symptom one step earlier.
 */
import { escapeRegExp } from '../regexp.js';
import { formatBytes, parseCpu, parseQuantity } from '../engine/context.js';
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { Item, KEvent, Node, Pod } from '../evidence/types.js';
import { describeCommand, nsFlag, shq, workloadTarget } from './_shared.js';
import { defineDetector } from './define.js';

type Messages =
  'noFit' | 'noFitExplain' | 'quota' | 'quotaExplain' | 'pending' | 'pendingExplain' | 'decide';

type Kind =
  | 'insufficient'
  | 'too-many-pods'
  | 'taint'
  | 'nodes-not-ready'
  | 'node-selector'
  | 'pod-affinity'
  | 'topology-spread'
  | 'unbound-pvc'
  | 'volume-node-affinity'
  | 'volume-limits'
  | 'cordoned'
  | 'host-port'
  | 'other';

interface Blocker {
  kind: Kind;
  /** Nodes this reason excluded; undefined when the reason is about the pod (unbound claims). */
  count?: number;
  text: string;
  resource?: string;
  taint?: string;
}

/** Taints the node lifecycle controller and kubelet set on unhealthy nodes. */
const UNHEALTHY_TAINT =
  /^node\.kubernetes\.io\/(not-ready|unreachable|disk-pressure|memory-pressure|pid-pressure|network-unavailable|out-of-disk)|^node\.cloudprovider\.kubernetes\.io\/shutdown/;

export default defineDetector<Messages>({
  meta: {
    id: 'pod-unschedulable',
    title: 'The pod stays Pending: no node fits',
    category: 'unschedulable',
    severity: 'high',
    summary:
      'FailedScheduling broken down per reason with node counts (resources vs requests, taints vs tolerations, selectors, unbound PVCs, volume zones, pod limits) and ReplicaSet FailedCreate quota denials; names the largest blocker and its fix.',
    messages: {
      noFit: 'No node can run the pod: {{main}}',
      noFitExplain:
        'The scheduler checked {{total}} and none passed: {{breakdown}}.{{largestNote}}{{closestNote}} {{advice}}',
      quota: 'ResourceQuota {{quota}} forbids creating the pods ({{detail}})',
      quotaExplain:
        'The ReplicaSet cannot create pods: the namespace quota {{quota}} would be exceeded ({{detail}}). No pod exists to schedule, so the rollout is stuck until the requests/limits shrink or the quota grows.',
      pending: 'The pod is not scheduled ({{reason}})',
      pendingExplain:
        'The pod is Pending and its PodScheduled condition is False{{messageNote}}; the scheduler events say which filter rejects every node.',
      decide: "The scheduler's FailedScheduling event lists why each node was rejected",
    },
    requires: [],
  },
  detect(ctx) {
    const pod = ctx.case.pod?.object;
    const quota = ctx.case.failure === 'pending' ? quotaDenial(ctx) : undefined;
    if (quota) {
      ctx.report({
        messageId: 'quota',
        explainId: 'quotaExplain',
        subcategory: 'quota',
        data: { quota: quota.name, detail: quota.detail },
        confidence: 0.9,
        evidence: [ctx.cite.event(quota.event)],
        fixes: quotaFixes(ctx, quota.name),
      });
      return;
    }
    const scheduling = ctx.case.events.filter((e) => e.object.reason === 'FailedScheduling');
    const cond = pod?.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const pendingPod =
      ctx.case.failure === 'pending' ||
      (pod?.status?.phase === 'Pending' &&
        !pod.spec?.nodeName &&
        (scheduling.length > 0 || cond?.status === 'False'));
    if (!pendingPod) return;
    const latest = [...scheduling].sort((a, b) => eventTime(a) - eventTime(b)).at(-1);
    const message = latest?.object.message ?? (cond?.status === 'False' ? cond.message : undefined);
    const parsed = message ? parseScheduling(message) : undefined;
    if (!parsed || parsed.blockers.length === 0) {
      ctx.report({
        messageId: 'pending',
        explainId: 'pendingExplain',
        subcategory: 'pending',
        data: {
          reason: cond?.reason ?? 'Pending',
          messageNote: message ? ` (${message.slice(0, 160)})` : '',
        },
        confidence: latest || cond?.reason === 'Unschedulable' ? 0.6 : 0.45,
        evidence: [
          latest ? ctx.cite.event(latest) : undefined,
          ctx.cite.pod(['PodScheduled', 'Pending']),
        ],
        nextStep: { messageId: 'decide', command: describeCommand(ctx) },
      });
      return;
    }
    const { blockers, total } = parsed;
    const largest = pickLargest(blockers, total);
    const closest = pickClosest(blockers, pod);
    const checks = blockers.map((b) => explainBlocker(ctx, b));
    const main = checks[blockers.indexOf(closest)]!;
    const big = checks[blockers.indexOf(largest)]!;
    const nodes = (b: Blocker): string =>
      b.count !== undefined && total !== undefined ? `${b.count} of ${total} nodes: ` : '';
    const breakdown = blockers
      .map((b, i) => `${b.count !== undefined ? `${b.count} node(s): ` : ''}${checks[i]!.short}`)
      .join('; ');
    const corroborated = checks.some((c) => c.evidence.length > 0);
    ctx.report({
      messageId: 'noFit',
      explainId: 'noFitExplain',
      subcategory: subcategoryOf(closest),
      data: {
        main: `${nodes(closest)}${main.short}`,
        largestNote:
          blockers.length > 1 ? ` The largest blocker is ${nodes(largest)}${big.short}.` : '',
        total: total !== undefined ? `${total} node(s)` : 'the nodes',
        breakdown,
        closestNote:
          closest === largest
            ? ''
            : ` What matters is the nodes meant for this pod${closest.count !== undefined ? ` (${closest.count})` : ''}: ${main.short}.`,
        advice: main.advice,
      },
      confidence: Math.min(
        0.97,
        0.88 +
          (corroborated ? 0.04 : 0) +
          (scheduling.length > 1 || (latest?.object.count ?? 1) > 1 ? 0.02 : 0),
      ),
      evidence: [
        latest ? ctx.cite.event(latest) : ctx.cite.pod([/0\/\d+ nodes are available/]),
        ...checks.flatMap((c) => c.evidence),
      ],
      fixes: [
        ...main.fixes,
        ...blockers
          .map((b, i) => ({ b, c: checks[i]! }))
          .filter(
            ({ b, c }) =>
              c !== main &&
              b.kind !== 'node-selector' &&
              b.kind !== 'cordoned' &&
              !/node-role\.kubernetes\.io\/(control-plane|master)/.test(b.taint ?? ''),
          )
          .flatMap(({ c }) => c.fixes.slice(0, 1)),
      ].slice(0, 4),
    });
  },
});

function eventTime(e: Item<KEvent>): number {
  const t = Date.parse(
    e.object.lastTimestamp ?? e.object.eventTime ?? e.object.firstTimestamp ?? '',
  );
  return Number.isNaN(t) ? e.origin.from : t;
}

/** Parse the scheduler's histogram (current, 1.2x-era and pre-1.10 formats). */
function parseScheduling(message: string): { total?: number; blockers: Blocker[] } | undefined {
  const text = message.replace(/\s+/g, ' ').trim();
  const modern = /(\d+)\/(\d+) nodes are available:? (.*)$/.exec(text);
  if (modern) {
    let body = modern[3] ?? '';
    const cut = body.search(/\.? ?preemption:/);
    if (cut >= 0) body = body.slice(0, cut);
    body = body.replace(/\.+\s*$/, '');
    const pieces = body.split(/, (?=\d+ )|\. (?=\d+ |pod has|persistentvolumeclaim)/);
    const blockers = pieces
      .map((p) => p.trim())
      .filter((p) => p.length > 0)
      .map((p) => {
        const m = /^(\d+) (.*)$/.exec(p);
        return classify(m ? m[2]! : p, m ? Number(m[1]) : undefined);
      });
    return { total: Number(modern[2]), blockers };
  }
  const legacy = /following predicates:+ (.*)$/.exec(text);
  if (legacy) {
    const blockers = (legacy[1] ?? '')
      .replace(/\.\s*$/, '')
      .split(/, (?=[A-Z])/)
      .map((p) => {
        const m = /^(.*) \((\d+)\)$/.exec(p.trim());
        return classify(m ? m[1]! : p.trim(), m ? Number(m[2]) : undefined);
      });
    return { blockers };
  }
  if (
    /pod has unbound (?:immediate )?PersistentVolumeClaims|persistentvolumeclaim "[^"]+" not found/.test(
      text,
    )
  )
    return { blockers: [classify(text, undefined)] };
  return undefined;
}

function classify(text: string, count: number | undefined): Blocker {
  const base = { text, ...(count !== undefined ? { count } : {}) };
  const res = /^Insufficient (\S+)/.exec(text);
  if (res) return { ...base, kind: 'insufficient', resource: res[1]! };
  if (/^Too many pods/.test(text)) return { ...base, kind: 'too-many-pods' };
  const taint = /had (?:untolerated )?taint \{([^:}]+):?\s*([^}]*)\}/.exec(text);
  if (taint) {
    const key = taint[1]!.trim();
    return {
      ...base,
      kind: UNHEALTHY_TAINT.test(key) ? 'nodes-not-ready' : 'taint',
      taint: taint[2]?.trim() ? `${key}=${taint[2].trim()}` : key,
    };
  }
  if (/taints? that the pod didn't tolerate|PodToleratesNodeTaints/.test(text))
    return { ...base, kind: 'taint' };
  if (
    /didn't match (?:Pod's )?node (?:affinity\/selector|selector)|MatchNodeSelector|didn't match node affinity/.test(
      text,
    )
  )
    return { ...base, kind: 'node-selector' };
  if (/pod (?:anti-)?affinity|anti-affinity rules|MatchInterPodAffinity/.test(text))
    return { ...base, kind: 'pod-affinity' };
  if (/topology spread constraints/.test(text)) return { ...base, kind: 'topology-spread' };
  if (
    /unbound (?:immediate )?PersistentVolumeClaims|persistentvolumeclaim "[^"]+" not found|didn't find available persistent volumes to bind|waiting for first consumer/.test(
      text,
    )
  )
    return { ...base, kind: 'unbound-pvc' };
  if (/volume node affinity conflict|NoVolumeZoneConflict|VolumeZone/.test(text))
    return { ...base, kind: 'volume-node-affinity' };
  if (/exceed max volume count|max volume count/.test(text))
    return { ...base, kind: 'volume-limits' };
  if (/were unschedulable|node\(s\) were unschedulable|NodeUnschedulable/.test(text))
    return { ...base, kind: 'cordoned' };
  if (/free ports|PodFitsHostPorts/.test(text)) return { ...base, kind: 'host-port' };
  if (/not-ready|unreachable|NodeNotReady|were not ready/.test(text))
    return { ...base, kind: 'nodes-not-ready' };
  return { ...base, kind: 'other' };
}

/** The reason that excludes most nodes; a claim problem blocks every node. */
function pickLargest(blockers: Blocker[], total: number | undefined): Blocker {
  const weight = (b: Blocker): number =>
    (b.count ?? total ?? 1000) * 100 + PIPELINE.indexOf(b.kind);
  return [...blockers].sort((a, b) => weight(b) - weight(a))[0]!;
}

/**
 * The scheduler's filter plugins in the order they run; a node is counted under the first filter
 * it fails. Nodes counted under a later filter passed all the earlier ones (taints, selector):
 * they are the nodes meant for the pod, and what stops them is what to fix.
 */
const PIPELINE: Kind[] = [
  'other',
  'cordoned',
  'nodes-not-ready',
  'taint',
  'node-selector',
  'host-port',
  'too-many-pods',
  'insufficient',
  'volume-limits',
  'unbound-pvc',
  'volume-node-affinity',
  'topology-spread',
  'pod-affinity',
];

/**
 * The blocker of the nodes meant for the pod. Nodes that fail the nodeSelector are simply other
 * nodes when something else blocks the rest; control-plane, unhealthy and cordoned nodes are not
 * expected to take it; a tainted pool the pod selects is meant for it (the toleration is missing);
 * nodes that fail later filters (resources, volumes, pod affinity) passed the earlier ones. Among
 * those, the one excluding most nodes (then the later filter) wins; if none, the largest.
 */
function pickClosest(blockers: Blocker[], pod: Pod | undefined): Blocker {
  const selects =
    Object.keys(pod?.spec?.nodeSelector ?? {}).length > 0 || pod?.spec?.affinity !== undefined;
  const intended = (b: Blocker): boolean => {
    switch (b.kind) {
      case 'node-selector':
      case 'nodes-not-ready':
      case 'cordoned':
      case 'other':
        return false;
      case 'taint':
        return (
          !/node-role\.kubernetes\.io\/(control-plane|master)/.test(b.taint ?? '') &&
          (selects || blockers.length === 1)
        );
      default:
        return true;
    }
  };
  const pool = blockers.filter(intended);
  if (pool.length === 0) return pickLargest(blockers, undefined);
  return [...pool].sort(
    (a, b) =>
      (b.count ?? 1000) - (a.count ?? 1000) || PIPELINE.indexOf(b.kind) - PIPELINE.indexOf(a.kind),
  )[0]!;
}

function subcategoryOf(b: Blocker): string {
  if (b.kind === 'insufficient')
    return `insufficient-${(b.resource ?? 'resources').replace(/[^\w-]/g, '-').toLowerCase()}`;
  return b.kind;
}

interface Check {
  short: string;
  advice: string;
  evidence: (EvidenceRef | undefined)[];
  fixes: Fix[];
}

function explainBlocker(ctx: CaseContext, b: Blocker): Check {
  const ns = nsFlag(ctx);
  const target = workloadTarget(ctx);
  const pod = ctx.case.pod?.object;
  switch (b.kind) {
    case 'insufficient': {
      const resource = b.resource ?? 'resources';
      const requested = requestOf(pod, resource);
      const biggest = largestAllocatable(ctx, resource);
      const reqText = requested !== undefined ? formatResource(resource, requested) : undefined;
      const tooBig = biggest !== undefined && requested !== undefined && requested > biggest.value;
      const biggestText = biggest
        ? `${formatResource(resource, biggest.value)}${biggest.name ? ` on ${biggest.name}` : ''}`
        : '';
      const container = ctx.case.container || 'CONTAINER';
      const lowerValue =
        requested !== undefined
          ? Math.max(
              resource === 'cpu' ? 100 : 64 * 1024 ** 2,
              Math.floor(
                tooBig && biggest ? Math.min(requested / 2, biggest.value * 0.8) : requested / 2,
              ),
            )
          : undefined;
      const lower =
        lowerValue !== undefined && (resource === 'cpu' || resource === 'memory')
          ? formatResource(
              resource,
              resource === 'memory' ? Math.floor(lowerValue / 1024 ** 2) * 1024 ** 2 : lowerValue,
            )
          : '<smaller>';
      return {
        short: tooBig
          ? `the ${resource} request (${reqText}) is larger than any node can offer (largest allocatable: ${biggestText})`
          : `not enough free ${resource} for the pod's request${reqText ? ` of ${reqText}` : ''}`,
        advice: tooBig
          ? `No node will ever fit this pod: lower the ${resource} request below what a node allocates, or add a node pool with bigger machines.`
          : `The nodes have too little unrequested ${resource} left for this pod: lower the request to what the app really uses, or add capacity (scale the node pool or let the cluster autoscaler add a node).`,
        evidence: [requested !== undefined ? requestRef(ctx, resource) : undefined, biggest?.ref],
        fixes: [
          {
            title: `Lower the ${resource} request of ${container} to its real usage${resource === 'cpu' || resource === 'memory' ? ` (e.g. ${lower})` : ''}`,
            commands: [
              `kubectl set resources ${target}${ns} -c ${container} --requests=${resource}=${lower}`,
              `kubectl top pod${ns} --containers`,
            ],
            risk: 'medium',
          },
          {
            title: 'Or add capacity: see what each node has left, then scale the node pool',
            commands: [`kubectl describe nodes | grep -A 8 "Allocated resources"`],
            risk: 'low',
          },
        ],
      };
    }
    case 'too-many-pods': {
      const maxPods = largestAllocatable(ctx, 'pods');
      return {
        short: `the nodes already run their maximum number of pods${maxPods ? ` (${maxPods.value} per node)` : ''}`,
        advice:
          "Each node's pod limit (kubelet maxPods; on EKS it follows the ENI/IP capacity of the instance type) is reached, however much CPU and memory are free: add nodes, use bigger instance types, or raise maxPods (prefix delegation on EKS).",
        evidence: [maxPods?.ref],
        fixes: [
          {
            title: 'Add nodes (scale the node pool) or raise the pods-per-node limit',
            commands: [
              `kubectl get nodes -o custom-columns=NAME:.metadata.name,PODS:.status.allocatable.pods`,
              `kubectl get pods -A -o wide --field-selector=status.phase=Running | wc -l`,
            ],
            risk: 'low',
          },
        ],
      };
    }
    case 'taint':
    case 'nodes-not-ready': {
      const key = b.taint?.split('=')[0];
      const tolerations = pod?.spec?.tolerations ?? [];
      const tolerated = key
        ? tolerations.some((t) => (t.operator === 'Exists' && !t.key) || t.key === key)
        : false;
      if (b.kind === 'nodes-not-ready') {
        return {
          short: `node(s) are unhealthy (taint ${b.taint ?? 'not-ready/unreachable'})`,
          advice:
            'Those nodes carry a taint the node controller or kubelet sets on unhealthy nodes; fix the nodes (kubectl describe node shows the condition) rather than tolerating the taint.',
          evidence: [],
          fixes: [
            {
              title: 'Find out why the nodes are unhealthy',
              commands: [`kubectl get nodes`, `kubectl describe nodes | grep -A 10 Conditions`],
              risk: 'low',
            },
          ],
        };
      }
      const controlPlane =
        key !== undefined && /node-role\.kubernetes\.io\/(control-plane|master)/.test(key);
      const value = b.taint?.split('=')[1];
      const effect = /NoExecute/.test(b.text) ? 'NoExecute' : 'NoSchedule';
      const toleration = key
        ? { key, operator: value ? 'Equal' : 'Exists', ...(value ? { value } : {}), effect }
        : undefined;
      const kept = tolerations.filter(
        (t) => !/^node\.kubernetes\.io\/(not-ready|unreachable)$/.test(t.key ?? ''),
      );
      return {
        short: `a taint the pod does not tolerate${b.taint ? ` {${b.taint}}` : ''}`,
        advice: controlPlane
          ? 'Those nodes are control-plane nodes, reserved by their taint; workloads belong on worker nodes, so add or fix worker nodes rather than tolerating it.'
          : tolerated
            ? `The pod does list a toleration for ${key}, but its value or effect does not match the taint; make them match.`
            : Object.keys(pod?.spec?.nodeSelector ?? {}).length > 0
              ? `The pod's nodeSelector sends it to those nodes, but it has no toleration for ${key ?? 'their taint'}: add one.`
              : `The pod has no toleration for ${key ?? 'the taint'}: add one if the pod is meant for those nodes, otherwise make room on the untainted ones.`,
        evidence: [ctx.cite.pod([/^Tolerations:/, '"tolerations"', 'tolerations:'])],
        fixes:
          toleration && !controlPlane
            ? [
                {
                  title: `Add a toleration for ${b.taint ?? key} to the pod template`,
                  commands: [
                    `kubectl patch ${target}${ns} --type merge -p ${shq(JSON.stringify({ spec: { template: { spec: { tolerations: [...kept.map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined))), toleration] } } } }))}`,
                  ],
                  risk: 'medium',
                },
              ]
            : controlPlane && key
              ? [
                  {
                    title:
                      'Add worker nodes; on a single-node (dev) cluster, let workloads run on the control plane',
                    commands: [`kubectl get nodes`, `kubectl taint nodes --all ${key}-`],
                    risk: 'medium',
                  },
                ]
              : [
                  {
                    title: 'Check which nodes are free of taints',
                    commands: [
                      `kubectl get nodes -o custom-columns=NAME:.metadata.name,TAINTS:.spec.taints`,
                    ],
                    risk: 'low',
                  },
                ],
      };
    }
    case 'node-selector': {
      const selector = pod?.spec?.nodeSelector ?? {};
      const pairs = Object.entries(selector).map(([k, v]) => `${k}=${v}`);
      const nodes = nodeLabels(ctx);
      const known = nodes.filter((n) => n.labels.size > 0);
      const matching = known.filter((n) => pairs.every((p) => n.labels.has(p)));
      const noneMatch = pairs.length > 0 && known.length > 0 && matching.length === 0;
      // Values the nodes do carry for the selector's keys: a typo shows up here.
      const near = [
        ...new Set(
          known.flatMap((n) =>
            [...n.labels].filter((l) =>
              Object.keys(selector).some((k) => l.startsWith(`${k}=`) && !pairs.includes(l)),
            ),
          ),
        ),
      ];
      const nearNode = near.length ? known.find((n) => n.labels.has(near[0]!)) : undefined;
      return {
        short: pairs.length
          ? `not matching the pod's nodeSelector ${pairs.join(',')}${noneMatch ? ` (none of the ${known.length} nodes shown has that label${near.length ? `; they have ${near.slice(0, 3).join(', ')}` : ''})` : ''}`
          : "not matching the pod's node affinity/selector",
        advice: pairs.length
          ? near.length && noneMatch
            ? `No node has ${pairs.join(',')} while nodes do have ${near.slice(0, 3).join(', ')}: the selector probably has a typo or an outdated value. Fix the nodeSelector (or label the intended nodes).`
            : `Either label the intended nodes ${pairs.join(',')} or fix/remove the nodeSelector (a typo in the label is common).`
          : 'Compare the node affinity of the pod with the node labels.',
        evidence: [
          ctx.cite.pod([
            /^Node-Selectors:/,
            '"nodeSelector"',
            'nodeSelector:',
            /requiredDuringScheduling/,
          ]),
          nearNode && near[0] ? ctx.cite.item(nearNode.item, [near[0]]) : undefined,
        ],
        fixes: [
          {
            title: pairs.length
              ? `Check which nodes carry ${pairs.join(',')}, then label the right ones or fix the selector`
              : 'Compare the node affinity with the node labels',
            commands: pairs.length
              ? [
                  `kubectl get nodes -l ${pairs.join(',')}`,
                  `kubectl get nodes --show-labels`,
                  `kubectl label node <node> ${pairs.join(' ')}`,
                ]
              : [
                  `kubectl get nodes --show-labels`,
                  `kubectl get ${target}${ns} -o jsonpath='{.spec.template.spec.affinity}'`,
                ],
            risk: 'low',
          },
        ],
      };
    }
    case 'pod-affinity':
      return {
        short: 'pod (anti-)affinity rules exclude the nodes',
        advice:
          'A required pod anti-affinity allows at most one such pod per node/zone (more replicas than nodes), or the pod affinity target is not running: add nodes, reduce replicas, or make the rule preferred.',
        evidence: [],
        fixes: [
          {
            title: 'Review the required pod (anti-)affinity against the replica count and nodes',
            commands: [`kubectl get ${target}${ns} -o jsonpath='{.spec.template.spec.affinity}'`],
            risk: 'low',
          },
        ],
      };
    case 'topology-spread':
      return {
        short: 'topology spread constraints cannot be satisfied',
        advice:
          'whenUnsatisfiable: DoNotSchedule with too few zones/nodes: add capacity in the missing zone or use ScheduleAnyway.',
        evidence: [],
        fixes: [
          {
            title: 'Review the topologySpreadConstraints',
            commands: [
              `kubectl get ${target}${ns} -o jsonpath='{.spec.template.spec.topologySpreadConstraints}'`,
            ],
            risk: 'low',
          },
        ],
      };
    case 'unbound-pvc':
      return pvcCheck(ctx, b);
    case 'volume-node-affinity':
      return {
        short:
          'its volume is bound to a zone/node where the other nodes are not (volume node affinity conflict)',
        advice:
          "The PersistentVolume is pinned to one zone or node (a zonal disk, a local volume) and the nodes there cannot take the pod: add capacity in the volume's zone, or use a StorageClass with volumeBindingMode: WaitForFirstConsumer for new volumes.",
        evidence: [],
        fixes: [
          {
            title: "Find the volume's zone and the nodes in it",
            commands: [
              `kubectl get pv -o custom-columns=NAME:.metadata.name,CLAIM:.spec.claimRef.name,AFFINITY:.spec.nodeAffinity.required.nodeSelectorTerms`,
              `kubectl get nodes -L topology.kubernetes.io/zone`,
            ],
            risk: 'low',
          },
        ],
      };
    case 'volume-limits':
      return {
        short: 'the nodes reached their limit of attachable volumes',
        advice: 'Each node can attach only so many volumes: spread the pods or add nodes.',
        evidence: [],
        fixes: [
          {
            title: 'Add nodes or reduce volumes per node',
            commands: [`kubectl get csinodes -o yaml`],
            risk: 'low',
          },
        ],
      };
    case 'cordoned':
      return {
        short: 'node(s) are cordoned (unschedulable)',
        advice:
          'Nodes marked unschedulable (kubectl cordon, or draining) take no new pods: uncordon them when maintenance is over.',
        evidence: [],
        fixes: [
          {
            title: 'Uncordon the nodes once maintenance is done',
            commands: [`kubectl get nodes`, `kubectl uncordon <node>`],
            risk: 'low',
          },
        ],
      };
    case 'host-port':
      return {
        short: "no free host port for the pod's hostPort",
        advice:
          'A hostPort can be used by one pod per node: drop hostPort, or run fewer replicas than nodes.',
        evidence: [ctx.cite.pod([/Host Port:\s+[1-9]/, '"hostPort"', 'hostPort:'])],
        fixes: [
          {
            title: 'Remove the hostPort (expose the pod through a Service instead)',
            commands: [`kubectl get ${target}${ns} -o yaml`],
            risk: 'low',
          },
        ],
      };
    default:
      return {
        short: b.text,
        advice: 'See the scheduler message for the filter that rejected the nodes.',
        evidence: [],
        fixes: [
          {
            title: 'Inspect the pod and the nodes',
            commands: [describeCommand(ctx), 'kubectl describe nodes'],
            risk: 'low',
          },
        ],
      };
  }
}

function pvcCheck(ctx: CaseContext, b: Blocker): Check {
  const ns = nsFlag(ctx);
  const claims = (ctx.case.pod?.object.spec?.volumes ?? [])
    .map((v) => v.persistentVolumeClaim?.claimName)
    .filter((c): c is string => !!c);
  const named = /persistentvolumeclaim "([^"]+)" not found/.exec(b.text)?.[1];
  const rows = ctx.index
    .tableRows()
    .filter(
      (r) =>
        /persistentvolumeclaim|^pvc/.test(r.object.resource ?? '') &&
        (claims.length === 0 || claims.includes(r.object.cells['NAME'] ?? '')),
    );
  const pending = rows.find((r) => (r.object.cells['STATUS'] ?? '') === 'Pending');
  const sc = pending?.object.cells['STORAGECLASS'];
  const classes = ctx.index.tableRows().filter((r) => /storageclass/.test(r.object.resource ?? ''));
  const scMissing =
    sc &&
    sc !== '<none>' &&
    classes.length > 0 &&
    !classes.some((r) => (r.object.cells['NAME'] ?? '').replace(/ \(default\)$/, '') === sc);
  const provisioning = ctx.index
    .events()
    .filter(
      (e) =>
        /ProvisioningFailed|FailedBinding|ExternalProvisioning/.test(e.object.reason ?? '') &&
        (claims.length === 0 || claims.includes(e.object.involvedObject.name ?? '')),
    )
    .at(-1);
  const claim = named ?? pending?.object.cells['NAME'] ?? claims[0];
  const detail = named
    ? `claim ${named} does not exist`
    : scMissing
      ? `claim ${claim} is Pending and its StorageClass ${sc} does not exist`
      : sc === '' || sc === '<none>'
        ? `claim ${claim} is Pending with no StorageClass (and no matching PersistentVolume)`
        : provisioning
          ? `claim ${claim ?? ''} is not bound: ${provisioning.object.message ?? provisioning.object.reason ?? ''}`.slice(
              0,
              200,
            )
          : `claim ${claim ?? '(see the pod volumes)'} is not bound to a volume`;
  return {
    short: `the pod's PersistentVolumeClaim is not bound (${detail})`,
    advice: named
      ? `Create the claim ${named} (or fix claimName in the pod template).`
      : scMissing
        ? `No provisioner will ever create its volume: StorageClass ${sc} does not exist (the cluster has ${classes.map((r) => (r.object.cells['NAME'] ?? '').replace(/ \(default\)$/, '')).join(', ')}). Create ${sc}, or set storageClassName to an existing class (for a StatefulSet, in volumeClaimTemplates) and re-create the claim.`
        : 'A claim with no volume blocks every node: create a matching PersistentVolume, or a StorageClass (or default StorageClass) whose provisioner can create one.',
    evidence: [
      pending ? ctx.cite.item(pending, [claim ?? 'Pending']) : undefined,
      provisioning ? ctx.cite.event(provisioning) : undefined,
      claim
        ? ctx.cite.pod([
            `ClaimName:  ${claim}`,
            new RegExp(`ClaimName:\\s+${escapeRegExp(claim)}`),
            `"claimName": "${claim}"`,
            `claimName: ${claim}`,
          ])
        : undefined,
    ],
    fixes: [
      {
        title: scMissing
          ? `Create StorageClass ${sc} (or point the claim at an existing one)`
          : 'Find why the claim is not bound, then create the PersistentVolume or StorageClass it needs',
        commands: [
          `kubectl describe pvc ${claim ?? '<claim>'}${ns}`,
          `kubectl get storageclass`,
          ...(scMissing
            ? [
                `kubectl get pvc ${claim}${ns} -o yaml > pvc.yaml  # set storageClassName to an existing class, then delete and re-create the claim`,
              ]
            : []),
        ],
        risk: 'low',
      },
    ],
  };
}

/** Each node's labels, from the object or, for `get nodes --show-labels` rows, from the printed line. */
function nodeLabels(ctx: CaseContext): { item: Item<Node>; labels: Set<string> }[] {
  const out: { item: Item<Node>; labels: Set<string> }[] = [];
  for (const item of ctx.index.all('Node')) {
    const labels = new Set(
      Object.entries(item.object.metadata.labels ?? {}).map(([k, v]) => `${k}=${v}`),
    );
    if (labels.size === 0 && item.origin.from === item.origin.to) {
      const line = ctx.bundle.sources[item.origin.source]?.lines[item.origin.from - 1] ?? '';
      const cell = line
        .trim()
        .split(/\s+/)
        .find((c) => /^[\w./-]+=[^,\s]*(?:,[\w./-]+=[^,\s]*)+$/.test(c));
      for (const l of cell?.split(',') ?? []) labels.add(l);
    }
    out.push({ item, labels });
  }
  return out;
}

function requestOf(pod: Pod | undefined, resource: string): number | undefined {
  const containers = pod?.spec?.containers ?? [];
  let sum = 0;
  let seen = false;
  for (const c of containers) {
    const q = c.resources?.requests?.[resource] ?? c.resources?.limits?.[resource];
    const v = resource === 'cpu' ? parseCpu(q) : parseQuantity(q);
    if (v !== undefined) {
      sum += v;
      seen = true;
    }
  }
  return seen ? sum : undefined;
}

function requestRef(ctx: CaseContext, resource: string): EvidenceRef | undefined {
  const origin = ctx.case.pod?.origin;
  if (!origin) return undefined;
  return ctx.cite.line(origin, [new RegExp(`^\\s*"?${escapeRegExp(resource)}"?:\\s+"?\\d`)], {
    after: /Requests:|"requests"|requests:/,
    label: `pod/${ctx.case.podName ?? ''}`,
  });
}

function largestAllocatable(
  ctx: CaseContext,
  resource: string,
): { name: string; value: number; ref: EvidenceRef | undefined } | undefined {
  let best: { name: string; value: number; item: Item<Node> } | undefined;
  for (const n of ctx.index.all('Node')) {
    const q = n.object.status?.allocatable?.[resource];
    const v = resource === 'cpu' ? parseCpu(q) : parseQuantity(q);
    if (v !== undefined && (!best || v > best.value))
      best = { name: n.object.metadata.name ?? '', value: v, item: n };
  }
  if (!best) return undefined;
  return {
    name: best.name,
    value: best.value,
    ref: ctx.cite.item(best.item, [new RegExp(`^\\s*"?${escapeRegExp(resource)}"?:\\s+"?\\d`)], {
      after: /Allocatable:|"allocatable"|allocatable:/,
    }),
  };
}

function formatResource(resource: string, v: number): string {
  if (resource === 'cpu') return v >= 1000 && v % 1000 === 0 ? `${v / 1000}` : `${Math.round(v)}m`;
  if (resource === 'memory' || resource === 'ephemeral-storage') return formatBytes(v);
  return String(v);
}

/** `Error creating: pods "x" is forbidden: exceeded quota: ...` on the pod's ReplicaSet. */
function quotaDenial(
  ctx: CaseContext,
): { name: string; detail: string; event: Item<KEvent> } | undefined {
  const owners = ctx.case.ownerRefs.filter(
    (r) =>
      r.kind === 'ReplicaSet' ||
      r.kind === 'StatefulSet' ||
      r.kind === 'Job' ||
      r.kind === 'DaemonSet',
  );
  for (const o of owners) {
    const events = ctx.index
      .eventsFor(o.name, o.kind, ctx.case.namespace)
      .filter((e) => e.object.reason === 'FailedCreate');
    for (const e of events.reverse()) {
      const msg = e.object.message ?? '';
      const exceeded = /exceeded quota: ([\w.-]+), (requested: .*?)(?:\s*$)/.exec(msg);
      if (exceeded) return { name: exceeded[1]!, detail: exceeded[2]!.slice(0, 200), event: e };
      const must = /failed quota: ([\w.-]+): (must specify [^\n]{1,160})/.exec(msg);
      if (must) return { name: must[1]!, detail: must[2]!, event: e };
    }
  }
  return undefined;
}

function quotaFixes(ctx: CaseContext, quota: string): Fix[] {
  const ns = nsFlag(ctx);
  return [
    {
      title: `See what quota ${quota} allows and what is used`,
      commands: [`kubectl describe resourcequota ${quota}${ns}`],
      risk: 'low',
    },
    {
      title:
        'Lower the requests/limits of the pod template (or raise the quota with the namespace owner)',
      commands: [
        `kubectl set resources ${workloadTarget(ctx)}${ns} --requests=cpu=<smaller>,memory=<smaller> --limits=cpu=<smaller>,memory=<smaller>`,
      ],
      risk: 'medium',
    },
  ];
}
