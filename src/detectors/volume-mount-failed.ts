/**
 * volume-mount: a volume cannot be attached or mounted, so the container is not created or not
 * started. The kubelet and the attach/detach controller say which: a PersistentVolumeClaim that
 * does not exist (or is Lost), a ReadWriteOnce volume still attached to another node
 * (Multi-Attach), a cloud attach error, a CSI/NFS mount error, a hostPath of the wrong type, a
 * subPath that cannot be prepared, or a file mounted over a directory. Missing ConfigMaps and
 * Secrets in FailedMount are config-ref-missing's (missing-config), not this detector's.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { Item, TableRow, Volume } from '../evidence/types.js';
import { defineDetector, formatMessage, type DetectorContext } from './define.js';
import {
  citeStatus,
  containerPath,
  editDistance,
  nsFlag,
  shq,
  statusMatches,
  targetRef,
  type StatusMatch,
  specView,
  podSpecPath,
} from './_shared.js';

type Kind =
  | 'pvc-missing'
  | 'pvc-lost'
  | 'multi-attach'
  | 'attach-failed'
  | 'mount-failed'
  | 'hostpath-type'
  | 'subpath'
  | 'mount-type-mismatch';

type Messages =
  | 'pvcMissing'
  | 'pvcMissingExplain'
  | 'pvcLost'
  | 'pvcLostExplain'
  | 'multiAttach'
  | 'multiAttachExplain'
  | 'attachFailed'
  | 'attachFailedExplain'
  | 'mountFailed'
  | 'mountFailedExplain'
  | 'hostPathType'
  | 'hostPathTypeExplain'
  | 'subPath'
  | 'subPathExplain'
  | 'typeMismatch'
  | 'typeMismatchExplain'
  | 'usedBy'
  | 'pvcPending'
  | 'pvcPendingExplain';

const MESSAGES: Record<Messages, string> = {
  pvcMissing: 'PersistentVolumeClaim {{claim}} does not exist in {{namespace}}',
  pvcMissingExplain:
    'The pod mounts PersistentVolumeClaim {{claim}} ({{detail}}), which is not there, so the pod cannot be placed or its volume mounted. Create the claim (a StatefulSet creates it from volumeClaimTemplates), or fix claimName.',
  pvcLost: 'PersistentVolumeClaim {{claim}} is {{status}}: its volume is gone',
  pvcLostExplain:
    'The claim {{claim}} the pod mounts is {{status}}{{volumeNote}}, so the volume cannot be attached. A Lost claim lost its PersistentVolume (deleted, or its backing disk removed); it must be re-bound or recreated from a backup.',
  multiAttach: 'Volume {{volume}} is still attached to another node{{usedBy}}',
  multiAttachExplain:
    'The volume is ReadWriteOnce: it can be attached to one node at a time, and it is still attached where another pod (or a pod that is going away) uses it. This pod cannot start until it is released. A Deployment with a RollingUpdate strategy over an RWO claim does this on every rollout; use strategy Recreate (or a StatefulSet).',
  attachFailed: 'Volume {{volume}} cannot be attached to the node: {{detail}}',
  attachFailedExplain:
    'The attach/detach controller cannot attach the volume to the node the pod runs on ({{detail}}). Common causes: the disk is in another zone than the node, the node reached its volume attach limit, or the cloud credentials of the CSI driver are wrong.',
  mountFailed: 'The kubelet cannot mount volume {{volume}}: {{detail}}',
  mountFailedExplain:
    'Mounting volume {{volume}} fails on the node ({{detail}}), so the container is never started. The error is from the storage itself: an NFS/CSI server that does not answer or refuses the export, a missing CSI driver on the node, or a filesystem that cannot be mounted.',
  hostPathType: 'hostPath {{path}} on the node is not a {{detail}}',
  hostPathTypeExplain:
    'Volume {{volume}} is a hostPath of type {{hostType}}, and {{path}} on node {{node}} is missing or of another type ({{detail}} expected). The kubelet refuses to mount it. Make the path exist on every node the pod can run on (or schedule the pod only there), or use the type the node really has (DirectoryOrCreate, FileOrCreate).',
  subPath: 'The subPath of volumeMount {{volume}} cannot be prepared',
  subPathExplain:
    'The kubelet cannot prepare the subPath {{subPath}} of volume {{volume}} for container {{container}} (CreateContainerConfigError). The subPath does not exist in the volume (a ConfigMap key that is missing, a directory not created yet), or the volume behind it is broken (a stale NFS handle).',
  typeMismatch: 'Volume mount {{path}}: a file and a directory are mounted onto each other',
  typeMismatchExplain:
    'The runtime cannot bind the volume at {{path}} ({{detail}}): the source is a directory and the target in the image a file, or the reverse. Mounting a ConfigMap over a single file needs subPath with the key name; without it the whole ConfigMap directory is mounted onto the file.',
  usedBy: ' (used by {{pods}})',
  pvcPending: 'PersistentVolumeClaim {{claim}} stays Pending: {{detail}}',
  pvcPendingExplain:
    'The claim {{claim}} the pod mounts is not bound, and the provisioner says why ({{detail}}). Until the claim is bound the pod cannot be scheduled or started. Fix the StorageClass or the claim (name, size, access mode), or create a matching PersistentVolume.',
};

const KIND_BY_SIGNATURE: Record<string, Kind> = {
  'pvc-not-found': 'pvc-missing',
  'volume-attach-failed': 'attach-failed',
  'volume-setup-failed': 'mount-failed',
  'hostpath-type-check': 'hostpath-type',
  'subpath-failed': 'subpath',
  'mount-onto-rootfs-failed': 'mount-type-mismatch',
};

const PRIORITY: Kind[] = [
  'pvc-missing',
  'pvc-lost',
  'hostpath-type',
  'subpath',
  'mount-type-mismatch',
  'multi-attach',
  'attach-failed',
  'mount-failed',
];

const MISSING_CONFIG_OBJECT = /: (?:configmap|secret)s? "[^"]+" not found/i;

export default defineDetector<Messages>({
  meta: {
    id: 'volume-mount-failed',
    title: 'A volume cannot be attached or mounted',
    category: 'volume-mount',
    severity: 'high',
    summary:
      'FailedMount/FailedAttachVolume (other than a missing ConfigMap/Secret), Multi-Attach, missing or Lost PVCs, hostPath type checks, subPath and file-over-directory mount errors.',
    messages: MESSAGES,
  },
  detect(ctx) {
    const hits = statusMatches(ctx, { ids: Object.keys(KIND_BY_SIGNATURE) }).filter(
      (m) => !MISSING_CONFIG_OBJECT.test(m.message.text),
    );
    const claims = claimRows(ctx);
    const lost = claims.find((c) => /^(Lost)$/.test(c.row.object.cells['STATUS'] ?? ''));
    const ranked = hits
      .map((m) => ({ m, kind: kindOf(m) }))
      .sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind));
    const top = ranked[0];
    if (!top && !lost) {
      pendingClaim(ctx, claims);
      return;
    }
    if (!top || (lost && PRIORITY.indexOf('pvc-lost') < PRIORITY.indexOf(top.kind))) {
      const c = lost!;
      ctx.report({
        messageId: 'pvcLost',
        explainId: 'pvcLostExplain',
        subcategory: 'pvc-lost',
        data: {
          claim: c.claim,
          status: c.row.object.cells['STATUS'] ?? 'Lost',
          volumeNote: c.row.object.cells['VOLUME']
            ? ` (volume ${c.row.object.cells['VOLUME']})`
            : '',
        },
        confidence: 0.85,
        evidence: [
          ctx.cite.item(c.row, [c.claim]),
          specView(ctx).cite([c.claim]),
          ...hits.slice(0, 1).map((h) => citeStatus(ctx, h.message)),
        ],
        fixes: [
          {
            title: `Inspect claim ${c.claim} and its volume, then re-bind it or restore it from a backup`,
            commands: [`kubectl describe pvc ${c.claim}${nsFlag(ctx)}`, `kubectl get pv`],
            risk: 'low',
          },
        ],
      });
      return;
    }
    const { m, kind } = top;
    const g = m.groups;
    const volume = g.key ?? /for volume "([^"]{1,253})"/.exec(m.text)?.[1] ?? '';
    const detail = detailOf(m);
    const spec = specView(ctx).pod;
    const vol = spec?.volumes?.find((v) => v.name === volume);
    const sameVolume = (specView(ctx).container?.volumeMounts ?? []).filter(
      (v) => v.name === volume,
    );
    // For a ConfigMap/Secret in the evidence, the subPath that is not one of its keys.
    const keys = objectKeys(ctx, vol);
    const mountSpec =
      (keys &&
        sameVolume.find((m) => m.subPath && !keys.includes(m.subPath.split('/')[0] ?? ''))) ??
      sameVolume.find((m) => m.subPath) ??
      sameVolume[0];
    const subPaths =
      keys && mountSpec?.subPath
        ? [mountSpec.subPath]
        : sameVolume.map((m) => m.subPath).filter((p): p is string => Boolean(p));
    const data = {
      claim: volume,
      namespace: ctx.case.namespace ?? 'the namespace',
      volume,
      detail,
      path: g.path ?? '',
      node: spec?.nodeName ?? 'the node',
      hostType: vol?.hostPath?.type ?? 'set',
      subPath: subPaths.join(' or ') || '(none)',
      container: g.detail && kind === 'subpath' ? g.detail : ctx.case.container,
      usedBy:
        kind === 'attach-failed' && g.detail
          ? formatMessage(MESSAGES.usedBy, { pods: g.detail })
          : '',
      pods: g.detail ?? '',
    };
    const isMulti = kind === 'attach-failed' && /Multi-Attach/.test(m.text);
    const finalKind: Kind = isMulti ? 'multi-attach' : kind;
    const ids = MESSAGE_IDS[finalKind];
    const evidence: (EvidenceRef | undefined)[] = [
      citeStatus(ctx, m.message, needleOf(m)),
      ...hits
        .filter((h) => h !== m && h.message !== m.message)
        .slice(0, 1)
        .map((h) => citeStatus(ctx, h.message)),
      specRef(ctx, finalKind, volume, g.path),
    ];
    const claimRow =
      claims.find((c) => c.claim === volume)?.row ??
      ctx.index
        .tableRows()
        .find(
          (r) =>
            isClaimRow(r.object) &&
            volume !== '' &&
            (claimName(r.object) === volume || r.object.cells['VOLUME'] === volume),
        );
    if (claimRow) evidence.push(ctx.cite.item(claimRow, [volume]));
    ctx.report({
      messageId: ids[0],
      explainId: ids[1],
      subcategory: finalKind,
      data,
      confidence: CONFIDENCE[finalKind] + (evidence.filter(Boolean).length > 1 ? 0.02 : 0),
      evidence,
      fixes: fixesFor(ctx, finalKind, volume, g.path, mountSpec?.mountPath),
      supersedes: ['bad-command', 'app-crash', 'unschedulable', 'node-problem'],
    });
  },
});

const MESSAGE_IDS: Record<Kind, [Messages, Messages]> = {
  'pvc-missing': ['pvcMissing', 'pvcMissingExplain'],
  'pvc-lost': ['pvcLost', 'pvcLostExplain'],
  'multi-attach': ['multiAttach', 'multiAttachExplain'],
  'attach-failed': ['attachFailed', 'attachFailedExplain'],
  'mount-failed': ['mountFailed', 'mountFailedExplain'],
  'hostpath-type': ['hostPathType', 'hostPathTypeExplain'],
  subpath: ['subPath', 'subPathExplain'],
  'mount-type-mismatch': ['typeMismatch', 'typeMismatchExplain'],
};

const CONFIDENCE: Record<Kind, number> = {
  'pvc-missing': 0.93,
  'pvc-lost': 0.85,
  'multi-attach': 0.9,
  'attach-failed': 0.85,
  'mount-failed': 0.85,
  'hostpath-type': 0.94,
  subpath: 0.92,
  'mount-type-mismatch': 0.9,
};

function kindOf(m: StatusMatch): Kind {
  return KIND_BY_SIGNATURE[m.signature.id] ?? 'mount-failed';
}

/** What the message says after the volume name (`: mount failed: exit status 32`). */
function detailOf(m: StatusMatch): string {
  if (m.signature.id === 'hostpath-type-check' || m.signature.id === 'mount-onto-rootfs-failed')
    return m.groups.detail ?? '';
  if (m.signature.id === 'pvc-not-found')
    return m.message.reason === 'FailedScheduling'
      ? 'the scheduler reports it not found'
      : 'not found';
  const after =
    / : (.+)$/.exec(m.text)?.[1] ?? /\bVolume is already [^\n]+/.exec(m.text)?.[0] ?? m.text;
  return after.trim().slice(0, 160);
}

function needleOf(m: StatusMatch): string | undefined {
  const k = m.groups.key;
  return k && !k.includes('"') ? k : undefined;
}

/** `kubectl get pvc` rows of the claims this pod mounts. */
function claimRows(ctx: CaseContext): { claim: string; row: Item<TableRow> }[] {
  const claims = new Set(
    (specView(ctx).pod?.volumes ?? [])
      .map((v) => v.persistentVolumeClaim?.claimName)
      .filter((c): c is string => Boolean(c)),
  );
  const out: { claim: string; row: Item<TableRow> }[] = [];
  for (const row of ctx.index.tableRows()) {
    if (!isClaimRow(row.object)) continue;
    const name = claimName(row.object);
    if (name && claims.has(name)) out.push({ claim: name, row });
  }
  return out;
}

function specRef(
  ctx: CaseContext,
  kind: Kind,
  volume: string,
  path: string | undefined,
): EvidenceRef | undefined {
  switch (kind) {
    case 'pvc-missing':
    case 'pvc-lost':
      return specView(ctx).cite([
        `ClaimName:  ${volume}`,
        `"claimName": "${volume}"`,
        `claimName: ${volume}`,
        volume,
      ]);
    case 'hostpath-type':
      return path
        ? specView(ctx).cite([
            /HostPathType:\s/,
            /"?type"?:\s*"?(?:Socket|Directory|File|CharDevice|BlockDevice)/,
          ])
        : undefined;
    case 'subpath':
      return specView(ctx).cite([/subPath"?:/, `from ${volume} (`]);
    case 'mount-type-mismatch':
      return path
        ? specView(ctx).cite([`${path} from`, `"mountPath": "${path}"`, `mountPath: ${path}`])
        : undefined;
    default:
      return undefined;
  }
}

function fixesFor(
  ctx: CaseContext,
  kind: Kind,
  volume: string,
  path: string | undefined,
  mountPath: string | undefined,
): Fix[] {
  const ns = nsFlag(ctx);
  const target = targetRef(ctx);
  const pod = ctx.case.podName ?? 'POD';
  switch (kind) {
    case 'pvc-missing': {
      const similar = ctx.index
        .tableRows()
        .filter((r) => isClaimRow(r.object))
        .map((r) => claimName(r.object))
        .find(
          (n) =>
            n !== volume &&
            (n.startsWith(volume) || volume.startsWith(n) || editDistance(n, volume, 3) <= 3),
        );
      const vi = (specView(ctx).pod?.volumes ?? []).findIndex(
        (v) => v.persistentVolumeClaim?.claimName === volume,
      );
      const repoint: Fix[] =
        similar && vi >= 0 && !targetRef(ctx).startsWith('pod/')
          ? [
              {
                title: `Claim ${similar} exists: point the volume at it`,
                commands: [
                  `kubectl patch ${target}${ns} --type json -p ${shq(JSON.stringify([{ op: 'replace', path: `/spec/template/spec/volumes/${vi}/persistentVolumeClaim/claimName`, value: similar }]))}`,
                ],
                risk: 'medium',
              },
            ]
          : [];
      return [
        ...repoint,
        {
          title: `List the claims in the namespace: create ${volume} or point claimName at the right one`,
          commands: [
            `kubectl get pvc${ns}`,
            `kubectl get ${target}${ns} -o jsonpath='{${podSpecPath(ctx)}.volumes}'`,
          ],
          risk: 'low',
        },
      ];
    }
    case 'multi-attach':
      return [
        {
          title:
            'Find who holds the volume and release it (delete the old pod); for RWO claims in a Deployment, switch to strategy Recreate',
          commands: [
            `kubectl get volumeattachment | grep ${volume || 'pvc-'}`,
            `kubectl get pods${ns} -o wide`,
            ...(target.startsWith('deployment/')
              ? [
                  `kubectl patch ${target}${ns} -p ${shq(JSON.stringify({ spec: { strategy: { type: 'Recreate', rollingUpdate: null } } }))}`,
                ]
              : []),
          ],
          risk: 'medium',
        },
      ];
    case 'attach-failed':
    case 'mount-failed':
      return [
        {
          title:
            'Read the storage error in full and check the CSI driver / storage server for this volume',
          commands: [
            `kubectl get events${ns} --field-selector involvedObject.name=${pod}`,
            `kubectl get pods -n kube-system -o wide | grep -i -E 'csi|nfs|ebs|disk'`,
          ],
          risk: 'low',
        },
      ];
    case 'hostpath-type':
      return [
        {
          title: `Create ${path ?? 'the path'} on the node (or schedule the pod only on nodes that have it)`,
          commands: [
            `kubectl debug node/${specView(ctx).pod?.nodeName ?? 'NODE'} -it --image=busybox:1.36 -- ls -l /host${path ?? ''}`,
          ],
          risk: 'low',
        },
      ];
    case 'subpath':
      return [
        {
          title: `Make sure the subPath exists in volume ${volume} (for a ConfigMap, it must be one of its keys)`,
          commands: [
            `kubectl get ${target}${ns} -o jsonpath='{${podSpecPath(ctx)}.containers[*].volumeMounts}'`,
          ],
          risk: 'low',
        },
      ];
    case 'mount-type-mismatch': {
      const mounts = specView(ctx).container?.volumeMounts ?? [];
      const i = mounts.findIndex((m) => m.mountPath === (path ?? mountPath));
      const key = (path ?? '').replace(/^.*\//, '');
      return i >= 0 && key && !mounts[i]?.subPath
        ? [
            {
              title: `Mount only the key ${key} at ${path ?? ''} with subPath`,
              commands: [
                `kubectl patch ${target}${ns} --type json -p ${shq(JSON.stringify([{ op: 'add', path: `${containerPath(ctx)}/volumeMounts/${i}/subPath`, value: key }]))}`,
              ],
              risk: 'low',
            },
          ]
        : [
            {
              title: `Check that the source and the target at ${path ?? 'the mount path'} are both files (or both directories)`,
              commands: [
                `kubectl get ${target}${ns} -o jsonpath='{${podSpecPath(ctx)}.containers[*].volumeMounts}'`,
              ],
              risk: 'low',
            },
          ];
    }
    default:
      return [];
  }
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

/** Keys of the ConfigMap/Secret behind a volume, when that object is in the evidence. */
function objectKeys(ctx: CaseContext, vol: Volume | undefined): string[] | undefined {
  if (vol?.configMap?.name) {
    const cm = ctx.index.configMap(vol.configMap.name, ctx.case.namespace);
    return cm
      ? [...Object.keys(cm.object.data ?? {}), ...(cm.object.binaryDataKeys ?? [])]
      : undefined;
  }
  if (vol?.secret?.secretName)
    return ctx.index.secret(vol.secret.secretName, ctx.case.namespace)?.object.keys;
  return undefined;
}

/** A claim the pod mounts that is Pending, with the provisioner's reason (ProvisioningFailed). */
function pendingClaim(
  ctx: DetectorContext<Messages>,
  claims: { claim: string; row: Item<TableRow> }[],
): void {
  for (const c of claims) {
    if ((c.row.object.cells['STATUS'] ?? '') !== 'Pending') continue;
    const why = ctx.index
      .eventsFor(c.claim, 'PersistentVolumeClaim', ctx.case.namespace)
      .find((e) => e.object.reason === 'ProvisioningFailed' && e.object.type !== 'Normal');
    if (!why) continue;
    ctx.report({
      messageId: 'pvcPending',
      explainId: 'pvcPendingExplain',
      subcategory: 'pvc-pending',
      data: { claim: c.claim, detail: (why.object.message ?? '').slice(0, 160) },
      confidence: 0.7,
      evidence: [ctx.cite.event(why), ctx.cite.item(c.row, [c.claim])],
      fixes: [
        {
          title: `See why claim ${c.claim} is not provisioned and check its StorageClass`,
          commands: [`kubectl describe pvc ${c.claim}${nsFlag(ctx)}`, 'kubectl get storageclass'],
          risk: 'low',
        },
      ],
    });
    return;
  }
}
