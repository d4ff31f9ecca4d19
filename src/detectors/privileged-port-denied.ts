/**
 * permission-denied on a port: the app runs as a non-root user (runAsUser, runAsNonRoot, a USER
 * in the image) and tries to listen on a port below 1024, which needs root or
 * CAP_NET_BIND_SERVICE. The bind error in the log names the port; the spec shows the
 * containerPort, the user and dropped capabilities. Capabilities added in the spec do not reach
 * a non-root process (no ambient capabilities), so the fixes are an unprivileged port or the
 * namespaced sysctl that lowers the privileged range.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import { defineDetector, formatMessage } from './define.js';
import {
  bestMatch,
  citeMatch,
  continuedAfter,
  matchesIn,
  nsFlag,
  shq,
  targetRef,
  terminality,
  specView,
} from './_shared.js';

type Messages = 'port' | 'portExplain' | 'userNote' | 'capsNote' | 'escalationNote' | 'unknownUser';

const MESSAGES: Record<Messages, string> = {
  port: 'The app may not listen on port {{port}}: ports below 1024 need root or NET_BIND_SERVICE',
  portExplain:
    'Binding port {{port}} fails with "permission denied" and the app exits.{{userNote}}{{capsNote}}{{escalationNote}} Listen on a port of 1024 or above (and point the Service targetPort and probes at it), or let the pod bind low ports with the net.ipv4.ip_unprivileged_port_start sysctl.',
  userNote: ' The container runs as a non-root user ({{user}}).',
  capsNote: ' Its capabilities drop {{dropped}}, which removes NET_BIND_SERVICE.',
  escalationNote:
    ' allowPrivilegeEscalation: false also stops a binary with file capabilities (setcap cap_net_bind_service) from using them.',
  unknownUser:
    ' The image or the securityContext makes it run as a non-root user (kubectl get pod -o yaml shows the securityContext).',
};

export default defineDetector<Messages>({
  meta: {
    id: 'privileged-port-denied',
    title: 'A non-root process may not listen on a port below 1024',
    category: 'permission-denied',
    severity: 'high',
    summary:
      'bind/listen "permission denied" on a port below 1024 (Go, Node, nginx, Apache, Ruby, Java), with the containerPort, runAsUser and dropped capabilities from the spec.',
    messages: MESSAGES,
  },
  detect(ctx) {
    const all = matchesIn(ctx, { ids: ['privileged-port'] });
    const best = bestMatch(all);
    if (!best) return;
    const spec = specView(ctx).container;
    const declared = (spec?.ports ?? [])
      .map((p) => p.containerPort)
      .filter((p): p is number => p !== undefined);
    const port = best.match.groups.port ?? String(declared.find((p) => p < 1024) ?? '');
    if (port && Number(port) >= 1024) return;
    const sc = spec?.securityContext;
    const podSc = specView(ctx).pod?.securityContext;
    const uid = sc?.runAsUser ?? podSc?.runAsUser;
    const nonRoot = (uid !== undefined && uid !== 0) || (sc?.runAsNonRoot ?? podSc?.runAsNonRoot);
    const dropped = sc?.capabilities?.drop ?? [];
    const dropsBind = dropped.some((c) => /^(ALL|NET_BIND_SERVICE|CAP_NET_BIND_SERVICE)$/i.test(c));
    const added = (sc?.capabilities?.add ?? []).some((c) => /NET_BIND_SERVICE/i.test(c));
    const noEscalation = sc?.allowPrivilegeEscalation === false;
    const userText =
      uid !== undefined ? `runAsUser ${uid}` : nonRoot ? 'runAsNonRoot: true' : undefined;
    const data = {
      port: port || 'below 1024',
      userNote: userText
        ? formatMessage(MESSAGES.userNote, { user: userText })
        : MESSAGES.unknownUser,
      capsNote:
        dropsBind && !added
          ? formatMessage(MESSAGES.capsNote, { dropped: dropped.join(', ') })
          : '',
      escalationNote: noEscalation ? MESSAGES.escalationNote : '',
    };
    const evidence: (EvidenceRef | undefined)[] = [
      citeMatch(ctx, best),
      port
        ? specView(ctx).cite([
            new RegExp(`(?:Port:\\s+|"containerPort":\\s*|containerPort:\\s*)${port}\\b`),
          ])
        : undefined,
      uid !== undefined
        ? specView(ctx).cite([/runAsUser"?:\s*\d/])
        : nonRoot
          ? specView(ctx).cite([/runAsNonRoot"?:\s*true/])
          : undefined,
      dropsBind ? specView(ctx).cite([/"?drop"?:/]) : undefined,
    ];
    const corroborated =
      (nonRoot ? 0.04 : 0) + (dropsBind ? 0.03 : 0) + (declared.includes(Number(port)) ? 0.03 : 0);
    const confidence = Math.min(
      0.97,
      best.match.signature.weight * 0.6 + terminality(best) * 0.3 + corroborated,
    );
    ctx.report({
      messageId: 'port',
      explainId: 'portExplain',
      subcategory: 'privileged-port',
      data,
      confidence,
      evidence,
      fixes: fixes(ctx, port),
      supersedes: ['app-crash', 'invalid-config', 'dependency-failure'],
      ...(continuedAfter(best) ? { role: 'factor' as const } : {}),
    });
  },
});

function fixes(ctx: CaseContext, port: string): Fix[] {
  const target = targetRef(ctx);
  const ns = nsFlag(ctx);
  return [
    {
      title: `Let the pod's processes bind ports from 0 (namespaced sysctl net.ipv4.ip_unprivileged_port_start, Kubernetes 1.22+)`,
      commands: [
        `kubectl patch ${target}${ns} -p ${shq(JSON.stringify({ spec: { template: { spec: { securityContext: { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] } } } } }))}`,
      ],
      risk: 'low',
    },
    {
      title: `Or make the app listen on 8080 instead of ${port || 'the low port'} and point the Service targetPort and probes at 8080`,
      commands: [`kubectl get svc${ns} -o wide`],
      risk: 'medium',
    },
  ];
}
