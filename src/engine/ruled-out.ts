/**
 * Hypotheses the status and events alone rule out, for every case: the checks an engineer makes
 * before looking further (not OOM: last exit was 1; image fine: it was pulled and started...).
 * Each comes with the evidence that ruled it out; none is claimed without it.
 */
import type { CaseContext } from './context.js';
import type { RuledOut } from './run.js';

export function genericRuledOut(ctx: CaseContext): RuledOut[] {
  const out: RuledOut[] = [];
  const { facts, case: c, cite } = ctx;
  const detector = 'engine';
  if (facts.exitCode !== undefined && facts.exitCode !== 137 && facts.lastReason !== 'OOMKilled') {
    out.push({
      category: 'oom-killed',
      detector,
      reason: `the last instance exited with code ${facts.exitCode} (${facts.lastReason ?? 'no reason'}), not OOMKilled/137`,
      evidence: [cite.pod(['Exit Code:', '"exitCode"', 'exitCode:'])].filter(
        (e) => e !== undefined,
      ),
    });
  }
  const started = facts.containerEvents.find(
    (e) => e.object.reason === 'Started' || e.object.reason === 'Pulled',
  );
  // Only a container that really ran rules out an image problem (StartError/CreateContainerError never did).
  const ran =
    !/^(StartError|ContainerCannotRun)$/.test(facts.lastReason ?? '') &&
    !/^(CreateContainerError|RunContainerError|CreateContainerConfigError)$/.test(
      facts.waitingReason ?? '',
    );
  if (started && ran && !facts.waitingReason?.includes('Image')) {
    const ev = cite.event(started);
    out.push({
      category: 'image-pull',
      detector,
      reason: 'the image was pulled and the container started',
      ...(ev ? { evidence: [ev] } : {}),
    });
  }
  const configError = c.events.some(
    (e) =>
      /CreateContainerConfigError|not found/.test(e.object.message ?? '') &&
      e.object.reason === 'Failed',
  );
  if (
    started &&
    !configError &&
    facts.waitingReason !== 'CreateContainerConfigError' &&
    c.spec &&
    (c.spec.env?.some((e) => e.valueFrom) || c.spec.envFrom?.length)
  ) {
    const ev = cite.event(started);
    out.push({
      category: 'missing-config',
      detector,
      reason: 'the kubelet resolved every referenced ConfigMap/Secret key (the container started)',
      ...(ev ? { evidence: [ev] } : {}),
    });
  }
  const probeKills = c.events.some(
    (e) =>
      e.object.reason === 'Killing' &&
      /failed (liveness|startup) probe/.test(e.object.message ?? ''),
  );
  if (c.spec && !c.spec.livenessProbe && !c.spec.startupProbe && !probeKills) {
    out.push({
      category: 'liveness-probe',
      detector,
      reason: 'the container has no liveness or startup probe',
    });
  } else if (
    c.events.length > 0 &&
    !probeKills &&
    !c.events.some((e) => /(Liveness|Startup) probe failed/.test(e.object.message ?? ''))
  ) {
    out.push({
      category: 'liveness-probe',
      detector,
      reason: 'no liveness or startup probe failures among the pod events',
    });
  }
  const node = c.pod?.object.spec?.nodeName;
  if (node) {
    out.push({
      category: 'unschedulable',
      detector,
      reason: `the pod was scheduled on ${node}`,
      evidence: [cite.pod(['Node:', '"nodeName"', 'nodeName:'])].filter((e) => e !== undefined),
    });
  }
  return out;
}
