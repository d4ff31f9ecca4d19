/**
 * Who manages an object: Argo CD, Flux or Helm leave labels and annotations on what they apply.
 * A fix that patches a managed object live is reverted at the next sync, so the report says so.
 */
import type { ObjectMeta } from '../evidence/types.js';
import type { CaseContext } from './context.js';

export interface Manager {
  tool: 'Argo CD' | 'Flux' | 'Helm';
  marker: string;
}

const MARKERS: { tool: Manager['tool']; key: string; value?: RegExp }[] = [
  { tool: 'Argo CD', key: 'argocd.argoproj.io/tracking-id' },
  { tool: 'Argo CD', key: 'argocd.argoproj.io/instance' },
  { tool: 'Flux', key: 'kustomize.toolkit.fluxcd.io/name' },
  { tool: 'Flux', key: 'helm.toolkit.fluxcd.io/name' },
  { tool: 'Helm', key: 'app.kubernetes.io/managed-by', value: /^Helm$/i },
  { tool: 'Helm', key: 'helm.sh/chart' },
  { tool: 'Helm', key: 'meta.helm.sh/release-name' },
];

export function managerOf(meta: ObjectMeta | undefined): Manager | undefined {
  if (!meta) return undefined;
  const all = { ...meta.labels, ...meta.annotations };
  for (const m of MARKERS) {
    const v = all[m.key];
    if (v !== undefined && (!m.value || m.value.test(v)))
      return { tool: m.tool, marker: `${m.key}=${v}` };
  }
  return undefined;
}

/** The manager of the case's workload, pod, or any object they reference. */
export function gitopsManager(ctx: CaseContext): Manager | undefined {
  const c = ctx.case;
  const metas: (ObjectMeta | undefined)[] = [
    ...c.owners.map((o) => o.object.metadata),
    c.pod?.object.metadata,
    ...referencedConfigMaps(ctx).map((i) => i?.object.metadata),
  ];
  for (const meta of metas) {
    const m = managerOf(meta);
    if (m) return m;
  }
  return undefined;
}

/** The ConfigMaps this container reads (env, envFrom, volumes): the ones a fix may patch. */
function referencedConfigMaps(ctx: CaseContext): ReturnType<CaseContext['index']['configMap']>[] {
  const names = new Set<string>();
  for (const e of ctx.case.spec?.env ?? [])
    if (e.valueFrom?.configMapKeyRef?.name) names.add(e.valueFrom.configMapKeyRef.name);
  for (const f of ctx.case.spec?.envFrom ?? [])
    if (f.configMapRef?.name) names.add(f.configMapRef.name);
  for (const v of ctx.case.pod?.object.spec?.volumes ?? [])
    if (v.configMap?.name) names.add(v.configMap.name);
  return [...names].map((n) => ctx.index.configMap(n, ctx.case.namespace));
}
