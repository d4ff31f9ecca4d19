/**
 * volume-mount, not a mount failure: the volume mounts fine but in the wrong place. A volume
 * mounted over the directory where the image keeps the application (an emptyDir, a PVC or a
 * ConfigMap at /app) hides the image's files, so the interpreter cannot find the script or module
 * it is told to run ("Cannot find module '/app/server.js'", "can't open file '/app/main.py'").
 * The same message with no volume at that path is a wrong command (command-not-runnable, which
 * this finding supersedes). Also: a database pointed at the volume's mount point itself, which
 * holds lost+found, refuses to initialise.
 */
import { escapeRegExp } from '../regexp.js';
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { VolumeMount } from '../evidence/types.js';
import { defineDetector, type DetectorContext } from './define.js';
import {
  citeMatch,
  citeStatus,
  containerPath,
  matchesIn,
  mountFor,
  nsFlag,
  shq,
  statusMatches,
  targetRef,
  volumeType,
  specView,
} from './_shared.js';

type Messages = 'hides' | 'hidesExplain' | 'mountPoint' | 'mountPointExplain';

const MISSING_PATH_IDS = ['exec-not-found', 'script-not-found'];

export default defineDetector<Messages>({
  meta: {
    id: 'mount-hides-app-files',
    title: 'A volume is mounted over files the app needs',
    category: 'volume-mount',
    severity: 'high',
    summary:
      'A missing script/module/command whose path lies under a volume mountPath (the mount hides the image files), or a database data directory that is a mount point (lost+found).',
    messages: {
      hides: 'Volume {{volume}} is mounted over {{mountPath}}, hiding the image’s {{path}}',
      hidesExplain:
        'The container mounts {{type}} volume {{volume}} at {{mountPath}}, where the image keeps the application. A mount replaces the directory’s content, so {{path}} is not there and the process fails ({{error}}). Mount the volume at another path (or only the files it must provide, with subPath).',
      mountPoint: 'The data directory {{path}} is the mount point of volume {{volume}}',
      mountPointExplain:
        'The database refuses to initialise {{path}} because it is not empty: it is the root of volume {{volume}}, where the filesystem keeps lost+found. Point the data directory at a subdirectory of the volume (PGDATA for postgres), or mount the volume with a subPath.',
    },
  },
  detect(ctx) {
    if (mountPoint(ctx)) return;
    const candidates: { path: string; cite: () => EvidenceRef | undefined; text: string }[] = [];
    for (const m of statusMatches(ctx, { ids: MISSING_PATH_IDS })) {
      const p = m.groups.path;
      if (p?.startsWith('/'))
        candidates.push({ path: p, cite: () => citeStatus(ctx, m.message, p), text: m.text });
    }
    for (const m of matchesIn(ctx, { ids: MISSING_PATH_IDS })) {
      if (!m.crashed && ctx.facts.crashLog) continue;
      const p = m.match.groups.path;
      if (p?.startsWith('/'))
        candidates.push({ path: p, cite: () => citeMatch(ctx, m), text: m.match.text });
    }
    for (const c of candidates) {
      const mount = mountFor(ctx, c.path);
      if (!mount || !hidesImage(ctx, mount.mount, c.path)) continue;
      const type = volumeType(mount.volume) ?? 'volume';
      const mp = mount.mount.mountPath ?? '';
      ctx.report({
        messageId: 'hides',
        explainId: 'hidesExplain',
        subcategory: 'mount-hides-image-files',
        data: {
          volume: mount.mount.name ?? '',
          mountPath: mp,
          path: c.path,
          type,
          error: c.text.trim().slice(0, 160),
        },
        confidence: type === 'emptyDir' ? 0.92 : 0.88,
        evidence: [
          c.cite(),
          specView(ctx).cite([`${mp} from`, `"mountPath": "${mp}"`, `mountPath: ${mp}`]),
          mount.volume
            ? specView(ctx).cite([
                new RegExp(`^\\s*${escapeRegExp(mount.mount.name ?? '')}:\\s*$`),
                `"name": "${mount.mount.name ?? ''}"`,
              ])
            : undefined,
        ],
        fixes: moveFixes(ctx, mount.mount, type),
        supersedes: ['bad-command', 'app-crash', 'missing-config', 'exits-immediately'],
      });
      return;
    }
  },
});

/** Does this mount hide image content at `path` (rather than being the place the file should be)? */
function hidesImage(ctx: CaseContext, mount: VolumeMount, path: string): boolean {
  const mp = mount.mountPath ?? '';
  if (mp.startsWith('/var/run/secrets') || mp === '/dev/termination-log') return false;
  const vol = specView(ctx).pod?.volumes?.find((v) => v.name === mount.name);
  const type = volumeType(vol);
  if (type === 'projected' || type === 'downwardAPI') return false;
  if (mount.subPath) return false;
  if (type === 'configMap' || type === 'secret') {
    // A ConfigMap that has the file as a key is the intended source, not a hiding mount.
    const name = vol?.configMap?.name ?? vol?.secret?.secretName;
    const key = path.slice(mp.length).replace(/^\/+/, '').split('/')[0] ?? '';
    const keys =
      type === 'configMap'
        ? Object.keys(ctx.index.configMap(name, ctx.case.namespace)?.object.data ?? {})
        : (ctx.index.secret(name, ctx.case.namespace)?.object.keys ?? []);
    if (keys.includes(key)) return false;
  }
  return true;
}

/** The lost+found case: returns true when it reported. */
function mountPoint(ctx: DetectorContext<Messages>): boolean {
  const hit = matchesIn(ctx, { ids: ['data-dir-is-mount-point'] }).find(
    (m) => m.crashed || !ctx.facts.crashLog,
  );
  if (!hit) return false;
  let dir: string | undefined;
  for (const { entry } of ctx.facts.logEntries) {
    const m = /directory "(\/[^"]{1,200})" exists but is not empty/.exec(entry.text);
    if (m?.[1]) {
      dir = m[1];
      break;
    }
  }
  dir ??= ctx.facts.env.get('PGDATA')?.value;
  const mount = dir
    ? (specView(ctx).container?.volumeMounts ?? []).find(
        (m) => (m.mountPath ?? '').replace(/\/+$/, '') === dir?.replace(/\/+$/, ''),
      )
    : (specView(ctx).container?.volumeMounts ?? []).find(
        (m) => !(m.mountPath ?? '').startsWith('/var/run/secrets'),
      );
  const path = dir ?? mount?.mountPath ?? 'the data directory';
  const postgres = /postgres/i.test(`${specView(ctx).container?.image ?? ''} ${path}`);
  const fixes: Fix[] = [];
  const mounts = specView(ctx).container?.volumeMounts ?? [];
  const i = mount ? mounts.indexOf(mount) : -1;
  if (postgres)
    fixes.push({
      title: 'Keep the volume where it is and point PGDATA at a subdirectory of it',
      commands: [
        `kubectl set env ${targetRef(ctx)}${nsFlag(ctx)}${ctx.case.container ? ` -c ${ctx.case.container}` : ''} PGDATA=${path.replace(/\/+$/, '')}/pgdata`,
      ],
      risk: 'low',
    });
  if (i >= 0)
    fixes.push({
      title: `Or mount a subdirectory of the volume (subPath) at ${path}`,
      commands: [
        `kubectl patch ${targetRef(ctx)}${nsFlag(ctx)} --type json -p ${shq(JSON.stringify([{ op: 'add', path: `${containerPath(ctx)}/volumeMounts/${i}/subPath`, value: 'data' }]))}`,
      ],
      risk: 'medium',
    });
  ctx.report({
    messageId: 'mountPoint',
    explainId: 'mountPointExplain',
    subcategory: 'mount-point-not-empty',
    data: { path, volume: mount?.name ?? 'the volume' },
    confidence: mount ? 0.93 : 0.85,
    evidence: [
      citeMatch(ctx, hit),
      mount
        ? specView(ctx).cite([
            `${mount.mountPath ?? ''} from`,
            `"mountPath": "${mount.mountPath ?? ''}"`,
            `mountPath: ${mount.mountPath ?? ''}`,
          ])
        : undefined,
    ],
    fixes,
    supersedes: ['app-crash', 'invalid-config', 'missing-config', 'permission-denied'],
  });
  return true;
}

function moveFixes(ctx: CaseContext, mount: VolumeMount, type: string): Fix[] {
  const mounts = specView(ctx).container?.volumeMounts ?? [];
  const i = mounts.indexOf(mount);
  const mp = (mount.mountPath ?? '').replace(/\/+$/, '');
  const base = containerPath(ctx);
  const fixes: Fix[] = [];
  if ((type === 'configMap' || type === 'secret') && i >= 0) {
    const vol = specView(ctx).pod?.volumes?.find((v) => v.name === mount.name);
    const keys =
      type === 'configMap'
        ? Object.keys(
            ctx.index.configMap(vol?.configMap?.name, ctx.case.namespace)?.object.data ?? {},
          )
        : (ctx.index.secret(vol?.secret?.secretName, ctx.case.namespace)?.object.keys ?? []);
    if (keys.length > 0 && keys.length <= 10) {
      const ops = [
        { op: 'remove', path: `${base}/volumeMounts/${i}` },
        ...keys.map((k) => ({
          op: 'add',
          path: `${base}/volumeMounts/-`,
          value: { name: mount.name, mountPath: `${mp}/${k}`, subPath: k },
        })),
      ];
      fixes.push({
        title: `Mount only the ${type === 'configMap' ? 'ConfigMap' : 'Secret'} keys (${keys.join(', ')}) into ${mp} with subPath, leaving the image’s files visible`,
        commands: [
          `kubectl patch ${targetRef(ctx)}${nsFlag(ctx)} --type json -p ${shq(JSON.stringify(ops))}`,
        ],
        risk: 'low',
      });
    }
  }
  if (i >= 0)
    fixes.push({
      title: `Mount volume ${mount.name ?? ''} at its own directory instead of ${mp}`,
      commands: [
        `kubectl patch ${targetRef(ctx)}${nsFlag(ctx)} --type json -p ${shq(JSON.stringify([{ op: 'replace', path: `${base}/volumeMounts/${i}/mountPath`, value: `${mp}/<subdir>` }]))}`,
      ],
      risk: 'medium',
    });
  return fixes;
}
