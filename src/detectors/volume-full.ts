/**
 * volume-mount, disk full: the app fails writing with ENOSPC ("No space left on device", "Disk
 * quota exceeded"). The path in the error (or the data directory of a database, for relative
 * paths like postgres' `pg_wal/...`) is placed on its volume: a full PersistentVolumeClaim, an
 * emptyDir at its sizeLimit (or the node disk behind it), or the container's writable layer on
 * the node's disk. Eviction for ephemeral storage is node-problem's, not this detector's.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { TableRow } from '../evidence/types.js';
import { defineDetector, formatMessage } from './define.js';
import {
  citeMatch,
  matchesIn,
  mountFor,
  nsFlag,
  shq,
  targetRef,
  terminality,
  volumeType,
  specView,
  podSpecPath,
} from './_shared.js';

type Messages =
  | 'pvc'
  | 'pvcExplain'
  | 'emptyDir'
  | 'emptyDirExplain'
  | 'volume'
  | 'volumeExplain'
  | 'layer'
  | 'layerExplain'
  | 'capacityNote'
  | 'mountNote'
  | 'limitNote'
  | 'mediumNote'
  | 'usage';

const MESSAGES: Record<Messages, string> = {
  pvc: 'PersistentVolumeClaim {{claim}}{{mountNote}} is full',
  pvcExplain:
    'Writing {{path}} fails with "no space left on device": the volume of claim {{claim}}{{capacityNote}} is full, and the app exits. It keeps failing on every restart until space is freed or the claim is expanded.',
  emptyDir: 'The emptyDir volume {{volume}} at {{mountPath}} is full{{limitNote}}',
  emptyDirExplain:
    'Writing {{path}} fails with "no space left on device": emptyDir {{volume}}{{limitNote}} has no room left{{mediumNote}}. Raise its sizeLimit, write less there, or move the data to a PersistentVolumeClaim.',
  volume: 'Volume {{volume}} at {{mountPath}} is full',
  volumeExplain:
    'Writing {{path}} fails with "no space left on device" on {{type}} volume {{volume}}. Free space on it or make it larger.',
  layer: 'The container runs out of disk writing {{path}}',
  layerExplain:
    'Writing {{path}} fails with "no space left on device" and no volume is mounted there: the write goes to the container’s writable layer on the node’s disk (or a volume the paste does not show). Check the node’s disk and write large data to a volume.',
  capacityNote: ' ({{capacity}})',
  mountNote: ' (mounted at {{mountPath}})',
  limitNote: ' (sizeLimit {{limit}})',
  mediumNote: ' (medium Memory: it counts against the container memory limit)',
  usage: 'See how full the volume is',
};

export default defineDetector<Messages>({
  meta: {
    id: 'volume-full',
    title: 'A volume (or the disk behind it) is full: no space left on device',
    category: 'volume-mount',
    severity: 'high',
    summary:
      'ENOSPC / "No space left on device" in the logs, placed on the PVC, emptyDir (sizeLimit) or writable layer that holds the path.',
    messages: MESSAGES,
  },
  detect(ctx) {
    const all = matchesIn(ctx, { ids: ['no-space-left'] });
    const best = [...all].sort(
      (a, b) => Number(b.crashed) - Number(a.crashed) || terminality(b) - terminality(a),
    )[0];
    if (!best) return;
    const g = best.match.groups;
    const raw = g.path ?? g.file;
    const path = raw ? absolute(ctx, raw) : dataDir(ctx);
    const mount = path ? mountFor(ctx, path) : undefined;
    const usable =
      mount && !(mount.mount.mountPath ?? '').startsWith('/var/run/secrets') ? mount : undefined;
    const type = volumeType(usable?.volume);
    // A StatefulSet's claim is named <template>-<pod>: found in `get pvc` even without the spec.
    const stsRow =
      usable || !ctx.case.podName
        ? undefined
        : ctx.index
            .tableRows()
            .find(
              (r) =>
                isClaimRow(r.object) &&
                (r.object.cells['NAME'] ?? '')
                  .replace(/^persistentvolumeclaim\//, '')
                  .endsWith(`-${ctx.case.podName}`),
            );
    const claim =
      usable?.volume?.persistentVolumeClaim?.claimName ??
      (stsRow ? claimName(stsRow.object) : undefined);
    const row = claim ? (claimRow(ctx, claim) ?? stsRow) : undefined;
    const capacity = row?.object.cells['CAPACITY'];
    const limit = usable?.volume?.emptyDir?.sizeLimit;
    const medium = usable?.volume?.emptyDir?.medium;
    const data = {
      path: raw ?? path ?? 'a file',
      claim: claim ?? '',
      volume: usable?.mount.name ?? '',
      mountPath: usable?.mount.mountPath ?? '',
      type: type ?? 'volume',
      capacityNote: capacity ? formatMessage(MESSAGES.capacityNote, { capacity }) : '',
      mountNote: usable?.mount.mountPath
        ? formatMessage(MESSAGES.mountNote, { mountPath: usable.mount.mountPath })
        : '',
      limitNote: limit ? formatMessage(MESSAGES.limitNote, { limit }) : '',
      mediumNote: medium === 'Memory' ? MESSAGES.mediumNote : '',
    };
    const ids: [Messages, Messages] = claim
      ? ['pvc', 'pvcExplain']
      : type === 'emptyDir'
        ? ['emptyDir', 'emptyDirExplain']
        : usable
          ? ['volume', 'volumeExplain']
          : ['layer', 'layerExplain'];
    const evidence: (EvidenceRef | undefined)[] = [
      citeMatch(ctx, best),
      usable
        ? specView(ctx).cite([
            `${usable.mount.mountPath ?? ''} from`,
            `"mountPath": "${usable.mount.mountPath ?? ''}"`,
            `mountPath: ${usable.mount.mountPath ?? ''}`,
          ])
        : undefined,
      claim
        ? specView(ctx).cite([
            `ClaimName:  ${claim}`,
            `"claimName": "${claim}"`,
            `claimName: ${claim}`,
          ])
        : undefined,
      row ? ctx.cite.item(row, [claim ?? '']) : undefined,
      limit ? specView(ctx).cite([/SizeLimit:\s+\S/, /sizeLimit"?:/]) : undefined,
    ];
    const confidence = Math.min(
      0.95,
      best.match.signature.weight * 0.6 +
        terminality(best) * 0.25 +
        (usable ? 0.1 : 0) +
        (all.length > 1 ? 0.02 : 0),
    );
    ctx.report({
      messageId: ids[0],
      explainId: ids[1],
      subcategory: claim
        ? 'pvc-full'
        : type === 'emptyDir'
          ? 'emptydir-full'
          : usable
            ? 'volume-full'
            : 'disk-full',
      data,
      confidence: usable ? confidence : Math.min(confidence, claim ? 0.85 : 0.7),
      evidence,
      fixes: fixesFor(
        ctx,
        claim,
        capacity,
        usable?.mount.name,
        usable?.mount.mountPath,
        type,
        limit,
      ),
      supersedes: ['app-crash', 'dependency-failure', 'invalid-config'],
      ...(usable || claim
        ? {}
        : {
            nextStep: {
              messageId: 'usage' as const,
              command: `kubectl describe node ${specView(ctx).pod?.nodeName ?? 'NODE'}`,
            },
          }),
    });
  },
});

/** Resolve a relative path (postgres: `pg_wal/xlogtemp.32`) against the data directory. */
function absolute(ctx: CaseContext, p: string): string | undefined {
  if (p.startsWith('/')) return p;
  const dir = dataDir(ctx);
  return dir ? `${dir.replace(/\/+$/, '')}/${p}` : undefined;
}

/** The app's data directory: PGDATA/DATA_DIR-like env, else the only writable volume mount. */
function dataDir(ctx: CaseContext): string | undefined {
  for (const [name, src] of ctx.facts.env) {
    if (/^(PGDATA|DATA_DIR|DATADIR|MYSQL_DATADIR)$/.test(name) && src.value?.startsWith('/'))
      return src.value;
  }
  const mounts = (specView(ctx).container?.volumeMounts ?? []).filter((m) => {
    const v = specView(ctx).pod?.volumes?.find((x) => x.name === m.name);
    const t = volumeType(v);
    return (
      !m.readOnly &&
      !(m.mountPath ?? '').startsWith('/var/run/secrets') &&
      t !== 'configMap' &&
      t !== 'secret' &&
      t !== 'projected'
    );
  });
  return mounts.length === 1 ? mounts[0]?.mountPath : undefined;
}

function claimRow(ctx: CaseContext, claim: string) {
  return ctx.index.tableRows().find((r) => isClaimRow(r.object) && claimName(r.object) === claim);
}

function bigger(capacity: string | undefined): string {
  const m = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti)$/.exec(capacity ?? '');
  if (!m) return '<larger size>';
  return `${Number(m[1]) * 2}${m[2]}`;
}

function fixesFor(
  ctx: CaseContext,
  claim: string | undefined,
  capacity: string | undefined,
  volume: string | undefined,
  mountPath: string | undefined,
  type: string | undefined,
  limit: string | undefined,
): Fix[] {
  const ns = nsFlag(ctx);
  const target = targetRef(ctx);
  if (claim) {
    return [
      {
        title: `Expand claim ${claim} (its StorageClass must allow volume expansion)`,
        commands: [
          `kubectl get storageclass`,
          `kubectl patch pvc ${claim}${ns} -p ${shq(JSON.stringify({ spec: { resources: { requests: { storage: bigger(capacity) } } } }))}`,
        ],
        risk: 'medium',
      },
      {
        title: `Or free space on it from a temporary pod that mounts the claim (scale the workload to 0 first: a ReadWriteOnce volume attaches to one node at a time)`,
        commands: [
          `kubectl run ${claim}-shell${ns} --rm -it --restart=Never --image=busybox:1.36 --overrides=${shq(JSON.stringify({ spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: claim } }], containers: [{ name: 'shell', image: 'busybox:1.36', command: ['sh'], stdin: true, tty: true, volumeMounts: [{ name: 'data', mountPath: '/data' }] }] } }))}`,
        ],
        risk: 'medium',
      },
    ];
  }
  if (type === 'emptyDir' && volume) {
    return [
      {
        title: `Raise the sizeLimit of emptyDir ${volume}${limit ? ` (now ${limit})` : ''}, or keep less data at ${mountPath ?? 'that path'}`,
        commands: [`kubectl get ${target}${ns} -o jsonpath='{${podSpecPath(ctx)}.volumes}'`],
        risk: 'low',
      },
    ];
  }
  return [
    {
      title: 'Check the disk of the node and move large writes to a volume',
      commands: [
        `kubectl describe node ${specView(ctx).pod?.nodeName ?? 'NODE'}`,
        `kubectl get ${target}${ns} -o jsonpath='{${podSpecPath(ctx)}.volumes}'`,
      ],
      risk: 'low',
    },
  ];
}

/** A `kubectl get pvc` row (also `get pods,pvc`, whose names carry a `persistentvolumeclaim/` prefix). */
function isClaimRow(row: TableRow): boolean {
  return (
    /(?:^|,)(?:pvc|persistentvolumeclaims?)(?:,|$)/i.test(row.resource ?? '') &&
    (!/,/.test(row.resource ?? '') || /^persistentvolumeclaim\//.test(row.cells['NAME'] ?? ''))
  );
}

function claimName(row: TableRow): string {
  return (row.cells['NAME'] ?? '').replace(/^persistentvolumeclaim\//, '');
}
