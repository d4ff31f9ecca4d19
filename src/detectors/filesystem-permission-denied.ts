/**
 * permission-denied on files: the app cannot write (or chown, or chmod) a path and exits. Which
 * fix applies depends on where the path lives, read from the spec: the read-only root filesystem
 * (readOnlyRootFilesystem: true and no volume there), a volume that is always read-only
 * (ConfigMap, Secret, projected) or mounted readOnly, a PVC/hostPath/emptyDir owned by another
 * user than the container's (runAsUser without fsGroup), image files owned by root while the
 * container runs as another user, capabilities dropped that the entrypoint needs to chown or
 * switch user, or an SELinux/AppArmor denial. A missing file is not a permission problem
 * ("No such file or directory" is left to the missing-config and bad-command detectors).
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { Extract, Signature } from '../signatures/index.js';
import { defineDetector, formatMessage } from './define.js';
import {
  citeMatch,
  citeStatus,
  containerPath,
  continuedAfter,
  matchesIn,
  mountFor,
  nsFlag,
  shq,
  statusMatches,
  targetRef,
  terminality,
  volumeType,
  specView,
  podSpecPath,
} from './_shared.js';

type Kind =
  | 'read-only-root'
  | 'read-only-volume'
  | 'volume-ownership'
  | 'image-ownership'
  | 'capabilities'
  | 'needs-root'
  | 'selinux'
  | 'apparmor';

type Messages =
  | 'readOnlyRoot'
  | 'readOnlyRootExplain'
  | 'readOnlyVolume'
  | 'readOnlyVolumeExplain'
  | 'volumeOwnership'
  | 'volumeOwnershipExplain'
  | 'imageOwnership'
  | 'imageOwnershipExplain'
  | 'capabilities'
  | 'capabilitiesExplain'
  | 'needsRoot'
  | 'needsRootExplain'
  | 'selinux'
  | 'selinuxExplain'
  | 'apparmor'
  | 'apparmorExplain'
  | 'rootFsSet'
  | 'rootFsUnknown'
  | 'fsGroupSet'
  | 'fsGroupMissing'
  | 'hostPathNote'
  | 'onPath'
  | 'securityContext';

const MESSAGES: Record<Messages, string> = {
  readOnlyRoot: 'The root filesystem is read-only and the app writes to {{path}}',
  readOnlyRootExplain:
    'Writing {{path}} fails ({{error}}).{{rootFsNote}} No volume is mounted at {{dir}}, so the write hits the read-only image layer and the app exits. Mount an emptyDir at {{dir}} (or point the app’s temp/cache directory at a writable volume).',
  readOnlyVolume: '{{path}} is on {{type}} volume {{volume}}, which is read-only',
  readOnlyVolumeExplain:
    'The app tries to write {{path}} ({{error}}), inside {{mountPath}} where volume {{volume}} is mounted. {{type}} volumes (ConfigMap, Secret, projected, downwardAPI) and readOnly mounts cannot be written. Copy the files to an emptyDir in an init container, or make the app write elsewhere.',
  volumeOwnership: 'The container user cannot write to volume {{volume}} at {{mountPath}}',
  volumeOwnershipExplain:
    '{{error}}: {{path}} is on {{type}} volume {{volume}}, whose files belong to another user than the one the container runs as ({{user}}).{{fsGroupNote}}{{hostPathNote}}',
  imageOwnership: 'The container user cannot write {{path}}{{inImage}}',
  imageOwnershipExplain:
    '{{error}}: {{path}}{{whereNote}} belongs to another user than the container runs as ({{user}}). Mount an emptyDir there, chown it in the Dockerfile, or run as the image’s own user{{volumeNote}}.',
  capabilities: 'The entrypoint needs capabilities that the securityContext drops ({{dropped}})',
  capabilitiesExplain:
    '"{{detail}}" fails with "Operation not permitted": the container drops {{dropped}}, and its entrypoint changes file ownership or switches user at start-up (nginx, postgres and most official images do). Add back CHOWN, SETUID and SETGID (DAC_OVERRIDE/FOWNER if needed), or use an image variant that starts as non-root.',
  needsRoot:
    'The entrypoint must start as root to set up {{path}}, but the container runs as {{user}}',
  needsRootExplain:
    '"{{detail}}" fails with "Operation not permitted": only root (or the owner) may change ownership or permissions, and the container runs as {{user}}. Either let it start as root and drop privileges itself, or prepare the directory for that user (fsGroup for volumes, an image built for non-root).',
  selinux: 'SELinux denies the container {{detail}} access{{onPath}}',
  selinuxExplain:
    'The node logged an SELinux AVC denial for the container ({{detail}}). A hostPath directory needs the container_file_t label (chcon -Rt container_file_t on the node), and a volume shared between pods needs the same seLinuxOptions level.',
  apparmor: 'AppArmor profile {{profile}} denies {{detail}}{{onPath}}',
  apparmorExplain:
    'The kernel logged an AppArmor denial from profile {{profile}} ({{detail}}{{onPath}}): the profile forbids what the app does at start-up. Allow it in the profile, or run the container with the RuntimeDefault profile.',
  rootFsSet: ' The container sets readOnlyRootFilesystem: true.',
  rootFsUnknown:
    ' The path is on the image filesystem; a read-only root filesystem (readOnlyRootFilesystem: true, visible in kubectl get pod -o yaml) is the usual reason.',
  fsGroupSet:
    ' The pod sets fsGroup {{fsGroup}}, which does not make the path writable for this user.',
  fsGroupMissing:
    ' The pod sets no fsGroup, so the kubelet does not make the volume group-writable for the container.',
  hostPathNote:
    ' fsGroup does not apply to {{type}} volumes: fix the ownership of the directory itself (an init container running as root, or on the server).',
  onPath: ' on {{path}}',
  securityContext:
    'describe does not show the securityContext; the pod YAML does (runAsUser, fsGroup, readOnlyRootFilesystem, capabilities)',
};

const IDS = [
  'file-permission-denied',
  'data-dir-not-writable',
  'operation-not-permitted',
  'read-only-filesystem',
  'selinux-avc-denied',
  'apparmor-denied',
];

const READ_ONLY_TYPES = new Set(['configMap', 'secret', 'projected', 'downwardAPI']);
const NO_FSGROUP_TYPES = new Set(['hostPath', 'nfs']);

interface Hit {
  signature: Signature;
  groups: Partial<Record<Extract, string>>;
  text: string;
  rank: number;
  continued: boolean;
  cite: () => EvidenceRef | undefined;
}

export default defineDetector<Messages>({
  meta: {
    id: 'filesystem-permission-denied',
    title: 'The app may not write, chown or access a path it needs',
    category: 'permission-denied',
    severity: 'high',
    summary:
      'EACCES/EROFS/EPERM on a path, placed against the spec: read-only root filesystem, read-only volumes, volume ownership (fsGroup), image ownership, dropped capabilities, SELinux/AppArmor.',
    messages: MESSAGES,
  },
  detect(ctx) {
    const hits = collect(ctx);
    // A MAC denial (SELinux, AppArmor) explains the EACCES lines around it.
    const mac = (h: Hit): number => Number(/selinux|apparmor/.test(h.signature.id));
    const best = [...hits].sort(
      (a, b) => mac(b) - mac(a) || Number(a.continued) - Number(b.continued) || b.rank - a.rank,
    )[0];
    if (!best) return;
    const id = best.signature.id;
    const path =
      (
        best.groups.path ?? (mac(best) ? hits.find((h) => h.groups.path)?.groups.path : undefined)
      )?.replace(/\/+$/, '') || undefined;
    const mount = path?.startsWith('/') ? mountFor(ctx, path) : undefined;
    const vtype = volumeType(mount?.volume);
    const sc = specView(ctx).container?.securityContext;
    const podSc = specView(ctx).pod?.securityContext;
    const uid = sc?.runAsUser ?? podSc?.runAsUser;
    const nonRoot =
      (uid !== undefined && uid !== 0) || (sc?.runAsNonRoot ?? podSc?.runAsNonRoot) === true;
    const dropped = sc?.capabilities?.drop ?? [];
    const dropsOwnership = dropped.some((c) =>
      /^(?:CAP_)?(ALL|CHOWN|SETUID|SETGID|FOWNER|DAC_OVERRIDE)$/i.test(c),
    );
    const readOnlyMount =
      mount !== undefined &&
      (mount.mount.readOnly === true ||
        READ_ONLY_TYPES.has(vtype ?? '') ||
        mount.volume?.persistentVolumeClaim?.readOnly === true);
    const detail = best.groups.detail ?? '';
    let kind: Kind;
    if (id === 'selinux-avc-denied') kind = 'selinux';
    else if (id === 'apparmor-denied') kind = 'apparmor';
    else if (id === 'read-only-filesystem')
      kind = readOnlyMount ? 'read-only-volume' : 'read-only-root';
    else if (id === 'operation-not-permitted') {
      const switchesUser =
        /^(?:setgid|setuid|initgroups|setgroups)$/.test(detail) ||
        /gosu|su-exec|setgroups|setgid|setuid/.test(best.text);
      if (dropsOwnership && (!mount || switchesUser)) kind = 'capabilities';
      else if (mount && !READ_ONLY_TYPES.has(vtype ?? '')) kind = 'volume-ownership';
      else if (dropsOwnership) kind = 'capabilities';
      else kind = 'needs-root';
    } else if (readOnlyMount) kind = 'read-only-volume';
    else if (mount && !(mount.mount.mountPath ?? '').startsWith('/var/run/secrets'))
      kind = 'volume-ownership';
    else kind = 'image-ownership';

    const user =
      uid !== undefined
        ? `runAsUser ${uid}`
        : nonRoot
          ? 'a non-root user (runAsNonRoot)'
          : 'the image’s user';
    const fsGroup = podSc?.fsGroup;
    const dir = path ? writableDir(path) : '/tmp';
    const rootFs = sc?.readOnlyRootFilesystem;
    // Only a pasted spec says that no volume is mounted there; a log alone does not.
    const mountsKnown = specView(ctx).container !== undefined;
    const data = {
      inImage: mountsKnown ? ' in the image' : '',
      whereNote: mountsKnown
        ? ' is part of the image filesystem (no volume is mounted there) and'
        : '',
      volumeNote: mountsKnown ? '' : ' (if a volume is mounted there, set fsGroup instead)',
      path: path ?? 'a path',
      dir,
      error: (best.signature.pattern.exec(best.text)?.[0] ?? best.text).trim().slice(0, 160),
      volume: mount?.mount.name ?? '',
      mountPath: mount?.mount.mountPath ?? '',
      type: vtype ?? 'volume',
      user,
      dropped: dropped.join(', '),
      detail: detail || best.text.trim().slice(0, 80),
      profile: best.groups.key ?? '',
      onPath: path ? formatMessage(MESSAGES.onPath, { path }) : '',
      rootFsNote:
        rootFs === true ? MESSAGES.rootFsSet : rootFs === false ? '' : MESSAGES.rootFsUnknown,
      fsGroupNote:
        fsGroup !== undefined
          ? formatMessage(MESSAGES.fsGroupSet, { fsGroup })
          : structured(ctx) && !NO_FSGROUP_TYPES.has(vtype ?? '')
            ? MESSAGES.fsGroupMissing
            : '',
      hostPathNote: NO_FSGROUP_TYPES.has(vtype ?? '')
        ? formatMessage(MESSAGES.hostPathNote, { type: vtype ?? '' })
        : '',
    };
    const specEvidence: (EvidenceRef | undefined)[] = [];
    if (kind === 'read-only-root')
      specEvidence.push(specView(ctx).cite([/readOnlyRootFilesystem"?:\s*true/]));
    if (mount && kind !== 'read-only-root')
      specEvidence.push(
        specView(ctx).cite([
          `${mount.mount.mountPath ?? ''} from`,
          `"mountPath": "${mount.mount.mountPath ?? ''}"`,
          `mountPath: ${mount.mount.mountPath ?? ''}`,
        ]),
      );
    if (kind === 'volume-ownership' || kind === 'needs-root' || kind === 'image-ownership')
      specEvidence.push(specView(ctx).cite([/runAsUser"?:\s*\d/, /runAsNonRoot"?:\s*true/]));
    if (kind === 'capabilities') specEvidence.push(specView(ctx).cite([/"?drop"?:/]));
    const corroborated =
      (kind === 'read-only-root' && rootFs === true) ||
      (kind === 'read-only-volume' && readOnlyMount) ||
      (kind === 'volume-ownership' &&
        ((uid !== undefined && fsGroup === undefined) || NO_FSGROUP_TYPES.has(vtype ?? ''))) ||
      (kind === 'capabilities' && dropsOwnership) ||
      (kind === 'needs-root' && nonRoot) ||
      (kind === 'image-ownership' && nonRoot);
    const specKnown = sc !== undefined || podSc !== undefined || structured(ctx);
    const confidence = Math.min(
      0.96,
      best.signature.weight * 0.55 +
        best.rank * 0.3 +
        (corroborated ? 0.12 : 0) +
        (hits.length > 1 ? 0.02 : 0),
    );
    const ids = MESSAGE_IDS[kind];
    ctx.report({
      messageId: ids[0],
      explainId: ids[1],
      subcategory: kind,
      data,
      confidence,
      evidence: [best.cite(), ...specEvidence],
      fixes: fixesFor(ctx, kind, { path, dir, mount, uid, vtype }),
      supersedes: ['app-crash', 'invalid-config', 'missing-config', 'dependency-failure'],
      ...(best.continued ? { role: 'factor' as const } : {}),
      ...(!specKnown && kind !== 'selinux' && kind !== 'apparmor'
        ? {
            nextStep: {
              messageId: 'securityContext' as const,
              command: `kubectl get pod ${ctx.case.podName ?? 'POD'}${nsFlag(ctx)} -o jsonpath='{.spec.securityContext}{"\\n"}{.spec.containers[*].securityContext}{"\\n"}{.spec.volumes}'`,
            },
          }
        : {}),
    });
  },
});

const MESSAGE_IDS: Record<Kind, [Messages, Messages]> = {
  'read-only-root': ['readOnlyRoot', 'readOnlyRootExplain'],
  'read-only-volume': ['readOnlyVolume', 'readOnlyVolumeExplain'],
  'volume-ownership': ['volumeOwnership', 'volumeOwnershipExplain'],
  'image-ownership': ['imageOwnership', 'imageOwnershipExplain'],
  capabilities: ['capabilities', 'capabilitiesExplain'],
  'needs-root': ['needsRoot', 'needsRootExplain'],
  selinux: ['selinux', 'selinuxExplain'],
  apparmor: ['apparmor', 'apparmorExplain'],
};

function collect(ctx: CaseContext): Hit[] {
  const out: Hit[] = [];
  for (const m of matchesIn(ctx, { ids: IDS })) {
    if (!m.crashed && ctx.facts.crashLog) continue;
    out.push({
      signature: m.match.signature,
      groups: m.match.groups,
      text: m.match.text,
      rank: terminality(m),
      continued: continuedAfter(m) || /\binfo:|\bwarn(?:ing)?\b/i.test(m.match.text),
      cite: () => citeMatch(ctx, m),
    });
  }
  for (const m of statusMatches(ctx, { ids: IDS })) {
    if (m.message.kind !== 'terminated') continue;
    out.push({
      signature: m.signature,
      groups: m.groups,
      text: m.text,
      rank: 0.9,
      continued: false,
      cite: () => citeStatus(ctx, m.message, m.text.trim().slice(0, 60)),
    });
  }
  return out;
}

/** Is the spec from YAML/JSON (which shows the securityContext), not from describe (which does not)? */
function structured(ctx: CaseContext): boolean {
  const view = specView(ctx);
  if (view.from === 'workload') return true;
  const item = ctx.case.pod;
  const src = item ? ctx.bundle.sources[item.origin.source] : undefined;
  if (!item || !src) return false;
  for (let l = item.origin.from; l <= Math.min(item.origin.to, item.origin.from + 40); l++) {
    if (/^\s*"?(?:apiVersion|spec)"?\s*:/.test(src.lines[l - 1] ?? '')) return true;
  }
  return false;
}

/** The directory to make writable: the parent of the failing path (the path itself at top level). */
function writableDir(path: string): string {
  const parent = path.replace(/\/[^/]*$/, '');
  return parent === '' ? path : parent;
}

function dnsName(dir: string): string {
  const name = dir
    .replace(/^\/+/, '')
    .replace(/[^a-z0-9]+/gi, '-')
    .toLowerCase()
    .replace(/^-+|-+$/g, '')
    .slice(0, 50);
  return name ? `${name}` : 'writable';
}

function fixesFor(
  ctx: CaseContext,
  kind: Kind,
  o: {
    path: string | undefined;
    dir: string;
    mount: ReturnType<typeof mountFor>;
    uid: number | undefined;
    vtype: string | undefined;
  },
): Fix[] {
  const target = targetRef(ctx);
  const ns = nsFlag(ctx);
  const name = ctx.case.container || specView(ctx).container?.name || 'CONTAINER';
  const listKey = ctx.case.init ? 'initContainers' : 'containers';
  const strategic = (spec: object): string =>
    `kubectl patch ${target}${ns} -p ${shq(JSON.stringify({ spec: { template: { spec } } }))}`;
  const emptyDir = (dir: string): Fix => ({
    title: `Mount a writable emptyDir at ${dir}`,
    commands: [
      strategic({
        volumes: [{ name: dnsName(dir), emptyDir: {} }],
        [listKey]: [{ name, volumeMounts: [{ name: dnsName(dir), mountPath: dir }] }],
      }),
    ],
    risk: 'low',
  });
  const gid = o.uid !== undefined && o.uid !== 0 ? o.uid : '<gid>';
  switch (kind) {
    case 'read-only-root':
      return [emptyDir(o.dir)];
    case 'read-only-volume':
      return [
        {
          title: `Write somewhere writable instead of ${o.mount?.mount.mountPath ?? 'the read-only volume'} (copy the files to an emptyDir in an init container if the app must modify them)`,
          commands: [`kubectl get ${target}${ns} -o jsonpath='{${podSpecPath(ctx)}.volumes}'`],
          risk: 'low',
        },
      ];
    case 'volume-ownership': {
      const mp = o.mount?.mount.mountPath ?? o.dir;
      const fixes: Fix[] = [];
      if (o.path && /postgres|pgdata/i.test(o.path)) {
        fixes.push({
          title:
            'Let postgres create its data directory itself: point PGDATA at a subdirectory of the volume',
          commands: [
            `kubectl set env ${target}${ns} -c ${name} PGDATA=${mp.replace(/\/+$/, '')}/pgdata`,
          ],
          risk: 'low',
        });
      }
      if (NO_FSGROUP_TYPES.has(o.vtype ?? '')) {
        fixes.push({
          title: `Give ${mp} to the container user with a root init container (fsGroup does not apply to ${o.vtype ?? 'this volume'})`,
          commands: [
            strategic({
              initContainers: [
                {
                  name: 'fix-permissions',
                  image: 'busybox:1.36',
                  command: ['sh', '-c', `chown -R ${o.uid ?? '<uid>'}:${gid} ${mp}`],
                  securityContext: { runAsUser: 0 },
                  volumeMounts: [{ name: o.mount?.mount.name ?? 'VOLUME', mountPath: mp }],
                },
              ],
            }),
          ],
          risk: 'medium',
        });
      } else {
        fixes.push({
          title: `Set fsGroup so the kubelet makes volume ${o.mount?.mount.name ?? ''} writable for the container's group`,
          commands: [
            strategic({
              securityContext: { fsGroup: gid, fsGroupChangePolicy: 'OnRootMismatch' },
            }).replaceAll('"<gid>"', '<gid>'),
          ],
          risk: 'low',
        });
      }
      return fixes;
    }
    case 'image-ownership':
      return [emptyDir(o.path && !/\.\w{1,5}$/.test(o.path) ? o.path : o.dir)];
    case 'capabilities':
      return [
        {
          title: 'Add back the capabilities the entrypoint needs to set up and drop privileges',
          commands: [
            strategic({
              [listKey]: [
                {
                  name,
                  securityContext: {
                    capabilities: {
                      drop: ['ALL'],
                      add: [
                        'CHOWN',
                        'SETUID',
                        'SETGID',
                        ...((specView(ctx).container?.ports ?? []).some(
                          (p) => (p.containerPort ?? 1024) < 1024,
                        )
                          ? ['NET_BIND_SERVICE']
                          : []),
                      ],
                    },
                  },
                },
              ],
            }),
          ],
          risk: 'medium',
        },
      ];
    case 'needs-root': {
      const where =
        specView(ctx).container?.securityContext?.runAsUser !== undefined
          ? `${containerPath(ctx)}/securityContext/runAsUser`
          : '/spec/template/spec/securityContext/runAsUser';
      return [
        {
          title:
            'Let the entrypoint start as root (it drops to its own user after setting up), or use the image’s non-root variant',
          commands: [
            `kubectl patch ${target}${ns} --type json -p ${shq(JSON.stringify([{ op: 'remove', path: where }]))}`,
          ],
          risk: 'medium',
        },
      ];
    }
    case 'selinux':
      return [
        {
          title: 'Label the host directory for containers (on the node), then restart the pod',
          commands: [
            `ausearch -m avc -ts recent`,
            `chcon -Rt container_file_t ${o.mount?.volume?.hostPath?.path ?? o.path ?? '<host-dir>'}`,
          ],
          risk: 'medium',
        },
      ];
    case 'apparmor':
      return [
        {
          title:
            'Run the container with the RuntimeDefault AppArmor profile (or allow the operation in the custom profile)',
          commands: [
            strategic({
              [listKey]: [
                { name, securityContext: { appArmorProfile: { type: 'RuntimeDefault' } } },
              ],
            }),
          ],
          risk: 'medium',
        },
      ];
  }
}
