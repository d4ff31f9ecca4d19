/**
 * node-problem: the failure belongs to the node, not to the pod spec. Several independent
 * signals, each quoted:
 * - the kubelet evicted the pod under node pressure (memory, ephemeral-storage, disk, PIDs),
 *   with the container that used the most against its request (the first victim);
 * - the node reports a pressure condition, NotReady/Unknown (kubelet stopped posting status),
 *   or its pods were marked NodeNotReady / NodeLost;
 * - the runtime cannot create the pod sandbox or the container task (CNI not ready, no IPs,
 *   `failed to create containerd task ... context deadline exceeded`, PLEG not healthy);
 * - the node's kernel OOM killer ran (SystemOOM) and took several processes: the node, not one
 *   container's limit, ran out of memory (a container's own OOMKilled stays oom-killed's);
 * - the same spec runs fine on other nodes: pods of the same ReplicaSet are Running elsewhere
 *   while the ones on this node fail.
 */
import { formatBytes, parseQuantity } from '../engine/context.js';
import type { CaseContext } from '../engine/context.js';
import type { Category, EvidenceRef, Fix } from '../engine/report.js';
import type { Item, KEvent, Node, Pod } from '../evidence/types.js';
import { defaultScanner } from '../signatures/index.js';
import { citeMatch, matchesIn, nsFlag, statusMatches, workloadTarget } from './_shared.js';
import { defineDetector } from './define.js';

type Messages =
  | 'evicted'
  | 'evictedExplain'
  | 'condition'
  | 'conditionExplain'
  | 'runtime'
  | 'runtimeExplain'
  | 'notReady'
  | 'notReadyExplain'
  | 'nodeOom'
  | 'nodeOomExplain'
  | 'onlyThisNode'
  | 'onlyThisNodeExplain'
  | 'pressureFactor'
  | 'pressureFactorExplain'
  | 'kernelSetting'
  | 'dnsLoop'
  | 'dnsLoopExplain'
  | 'kernelSettingExplain'
  | 'ownLimit'
  | 'ownLimitExplain'
  | 'decide'
  | 'nodesHealthy';

interface Usage {
  container: string;
  using: string;
  bytes: number;
  request?: string;
}

interface NodeState {
  name: string;
  items: Item<Node>[];
  pressure: { type: string; ref: EvidenceRef | undefined }[];
  notReady?: { status: string; reason?: string; ref: EvidenceRef | undefined };
  events: Item<KEvent>[];
}

const PRESSURE = ['MemoryPressure', 'DiskPressure', 'PIDPressure', 'NetworkUnavailable'];

export default defineDetector<Messages>({
  meta: {
    id: 'node-problem',
    title: 'A node fault: eviction, node pressure, NotReady node or a broken container runtime',
    category: 'node-problem',
    severity: 'high',
    summary:
      'Node-pressure evictions (with the biggest consumer), node conditions and NotReady/lost nodes, sandbox/CNI/runtime failures, node-level OOM kills, and the same spec healthy on other nodes.',
    messages: {
      evicted: 'The node {{node}} evicted the pod: it ran low on {{resource}}{{victimNote}}',
      evictedExplain:
        'The kubelet on {{node}} evicted the pod because the node itself was short of {{resource}} ({{threshold}}). It picks first the pods using the most above their request{{usageNote}}. The pod is not crash-looping: its controller creates a replacement, which may be evicted again while the node stays under pressure.{{othersNote}}',
      condition: 'The node {{node}} refused the pod because of its condition {{condition}}',
      conditionExplain:
        'The kubelet on {{node}} rejected the pod at admission: the node reports {{condition}}. Free the node (disk, memory) or move the workload; the pod spec is not at fault.',
      runtime: 'The container runtime on {{node}} fails to start the pod ({{detail}})',
      runtimeExplain:
        'The kubelet cannot create the pod sandbox or the container task on {{node}}: {{detail}}. That is a node fault (container runtime, CNI plugin or its IP pool), not the application.{{elsewhereNote}}',
      notReady: 'The node {{node}} is {{state}}: its pods cannot run',
      notReadyExplain:
        'The node {{node}} is {{state}}{{reasonNote}}. The pods on it stop being served and are evicted by the node controller after the toleration period; the app is not at fault.{{elsewhereNote}}',
      nodeOom: 'The node {{node}} ran out of memory: the kernel OOM killer killed {{victims}}',
      nodeOomExplain:
        "The node-level OOM killer ran on {{node}} ({{count}} kill(s): {{victims}}), so the exit 137 comes from the node running out of memory, not from this container's own limit.{{overcommitNote}} Pods without memory requests or with limits far above their requests overcommit the node; set requests to real usage.",
      onlyThisNode: 'Only the pods on node {{node}} fail; the same spec runs on {{healthyNodes}}',
      onlyThisNodeExplain:
        'Pods of {{owner}} are Running on {{healthyNodes}} while those on {{node}} fail: the spec and the image are fine, so something specific to {{node}} (disk, runtime, network, kernel) is the likely cause.',
      ownLimit:
        'The pod was evicted for exceeding its own {{what}} ({{limit}}), not because the node ran out of disk',
      ownLimitExplain:
        'The kubelet evicted the pod because it wrote more than the {{what}} allows ({{limit}}): "{{message}}". The node itself is not under pressure; the pod needs more scratch space than it declares. Put what it writes on a volume sized for it (a generic ephemeral volume or a PVC), or raise the limit.',
      kernelSetting:
        'The node kernel setting {{setting}} is {{value}}, below the {{wanted}} the app requires',
      kernelSettingExplain:
        'The app checks a kernel limit of the node at start-up and exits because it is too low ({{line}}). The limit belongs to the node, not to the container: every pod of this app fails on nodes with the default value. Raise it on the nodes (node pool sysctl/ulimit configuration, a DaemonSet, or a privileged init container running sysctl), and the same spec starts.',
      dnsLoop: "CoreDNS forwards to itself: the node's resolv.conf points at a local stub resolver",
      dnsLoopExplain:
        "CoreDNS sent a probe query upstream and got it back ({{line}}), so it stops. Its `forward . /etc/resolv.conf` uses the resolv.conf the kubelet hands it, which is the node's; when that names a resolver on the node's loopback (systemd-resolved's 127.0.0.53, a local dnsmasq), inside the CoreDNS pod that address is CoreDNS itself.{{stubNote}} Point the kubelet at the real upstream list (resolvConf: /run/systemd/resolve/resolv.conf on systemd-resolved hosts) or forward to upstream IPs in the Corefile, then restart CoreDNS.",
      pressureFactor: 'The node {{node}} is under {{condition}}',
      pressureFactorExplain:
        'The node {{node}} reports {{condition}}, which makes the kubelet reclaim resources and evict pods; it may be why this container is unstable.',
      decide: "The node's conditions and events say what is wrong with it",
      nodesHealthy: 'the node {{node}} reports Ready with no pressure condition',
    },
    requires: [],
  },
  detect(ctx) {
    const pod = ctx.case.pod?.object;
    const nodeName = pod?.spec?.nodeName ?? nodeFromEvents(ctx);
    const node = nodeName ? nodeState(ctx, nodeName) : undefined;
    const elsewhere = healthyElsewhere(ctx, nodeName);
    const elsewhereNote = elsewhere
      ? ` The same spec runs on ${elsewhere.healthyNodes.join(', ')}.`
      : '';
    const nodeLabel = nodeName ?? '(unknown)';

    // 1. Eviction by the kubelet.
    const eviction = evictionOf(ctx, pod);
    if (eviction?.ownLimit) {
      const own = eviction.ownLimit;
      ctx.report({
        messageId: 'ownLimit',
        explainId: 'ownLimitExplain',
        category: 'volume-mount',
        subcategory: own.emptyDir ? 'emptydir-size-limit' : 'ephemeral-storage-limit',
        data: {
          what: own.emptyDir
            ? `emptyDir volume ${own.emptyDir}'s sizeLimit`
            : 'ephemeral-storage limit',
          limit: own.limit,
          message: eviction.message.trim().slice(0, 140),
        },
        confidence: 0.9,
        evidence: [eviction.ref, ctx.cite.pod([/ephemeral-storage:\s/, '"ephemeral-storage"'])],
        fixes: ownLimitFixes(ctx, own),
        supersedes: ['oom-killed', 'app-crash', 'exits-immediately', 'node-problem'],
      });
      return;
    }
    if (eviction) {
      const usage = usages(eviction.message);
      const top = [...usage].sort((a, b) => b.bytes - a.bytes)[0];
      const others = otherEvictions(ctx, nodeName);
      const threshold = /Threshold quantity: ([^,]+), available: ([^.]+)\./.exec(eviction.message);
      if (eviction.condition) {
        ctx.report({
          messageId: 'condition',
          explainId: 'conditionExplain',
          subcategory: 'node-condition',
          data: { node: nodeLabel, condition: eviction.condition },
          confidence: 0.88 + (node?.pressure.length ? 0.04 : 0),
          evidence: [eviction.ref, ...(node?.pressure.map((p) => p.ref) ?? [])],
          fixes: nodeFixes(ctx, nodeName, eviction.condition),
          supersedes: ['oom-killed', 'app-crash', 'exits-immediately'],
        });
        return;
      }
      const pressure = node?.pressure.map((p) => p.type) ?? [];
      const resource =
        eviction.resource ??
        (pressure.includes('MemoryPressure')
          ? 'memory'
          : pressure.includes('DiskPressure')
            ? 'ephemeral-storage'
            : pressure.includes('PIDPressure')
              ? 'pids'
              : 'resources');
      ctx.report({
        messageId: 'evicted',
        explainId: 'evictedExplain',
        subcategory: `eviction-${resource.replace(/[^\w-]/g, '-')}`,
        data: {
          node: nodeLabel,
          resource,
          victimNote: top
            ? ` (container ${top.container} used ${top.using}${top.request ? ` against a request of ${top.request}` : ''})`
            : '',
          threshold: threshold
            ? `threshold ${threshold[1]}, ${threshold[2]} left`
            : 'below its eviction threshold',
          usageNote: top
            ? `: container ${top.container} used ${top.using}${top.request ? ` with a request of ${top.request}` : ''}, so it was a prime candidate`
            : '',
          othersNote: `${others.length > 0 ? ` ${others.length} other pod(s) were evicted from the same node.` : ''}${killed137(pod) ? ' The exit code 137 is the kubelet killing the container for the eviction, not an OOM kill.' : ''}`,
        },
        confidence: Math.min(
          0.97,
          0.9 +
            (node?.pressure.length ? 0.03 : 0) +
            (others.length > 0 ? 0.02 : 0) +
            (top ? 0.01 : 0),
        ),
        evidence: [
          eviction.ref,
          ...(node?.pressure.map((p) => p.ref) ?? []),
          ...(node?.events
            .filter((e) =>
              /EvictionThresholdMet|NodeHas\w*Pressure|NodeHasInsufficient/.test(
                e.object.reason ?? '',
              ),
            )
            .slice(0, 1)
            .map((e) => ctx.cite.event(e)) ?? []),
          ...others.slice(0, 1).map((o) => ctx.cite.item(o, ['Evicted'])),
        ],
        fixes: evictionFixes(ctx, resource, top, nodeName),
        supersedes: ['oom-killed', 'app-crash', 'exits-immediately', 'volume-mount'],
      });
      return;
    }

    // 2. Runtime, sandbox and CNI failures.
    const runtime = statusMatches(ctx, { category: 'node-problem' }).filter(
      (m) =>
        m.signature.subcategory === 'sandbox' ||
        m.signature.subcategory === 'network' ||
        m.signature.subcategory === 'runtime',
    );
    if (runtime.length > 0) {
      const best =
        runtime.find((m) => m.signature.subcategory === 'network') ??
        runtime.find((m) => m.signature.subcategory === 'runtime') ??
        runtime[0]!;
      const detail = (best.groups.detail ?? best.text)
        .replace(/^Failed to create pod sandbox: /, '')
        .slice(0, 160);
      const nodeBad = node?.notReady ?? node?.pressure[0];
      ctx.report({
        messageId: 'runtime',
        explainId: 'runtimeExplain',
        subcategory:
          best.signature.subcategory === 'network'
            ? 'cni'
            : best.signature.subcategory === 'runtime'
              ? 'runtime'
              : 'sandbox',
        data: { node: nodeLabel, detail, elsewhereNote },
        confidence: Math.min(
          0.95,
          0.8 + (elsewhere ? 0.07 : 0) + (nodeBad ? 0.05 : 0) + (runtime.length > 1 ? 0.02 : 0),
        ),
        evidence: [
          best.message.event
            ? ctx.cite.event(best.message.event)
            : ctx.cite.pod([best.text.slice(0, 60)]),
          nodeBad?.ref,
          ...(elsewhere?.refs ?? []),
        ],
        fixes: runtimeFixes(nodeName, best.signature.subcategory ?? 'runtime'),
        supersedes: [
          'app-crash',
          'bad-command',
          'exits-immediately',
          'liveness-probe',
          'readiness-probe',
        ],
      });
      return;
    }

    // 2b. A node kernel limit the app checks at start-up (vm.max_map_count, nofile, inotify).
    const kernel = matchesIn(ctx, { category: 'node-problem', subcategory: ['kernel-setting'] });
    const limit = kernel.find((m) => m.crashed) ?? kernel[0];
    if (limit) {
      const g = limit.match.groups;
      ctx.report({
        messageId: 'kernelSetting',
        explainId: 'kernelSettingExplain',
        subcategory: 'kernel-setting',
        data: {
          setting: g.key ?? 'limit',
          value: g.detail ?? 'too low',
          wanted: g.code ?? 'value',
          line: (limit.match.signature.pattern.exec(limit.match.text)?.[0] ?? limit.match.text)
            .trim()
            .slice(0, 160),
        },
        confidence: 0.86 + (limit.crashed ? 0.04 : 0),
        evidence: [citeMatch(ctx, limit)],
        fixes: kernelFixes(ctx, g.key, g.code),
        supersedes: ['app-crash', 'invalid-config', 'exits-immediately', 'dependency-failure'],
      });
      return;
    }

    // 2c. CoreDNS detects a forwarding loop: the node's resolv.conf names a loopback stub.
    const loops = matchesIn(ctx, { category: 'node-problem', subcategory: ['dns-loop'] });
    const loop = loops.find((m) => m.crashed) ?? loops[0];
    if (loop) {
      const stub = loopbackNameserver(ctx);
      ctx.report({
        messageId: 'dnsLoop',
        explainId: 'dnsLoopExplain',
        subcategory: 'dns-loop',
        data: {
          line: (loop.match.signature.pattern.exec(loop.match.text)?.[0] ?? loop.match.text)
            .trim()
            .slice(0, 160),
          stubNote: stub ? ` The node's resolv.conf here says \`${stub.text}\`.` : '',
        },
        confidence: stub ? 0.9 : 0.8,
        evidence: [citeMatch(ctx, loop), stub?.ref],
        fixes: dnsLoopFixes(ctx),
        supersedes: ['app-crash', 'invalid-config', 'exits-immediately', 'dependency-failure'],
      });
      return;
    }

    // 3. The node is NotReady / unreachable, or the pod was marked NodeNotReady / NodeLost.
    const podNodeEvents = ctx.case.events.filter((e) =>
      /^(NodeNotReady|TaintManagerEviction|NodeControllerEviction)$/.test(e.object.reason ?? ''),
    );
    const lost =
      pod?.status?.reason === 'NodeLost' ||
      /^(NodeLost|Unknown)$/.test(
        pod?.metadata.annotations?.['crashlens.dev/printed-status'] ?? '',
      );
    if (node?.notReady || podNodeEvents.length > 0 || lost) {
      const state = node?.notReady
        ? node.notReady.status === 'Unknown'
          ? 'unreachable (Ready=Unknown)'
          : 'NotReady'
        : lost
          ? 'lost (NodeLost)'
          : 'NotReady';
      ctx.report({
        messageId: 'notReady',
        explainId: 'notReadyExplain',
        subcategory: 'node-not-ready',
        data: {
          node: nodeLabel,
          state,
          reasonNote: node?.notReady?.reason ? ` (${node.notReady.reason})` : '',
          elsewhereNote,
        },
        confidence: Math.min(
          0.95,
          0.78 +
            (node?.notReady ? 0.08 : 0) +
            (podNodeEvents.length > 0 ? 0.05 : 0) +
            (elsewhere ? 0.04 : 0),
        ),
        evidence: [
          node?.notReady?.ref,
          ...podNodeEvents.slice(0, 1).map((e) => ctx.cite.event(e)),
          ...(elsewhere?.refs ?? []),
        ],
        fixes: nodeFixes(ctx, nodeName, 'NotReady'),
        supersedes: [
          'app-crash',
          'liveness-probe',
          'readiness-probe',
          'dependency-failure',
          'exits-immediately',
        ],
      });
      return;
    }

    // 4. The node's OOM killer (not the container's own limit).
    const oom = nodeOomEvents(ctx, nodeName);
    if (
      oom.length > 0 &&
      ctx.facts.lastReason !== 'OOMKilled' &&
      (ctx.facts.exitCode === 137 || ctx.case.failure === 'crash-loop')
    ) {
      const victims = [...new Set(oom.map((o) => o.victim))];
      const kills = oom.reduce((n, o) => n + (o.event.object.count ?? 1), 0);
      const memEvent = node?.events.find((e) =>
        /^NodeHasInsufficientMemory$|^EvictionThresholdMet$/.test(e.object.reason ?? ''),
      );
      const memPressure =
        node?.pressure.find((p) => p.type === 'MemoryPressure') ??
        (memEvent ? { type: 'MemoryPressure', ref: ctx.cite.event(memEvent) } : undefined);
      const wholeNode = victims.length >= 2 || kills >= 3 || memPressure !== undefined;
      const req = ctx.facts.memoryRequestBytes;
      const lim = ctx.facts.memoryLimitBytes;
      const overcommitNote =
        req !== undefined && lim !== undefined && lim >= req * 2
          ? ` This container requests ${formatBytes(req)} but may grow to ${formatBytes(lim)}: the scheduler reserves only the request, so pods like it overcommit the node.`
          : req === undefined
            ? ' This container has no memory request, so the scheduler reserves nothing for it.'
            : '';
      ctx.report({
        messageId: 'nodeOom',
        explainId: 'nodeOomExplain',
        subcategory: 'node-oom',
        data: {
          node: nodeLabel,
          victims: victims.slice(0, 4).join(', '),
          count: kills,
          overcommitNote,
        },
        confidence: wholeNode
          ? Math.min(0.92, 0.82 + (memPressure ? 0.05 : 0) + (victims.length >= 3 ? 0.03 : 0))
          : 0.6,
        evidence: [
          ...oom.slice(0, 2).map((o) => ctx.cite.event(o.event)),
          memPressure?.ref,
          ctx.cite.pod(['Exit Code:', '"exitCode"', 'exitCode:']),
        ],
        fixes: nodeOomFixes(ctx, nodeName),
        ...(wholeNode ? { supersedes: ['oom-killed', 'app-crash'] as Category[] } : {}),
      });
      return;
    }

    // 5. Only this node's pods fail.
    // (An image built for another CPU also fails only on some nodes: that is the image's fault.)
    const archMismatch = matchesIn(ctx, { category: 'image-arch-mismatch' }).length > 0;
    if (elsewhere && ctx.case.failure !== 'pending' && !archMismatch) {
      ctx.report({
        messageId: 'onlyThisNode',
        explainId: 'onlyThisNodeExplain',
        subcategory: 'node-specific',
        data: {
          node: nodeLabel,
          healthyNodes: elsewhere.healthyNodes.join(', '),
          owner: elsewhere.owner,
        },
        confidence: 0.45 + (node?.pressure.length ? 0.15 : 0),
        evidence: [...elsewhere.refs, ...(node?.pressure.map((p) => p.ref) ?? [])],
        fixes: nodeFixes(ctx, nodeName, 'suspect'),
        nextStep: { messageId: 'decide', command: `kubectl describe node ${nodeName ?? '<node>'}` },
      });
      return;
    }

    // 6. A pressure condition on the node: a contributing factor.
    if (node && node.pressure.length > 0) {
      ctx.report({
        messageId: 'pressureFactor',
        explainId: 'pressureFactorExplain',
        subcategory: 'node-pressure',
        data: { node: nodeLabel, condition: node.pressure.map((p) => p.type).join(', ') },
        confidence: 0.45,
        evidence: node.pressure.map((p) => p.ref),
        role: 'factor',
        fixes: nodeFixes(ctx, nodeName, node.pressure[0]!.type),
      });
      return;
    }
    if (
      node &&
      node.items.length > 0 &&
      !node.notReady &&
      node.items.some((i) =>
        i.object.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      )
    ) {
      const readyItem = node.items.find((i) =>
        i.object.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      )!;
      ctx.ruleOut({
        category: 'node-problem',
        messageId: 'nodesHealthy',
        data: { node: node.name },
        evidence: [ctx.cite.item(readyItem, [/^\s*Ready\s+True/, /\bReady\b/, node.name])],
      });
    }
  },
});

/** A container of the pod ended with 137 (the eviction's SIGKILL, or ContainerStatusUnknown). */
function killed137(pod: Pod | undefined): boolean {
  return (pod?.status?.containerStatuses ?? []).some(
    (s) => s.state?.terminated?.exitCode === 137 || s.lastState?.terminated?.exitCode === 137,
  );
}

function nodeFromEvents(ctx: CaseContext): string | undefined {
  for (const e of ctx.case.events) {
    const m = /Successfully assigned \S+ to (\S+)/.exec(e.object.message ?? '');
    if (m?.[1]) return m[1];
  }
  return undefined;
}

function nodeState(ctx: CaseContext, name: string): NodeState {
  const items = ctx.index.named('Node', name);
  const pressure: NodeState['pressure'] = [];
  let notReady: NodeState['notReady'];
  for (const item of items) {
    for (const c of item.object.status?.conditions ?? []) {
      if (
        PRESSURE.includes(c.type) &&
        c.status === 'True' &&
        !pressure.some((p) => p.type === c.type)
      ) {
        pressure.push({
          type: c.type,
          ref: ctx.cite.item(item, [
            new RegExp(`^\\s*${c.type}\\s+True`),
            `"type": "${c.type}"`,
            `type: ${c.type}`,
          ]),
        });
      }
      if (c.type === 'Ready' && (c.status === 'False' || c.status === 'Unknown') && !notReady) {
        notReady = {
          status: c.status,
          ...(c.reason || c.message
            ? { reason: [c.reason, c.message].filter(Boolean).join(': ') }
            : {}),
          ref: ctx.cite.item(item, [
            /^\s*Ready\s+(False|Unknown)/,
            /\bNotReady\b/,
            '"type": "Ready"',
            'type: Ready',
          ]),
        };
      }
    }
  }
  const events = ctx.index
    .eventsFor(name, 'Node')
    .filter((e) => e.object.involvedObject.kind === 'Node');
  for (const e of events) {
    if (!notReady && /^NodeNotReady$/.test(e.object.reason ?? '')) {
      notReady = {
        status: 'False',
        reason: e.object.message ?? 'NodeNotReady',
        ref: ctx.cite.event(e),
      };
    }
  }
  return { name, items, pressure, ...(notReady ? { notReady } : {}), events };
}

function evictionOf(
  ctx: CaseContext,
  pod: Pod | undefined,
):
  | {
      message: string;
      resource?: string;
      condition?: string;
      ownLimit?: { limit: string; emptyDir?: string };
      ref: EvidenceRef | undefined;
    }
  | undefined {
  const evictedEvent = ctx.case.events.filter((e) => e.object.reason === 'Evicted').at(-1);
  const evicted =
    ctx.case.failure === 'evicted' ||
    pod?.status?.reason === 'Evicted' ||
    evictedEvent !== undefined;
  if (!evicted) return undefined;
  const message = pod?.status?.message ?? evictedEvent?.object.message ?? '';
  const scanner = defaultScanner();
  const m = scanner.matchLine(message).find((x) => x.signature.id === 'node-eviction');
  const resource = m && !/had condition/.test(message) ? m.groups.detail : undefined;
  const condition = /The node had condition: \[(\w+)\]/.exec(message)?.[1];
  const own = scanner
    .matchLine(message)
    .find((x) => x.signature.id === 'eviction-own-storage-limit');
  const emptyDir = own && /EmptyDir/.test(message) ? own.groups.key : undefined;
  const ownLimit = own
    ? { limit: own.groups.detail ?? 'its limit', ...(emptyDir ? { emptyDir } : {}) }
    : undefined;
  const ref =
    (evictedEvent ? ctx.cite.event(evictedEvent) : undefined) ??
    ctx.cite.pod([
      message.slice(0, 60),
      /^Message:\s/,
      /^Reason:\s+Evicted/,
      '"reason": "Evicted"',
      'reason: Evicted',
    ]);
  return {
    message,
    ...(resource ? { resource } : {}),
    ...(condition ? { condition } : {}),
    ...(ownLimit ? { ownLimit } : {}),
    ref,
  };
}

/** `Container app was using 1245184Ki, request is 256Mi` / `..., which exceeds its request of 0`. */
function usages(message: string): Usage[] {
  const out: Usage[] = [];
  const re =
    /Container ([\w.-]+) was using (\d+(?:\.\d+)?(?:Ki|Mi|Gi|Ti|k|M|G|T)?)(?:, request is (\S+?),|,? which exceeds its request of (\S+?)\.)/g;
  for (const m of message.matchAll(re)) {
    const bytes = parseQuantity(m[2]) ?? 0;
    const request = (m[3] ?? m[4])?.replace(/[.,]$/, '');
    out.push({
      container: m[1]!,
      using: formatBytes(bytes) || m[2]!,
      bytes,
      ...(request ? { request } : {}),
    });
  }
  return out;
}

/** Other pods evicted on the same node (a `get pods -o wide` table shows them). */
function otherEvictions(ctx: CaseContext, node: string | undefined): Item<Pod>[] {
  return ctx.index.pods().filter((p) => {
    if (p === ctx.case.pod || p.object.metadata.name === ctx.case.podName) return false;
    const evicted =
      p.object.status?.reason === 'Evicted' ||
      p.object.metadata.annotations?.['crashlens.dev/printed-status'] === 'Evicted';
    return evicted && (!node || !p.object.spec?.nodeName || p.object.spec.nodeName === node);
  });
}

/** SystemOOM (kubelet) and OOMKilling (node-problem-detector) events on the node. */
function nodeOomEvents(
  ctx: CaseContext,
  node: string | undefined,
): { event: Item<KEvent>; victim: string }[] {
  return [...ctx.index.eventsWithReason('SystemOOM'), ...ctx.index.eventsWithReason('OOMKilling')]
    .filter(
      (e) =>
        (e.object.involvedObject.kind === 'Node' || !e.object.involvedObject.kind) &&
        (!node || !e.object.involvedObject.name || e.object.involvedObject.name === node),
    )
    .map((event) => {
      const msg = event.object.message ?? '';
      const victim =
        /victim process: ([^,]+)/.exec(msg)?.[1] ??
        /Killed process \d+ \(([^)]+)\)/.exec(msg)?.[1] ??
        'a process';
      return { event, victim };
    });
}

/**
 * Pods of the same owner Running and Ready on other nodes while the failing ones (this pod and
 * its failing siblings) sit on one node.
 */
function healthyElsewhere(
  ctx: CaseContext,
  node: string | undefined,
): { healthyNodes: string[]; owner: string; refs: (EvidenceRef | undefined)[] } | undefined {
  if (!node) return undefined;
  const owner =
    ctx.case.ownerRefs[0]?.name ?? /^(.+)-[a-z0-9]{5}$/.exec(ctx.case.podName ?? '')?.[1];
  if (!owner) return undefined;
  const siblings = ctx.index
    .podsOfFamily(owner)
    .filter((p) => p !== ctx.case.pod && p.object.metadata.name !== ctx.case.podName);
  const healthy = siblings.filter((p) => {
    const n = p.object.spec?.nodeName;
    if (!n || n === node) return false;
    const printed = p.object.metadata.annotations?.['crashlens.dev/printed-ready'];
    const st = p.object.status?.containerStatuses ?? [];
    const ready = printed ? /^(\d+)\/\1$/.test(printed) : st.length > 0 && st.every((s) => s.ready);
    return (
      p.object.status?.phase === 'Running' && ready && st.every((s) => (s.restartCount ?? 0) <= 1)
    );
  });
  const failingElsewhere = siblings.filter((p) => {
    const n = p.object.spec?.nodeName;
    return n && n !== node && !healthy.includes(p);
  });
  if (healthy.length === 0 || failingElsewhere.length > 0) return undefined;
  const healthyNodes = [...new Set(healthy.map((p) => p.object.spec?.nodeName ?? ''))];
  const own = ctx.case.pod ? ctx.cite.item(ctx.case.pod, [node]) : undefined;
  return {
    healthyNodes,
    owner: ctx.case.ownerRefs.at(-1)?.name ?? owner,
    refs: [
      own,
      ...healthy.slice(0, 2).map((p) => ctx.cite.item(p, [p.object.spec?.nodeName ?? 'Running'])),
    ],
  };
}

function evictionFixes(
  ctx: CaseContext,
  resource: string,
  top: Usage | undefined,
  node: string | undefined,
): Fix[] {
  const ns = nsFlag(ctx);
  const target = workloadTarget(ctx);
  const container = top?.container ?? (ctx.case.container || 'CONTAINER');
  const fixes: Fix[] = [];
  if (resource === 'memory') {
    const req = top ? `${Math.ceil(top.bytes / (64 * 1024 ** 2)) * 64}Mi` : '<measured-peak>';
    fixes.push({
      title: `Request the memory ${container} really uses (${req}) so the scheduler reserves it and the kubelet does not evict it first`,
      commands: [
        `kubectl set resources ${target}${ns} -c ${container} --requests=memory=${req} --limits=memory=${req}`,
      ],
      risk: 'medium',
    });
  } else if (
    resource === 'ephemeral-storage' ||
    resource.startsWith('nodefs') ||
    resource.startsWith('imagefs')
  ) {
    const req = top
      ? formatBytes(Math.max(1024 ** 3, Math.ceil((top.bytes * 1.5) / 1024 ** 3) * 1024 ** 3))
      : '2Gi';
    fixes.push({
      title: `Declare the local disk ${container} uses (ephemeral-storage request/limit), and write big files to a volume instead of the container filesystem`,
      commands: [
        `kubectl set resources ${target}${ns} -c ${container} --requests=ephemeral-storage=${req} --limits=ephemeral-storage=${req}`,
      ],
      risk: 'medium',
    });
  }
  fixes.push(
    ...nodeFixes(
      ctx,
      node,
      resource === 'memory'
        ? 'MemoryPressure'
        : resource === 'pids'
          ? 'PIDPressure'
          : resource === 'resources'
            ? 'unknown'
            : 'DiskPressure',
    ),
  );
  fixes.push({
    title: 'Clean up the evicted pod objects (they keep their status for inspection until deleted)',
    commands: [`kubectl delete pods${ns} --field-selector=status.phase=Failed`],
    risk: 'low',
  });
  return fixes;
}

function nodeFixes(ctx: CaseContext, node: string | undefined, what: string): Fix[] {
  const n = node ?? '<node>';
  if (what === 'unknown' || what === 'PIDPressure') {
    return [
      {
        title: `Look at node ${n}: its conditions and what runs on it`,
        commands: [`kubectl describe node ${n}`, `kubectl top node ${n}`],
        risk: 'low',
      },
    ];
  }
  if (what === 'NotReady' || what === 'suspect') {
    return [
      {
        title: `Look at node ${n}: conditions, kubelet and runtime`,
        commands: [
          `kubectl describe node ${n}`,
          `kubectl get events -A --field-selector involvedObject.name=${n}`,
        ],
        risk: 'low',
      },
      {
        title: `Move the pods off ${n} while it is repaired (or replaced)`,
        commands: [
          `kubectl cordon ${n}`,
          `kubectl drain ${n} --ignore-daemonsets --delete-emptydir-data`,
        ],
        risk: 'medium',
      },
    ];
  }
  if (/Memory/.test(what)) {
    return [
      {
        title: `Find what uses the memory on ${n} and make every pod request what it uses`,
        commands: [
          `kubectl top node ${n}`,
          `kubectl describe node ${n} | grep -A 30 "Non-terminated Pods"`,
        ],
        risk: 'low',
      },
    ];
  }
  return [
    {
      title: `Free disk on ${n} (unused images, container logs, emptyDir data) or give the node a bigger disk`,
      commands: [
        `kubectl describe node ${n} | grep -A 8 Conditions`,
        `kubectl debug node/${n} -it --image=busybox:1.36 -- df -h /host/var/lib`,
      ],
      risk: 'low',
    },
  ];
}

/** A pod over its own scratch-space limit: a bigger (or real) volume, or a higher limit. */
function ownLimitFixes(ctx: CaseContext, own: { limit: string; emptyDir?: string }): Fix[] {
  const c = ctx.case.container ? ` -c ${ctx.case.container}` : '';
  if (own.emptyDir) {
    return [
      {
        title: `Give the emptyDir ${own.emptyDir} a larger sizeLimit than ${own.limit}, or move it to a PVC / generic ephemeral volume sized for the data`,
        commands: [
          `kubectl get ${workloadTarget(ctx)}${nsFlag(ctx)} -o jsonpath='{.spec.template.spec.volumes}'`,
        ],
        risk: 'low',
      },
    ];
  }
  return [
    {
      title:
        'Write the scratch data to a volume sized for it (generic ephemeral volume or PVC) instead of the container filesystem, or raise the ephemeral-storage limit',
      commands: [
        `kubectl set resources ${workloadTarget(ctx)}${nsFlag(ctx)}${c} --limits=ephemeral-storage=<measured peak + headroom>`,
      ],
      risk: 'medium',
    },
  ];
}

/** The workload to patch; a StatefulSet's pod (`name-0`) when no owner is in the evidence. */
function podTemplateOwner(ctx: CaseContext): string {
  const target = workloadTarget(ctx);
  const ordinal = /^pod\/(.+)-\d{1,4}$/.exec(target);
  return ordinal?.[1] ? `statefulset/${ordinal[1]}` : target;
}

/** Raise a node kernel limit: the node pool's own setting, or a privileged init container. */
/** A `nameserver 127.x` line in a pasted resolv.conf (`cat /etc/resolv.conf` on the node). */
function loopbackNameserver(
  ctx: CaseContext,
): { text: string; ref: EvidenceRef | undefined } | undefined {
  const pattern = /^\s*nameserver\s+(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1)\s*$/;
  for (const block of ctx.bundle.raw) {
    const ref = ctx.cite.line(block.origin, [pattern]);
    if (ref) return { text: ref.excerpt.trim(), ref };
  }
  return undefined;
}

function dnsLoopFixes(ctx: CaseContext): Fix[] {
  return [
    {
      title:
        'Give the kubelet the real upstream resolvers (systemd-resolved hosts: resolvConf: /run/systemd/resolve/resolv.conf in the kubelet config), restart the kubelet, then CoreDNS',
      commands: [
        `kubectl get configmap kubelet-config -n kube-system -o yaml | grep -n resolvConf`,
        `kubectl rollout restart ${workloadTarget(ctx)}${nsFlag(ctx)}`,
      ],
      risk: 'medium',
      note: 'Or replace `forward . /etc/resolv.conf` in the coredns ConfigMap with upstream IPs (kubectl edit configmap coredns -n kube-system).',
    },
  ];
}

function kernelFixes(ctx: CaseContext, key: string | undefined, wanted: string | undefined): Fix[] {
  if (key === 'vm.max_map_count') {
    const value = wanted ?? '262144';
    const init = {
      name: 'sysctl-max-map-count',
      image: 'busybox:1.36',
      command: ['sysctl', '-w', `vm.max_map_count=${value}`],
      securityContext: { privileged: true, runAsUser: 0 },
    };
    return [
      {
        title: `Raise vm.max_map_count to ${value} on the nodes: a privileged init container (the Elasticsearch charts' sysctlInitContainer), or the node pool's sysctl configuration`,
        commands: [
          `kubectl patch ${podTemplateOwner(ctx)}${nsFlag(ctx)} --type json -p '${JSON.stringify([{ op: 'add', path: '/spec/template/spec/initContainers', value: [init] }])}'`,
        ],
        risk: 'medium',
      },
    ];
  }
  if (key === 'max file descriptors') {
    return [
      {
        title: `Raise the open-files limit (nofile) of the container runtime on the nodes to at least ${wanted ?? '65535'} (containerd/docker LimitNOFILE)`,
        commands: [
          `kubectl debug node/<node> -it --image=busybox:1.36 -- chroot /host sh -c 'ulimit -n; systemctl show containerd -p LimitNOFILE'`,
        ],
        risk: 'medium',
      },
    ];
  }
  return [
    {
      title:
        'Raise the inotify limits on the nodes (fs.inotify.max_user_instances / max_user_watches), e.g. with a privileged DaemonSet running sysctl',
      commands: [
        `kubectl debug node/<node> -it --image=busybox:1.36 -- chroot /host sysctl fs.inotify.max_user_instances fs.inotify.max_user_watches`,
      ],
      risk: 'medium',
    },
  ];
}

function runtimeFixes(node: string | undefined, kind: string): Fix[] {
  const n = node ?? '<node>';
  const fixes: Fix[] = [];
  if (kind === 'network') {
    fixes.push({
      title: `Check the CNI pods on ${n} (aws-node, calico-node, cilium...) and the node's pod IP pool`,
      commands: [`kubectl get pods -n kube-system -o wide --field-selector spec.nodeName=${n}`],
      risk: 'low',
    });
  } else {
    fixes.push({
      title: `Check the container runtime on ${n} (containerd/CRI-O health, load, disk)`,
      commands: [
        `kubectl describe node ${n}`,
        `kubectl debug node/${n} -it --image=busybox:1.36 -- chroot /host systemctl status containerd`,
      ],
      risk: 'low',
    });
  }
  fixes.push({
    title: `Drain ${n} so the pods start on a healthy node, then repair or replace it`,
    commands: [
      `kubectl cordon ${n}`,
      `kubectl drain ${n} --ignore-daemonsets --delete-emptydir-data`,
    ],
    risk: 'medium',
  });
  return fixes;
}

function nodeOomFixes(ctx: CaseContext, node: string | undefined): Fix[] {
  const n = node ?? '<node>';
  const ns = nsFlag(ctx);
  return [
    {
      title: `Find the memory hogs on ${n}: pods whose usage is far above their memory request`,
      commands: [
        `kubectl top pods -A --sort-by=memory`,
        `kubectl describe node ${n} | grep -A 30 "Non-terminated Pods"`,
      ],
      risk: 'low',
    },
    {
      title:
        'Give this workload a memory request equal to its usage (and a limit), so the scheduler does not overcommit the node',
      commands: [
        `kubectl set resources ${workloadTarget(ctx)}${ns}${ctx.case.container ? ` -c ${ctx.case.container}` : ''} --requests=memory=<usage> --limits=memory=<usage>`,
      ],
      risk: 'medium',
    },
    {
      title: `Move pods off ${n} if it stays short of memory`,
      commands: [
        `kubectl cordon ${n}`,
        `kubectl drain ${n} --ignore-daemonsets --delete-emptydir-data`,
      ],
      risk: 'medium',
    },
  ];
}
