/**
 * image-arch-mismatch: the kernel refuses to execute the entrypoint ("exec format error", in any
 * of the runc, tini, shell or Python forms): the binary was built for another CPU architecture
 * than the node's. The node's architecture (Node status or labels, `get nodes -L
 * kubernetes.io/arch`, well-known arm64 instance types), the architecture in the image name or in
 * a pasted `imagetools inspect`, and a pinned nodeSelector make it certain. A script without a
 * #! line gives the same error: when the architectures are known to agree and the entrypoint is
 * a script, that is reported instead (bad-command).
 */
import { escapeRegExp } from '../regexp.js';
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { Item, Node } from '../evidence/types.js';
import { defineDetector, formatMessage } from './define.js';
import {
  citeMatch,
  citeStatus,
  containerPath,
  matchesIn,
  nsFlag,
  shq,
  statusMatches,
  targetRef,
  terminality,
  workloadRef,
  specView,
} from './_shared.js';

type Messages =
  | 'mismatch'
  | 'mismatchExplain'
  | 'nodeOnly'
  | 'nodeOnlyExplain'
  | 'unknown'
  | 'unknownExplain'
  | 'bundled'
  | 'bundledExplain'
  | 'checkElf'
  | 'script'
  | 'scriptExplain'
  | 'imageNote'
  | 'multiArchNote'
  | 'checkArch'
  | 'sameArch';

const MESSAGES: Record<Messages, string> = {
  mismatch:
    'The image is built for {{imageArch}} but node {{node}} is {{nodeArch}}: exec format error',
  mismatchExplain:
    'The kernel cannot execute {{path}}: the image ({{imageArchSource}}) contains {{imageArch}} binaries and node {{node}} is {{nodeArch}}. The container exits at once every time it starts. Rebuild the image for {{nodeArch}} (or as a multi-architecture image).',
  nodeOnly: 'The image is not built for the {{nodeArch}} node {{node}}: exec format error',
  nodeOnlyExplain:
    'The kernel cannot execute {{path}} on node {{node}} ({{nodeArch}}): the image was built for another CPU architecture (typically amd64 images on arm64/Graviton nodes, or an image built on an Apple Silicon Mac for amd64 nodes).{{imageNote}} The container exits at once every time it starts.',
  unknown: '{{path}} is built for another CPU architecture: exec format error',
  bundled: 'A binary inside the image, {{path}}, is built for another CPU architecture{{onNode}}',
  bundledExplain:
    'The container starts (its interpreter runs and logs), but executing {{path}} fails with "exec format error": that one binary was copied or downloaded into the image for another architecture than the node{{onNode}}. Fetch it per target architecture in the Dockerfile (TARGETARCH) and rebuild.',
  checkElf: 'Read the ELF machine type of the binary (3e 00 = x86-64, b7 00 = aarch64)',
  unknownExplain:
    'The kernel refuses to execute {{path}} ("exec format error"): the binary was built for another CPU architecture than the node it runs on.{{imageNote}} If {{path}} is a script, a missing #! first line gives the same error.',
  script: 'The entrypoint script {{path}} has no #! line: exec format error',
  scriptExplain:
    'The kernel refuses to execute {{path}} ("exec format error") although the image and the node are both {{nodeArch}}: a script without a #! interpreter line (or with text before it) cannot be executed directly. Add "#!/bin/sh" as its first line, or run it through its interpreter.',
  imageNote: ' The image itself is published for {{imageArch}} ({{imageArchSource}}).',
  multiArchNote:
    ' The image index lists several platforms ({{platforms}}), so a single binary copied into it for one architecture is the likely culprit.',
  checkArch: 'Compare the architectures the image is published for with the nodes',
  sameArch: 'the image ({{imageArch}}) and node {{node}} ({{nodeArch}}) have the same architecture',
};

/** Normalized architecture words as they appear in image names, labels and uname. */
const ARCH_TOKEN =
  /(?:^|[-_./:@\s])(amd64|x86_64|x86-64|x64|arm64|arm64v8|aarch64|armv7l?|arm32v7|armhf|arm|ppc64le|s390x)(?=$|[-_./:@\s,])/i;

function normArch(word: string): string {
  const w = word.toLowerCase();
  if (w === 'x86_64' || w === 'x86-64' || w === 'x64') return 'amd64';
  if (w === 'aarch64' || w === 'arm64v8') return 'arm64';
  if (w.startsWith('armv7') || w === 'arm32v7' || w === 'armhf') return 'arm';
  return w;
}

/** AWS Graviton (m6g, c7gn, t4g...), GCP Tau T2A/Axion C4A, Azure Dpsv5-style sizes: arm64. */
const ARM_INSTANCE =
  /^(?:[a-z]{1,3}\d{1,2}g[a-z]{0,3}\.|t2a-|c4a-|standard_[a-z]{1,3}\d{1,3}p[a-z]{0,4}_v\d)/i;

/** Node or pool names that say ARM: `graviton-pool`, `aks-armpool-…`, `arm64-nodes`, `rpi4-node-2`. */
const ARM_NAME =
  /(?:^|[-._])(?:arm64|aarch64|graviton\d?|arm(?:pool|np|nodes?)?|rpi\d?|raspberry(?:pi)?)(?:$|[-._\d])/i;

interface ArchFact {
  arch: string;
  source: string;
  /** The node it was read from, when it is a node fact. */
  name?: string;
  cite: EvidenceRef | undefined;
}

export default defineDetector<Messages>({
  meta: {
    id: 'exec-format-error',
    title: 'The image is built for another CPU architecture (exec format error)',
    category: 'image-arch-mismatch',
    severity: 'high',
    summary:
      '"exec format error" in logs, status or events, with the node architecture (Node, labels, instance type) and the image architecture (name, imagetools output).',
    messages: MESSAGES,
  },
  detect(ctx) {
    const status = statusMatches(ctx, { ids: ['exec-format-error'] });
    const logs = matchesIn(ctx, { ids: ['exec-format-error'] }).filter(
      (m) => m.crashed || !ctx.facts.crashLog,
    );
    if (status.length === 0 && logs.length === 0) return;
    const log = [...logs].sort((a, b) => terminality(b) - terminality(a))[0];
    const first = status[0];
    const path =
      first?.groups.path ??
      log?.match.groups.path ??
      specView(ctx).container?.command?.[0] ??
      'the entrypoint';
    const hitRef = first
      ? citeStatus(ctx, first.message, 'exec format error')
      : log
        ? citeMatch(ctx, log)
        : undefined;
    const node = nodeArch(ctx);
    const image = imageArch(ctx);
    const platforms = imagePlatforms(ctx);
    const nodeName = specView(ctx).pod?.nodeName ?? node?.name ?? 'the node';
    const script = /\.(?:sh|bash|py|rb|pl)$|entrypoint|(?:^|\/)run$|start$/i.test(path);
    const imageKnown = image ?? (platforms.length === 1 ? platforms[0] : undefined);
    const base = {
      path,
      node: nodeName,
      nodeArch: node?.arch ?? '',
      imageArch: imageKnown?.arch ?? '',
      imageArchSource: imageKnown?.source ?? '',
      imageNote: imageKnown
        ? formatMessage(MESSAGES.imageNote, {
            imageArch: imageKnown.arch,
            imageArchSource: imageKnown.source,
          })
        : platforms.length > 1
          ? formatMessage(MESSAGES.multiArchNote, {
              platforms: platforms.map((p) => p.arch).join(', '),
            })
          : '',
    };
    const evidence: (EvidenceRef | undefined)[] = [
      hitRef,
      node?.cite,
      imageKnown?.cite,
      ctx.cite.pod(['Exit Code:', '"exitCode"', 'exitCode:']),
    ];
    const sameArch = node && imageKnown && node.arch === imageKnown.arch;
    if (sameArch || (platforms.length > 1 && node && platforms.some((p) => p.arch === node.arch))) {
      ctx.ruleOut({
        category: 'image-arch-mismatch',
        messageId: 'sameArch',
        data: { imageArch: imageKnown?.arch ?? node.arch, node: nodeName, nodeArch: node.arch },
        evidence: [
          node.cite,
          imageKnown?.cite ?? platforms.find((p) => p.arch === node.arch)?.cite,
        ],
      });
      ctx.report({
        messageId: 'script',
        explainId: 'scriptExplain',
        category: 'bad-command',
        subcategory: 'missing-shebang',
        data: base,
        confidence: script ? 0.8 : 0.6,
        evidence,
        fixes: [
          {
            title: `Add a #! line (e.g. #!/bin/sh) as the first line of ${path}, or run it through its interpreter`,
            commands: [
              `kubectl patch ${targetRef(ctx)}${nsFlag(ctx)} --type json -p ${shq(JSON.stringify([{ op: 'replace', path: `${containerPath(ctx)}/command`, value: ['sh', path] }]))}`,
            ],
            risk: 'low',
          },
        ],
        supersedes: ['app-crash', 'exits-immediately'],
      });
      return;
    }
    const bundled =
      !first &&
      log !== undefined &&
      (/Errno 8|cannot execute binary file/.test(log.match.text) || log.position >= 2) &&
      path !== specView(ctx).container?.command?.[0];
    if (bundled) {
      ctx.report({
        messageId: 'bundled',
        explainId: 'bundledExplain',
        subcategory: 'bundled-binary',
        data: { path, onNode: node ? ` (${node.arch})` : '' },
        confidence: node ? 0.88 : 0.82,
        evidence,
        fixes: [
          {
            title: `Download or build ${path} for each target architecture (TARGETARCH) and rebuild the image`,
            commands: [
              `docker buildx build --platform linux/amd64,linux/arm64 -t ${imageRef(ctx).replace(/@sha256:.*$/, '')} --push .`,
            ],
            risk: 'low',
          },
        ],
        supersedes: [
          'bad-command',
          'app-crash',
          'exits-immediately',
          'node-problem',
          'dependency-failure',
        ],
        nextStep: {
          messageId: 'checkElf',
          command: `kubectl run arch-check${nsFlag(ctx)} --rm -it --restart=Never --image=${imageRef(ctx)} --command -- sh -c ${shq(`uname -m; od -An -tx1 -j18 -N2 ${path}`)}`,
        },
      });
      return;
    }
    const mismatch = node && imageKnown && node.arch !== imageKnown.arch;
    const ids: [Messages, Messages] = mismatch
      ? ['mismatch', 'mismatchExplain']
      : node
        ? ['nodeOnly', 'nodeOnlyExplain']
        : ['unknown', 'unknownExplain'];
    const confidence = mismatch ? 0.97 : node ? 0.9 : script && !imageKnown ? 0.7 : 0.85;
    ctx.report({
      messageId: ids[0],
      explainId: ids[1],
      subcategory: mismatch ? `${imageKnown.arch}-on-${node.arch}` : 'exec-format-error',
      data: base,
      confidence,
      evidence,
      fixes: archFixes(ctx, node?.arch, imageKnown?.arch),
      supersedes: ['bad-command', 'app-crash', 'exits-immediately', 'node-problem'],
      ...(node && imageKnown
        ? {}
        : {
            nextStep: {
              messageId: 'checkArch' as const,
              command: `docker buildx imagetools inspect ${imageRef(ctx)}; kubectl get nodes -L kubernetes.io/arch`,
            },
          }),
    });
  },
});

/** The node's architecture from the Node object, its labels, its instance type or its row. */
function nodeArch(ctx: CaseContext): ArchFact | undefined {
  const spec = specView(ctx).pod;
  const name = spec?.nodeName;
  const node = name ? ctx.index.node(name) : undefined;
  if (node) {
    const fact = archOfNode(ctx, node);
    if (fact) return fact;
  }
  const pinned =
    spec?.nodeSelector?.['kubernetes.io/arch'] ?? spec?.nodeSelector?.['beta.kubernetes.io/arch'];
  if (pinned)
    return {
      arch: normArch(pinned),
      source: 'nodeSelector',
      cite: specView(ctx).cite(['kubernetes.io/arch']),
    };
  if (name && ARM_NAME.test(name)) {
    return {
      arch: /rpi|raspberry/i.test(name) ? 'arm' : 'arm64',
      source: 'node name',
      cite: specView(ctx).cite([
        new RegExp(`^\\s*Node:\\s+${escapeRegExp(name)}`),
        `"nodeName": "${name}"`,
        `nodeName: ${name}`,
        name,
      ]),
    };
  }
  const pool = Object.entries(spec?.nodeSelector ?? {}).find(([, v]) => ARM_NAME.test(v));
  if (pool)
    return {
      arch: 'arm64',
      source: `nodeSelector ${pool[0]}=${pool[1]}`,
      cite: specView(ctx).cite([
        `${pool[0]}=${pool[1]}`,
        `"${pool[0]}": "${pool[1]}"`,
        `${pool[0]}: ${pool[1]}`,
      ]),
    };
  // The app may log its own platform (`linux-aarch64`, `linux/amd64`).
  for (const { log, entry } of ctx.facts.logEntries.slice(0, 200)) {
    const m = /\blinux[-/_](aarch64|arm64|x86_64|amd64)\b/.exec(entry.text);
    if (m?.[1])
      return {
        arch: normArch(m[1]),
        source: 'the app’s platform',
        cite: ctx.cite.log(log, entry, m[0]),
      };
  }
  // Every node in the paste has the same architecture: the pod runs on one of them.
  const all = realNodes(ctx)
    .map((n) => archOfNode(ctx, n))
    .filter((a): a is ArchFact => a !== undefined);
  const archs = new Set(all.map((a) => a.arch));
  if (all.length > 0 && archs.size === 1) return all[0];
  return undefined;
}

/** Node items with a real node name (a table parser may take stray lines for nodes). */
function realNodes(ctx: CaseContext): Item<Node>[] {
  return ctx.index
    .all('Node')
    .filter((n) => /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/.test(n.object.metadata.name ?? ''));
}

function archOfNode(ctx: CaseContext, node: Item<Node>): ArchFact | undefined {
  const n = node.object;
  const label =
    n.metadata.labels?.['kubernetes.io/arch'] ?? n.metadata.labels?.['beta.kubernetes.io/arch'];
  const info = n.status?.nodeInfo?.architecture;
  if (info)
    return {
      arch: normArch(info),
      source: `node ${n.metadata.name ?? ''}`.trim(),
      ...(n.metadata.name ? { name: n.metadata.name } : {}),
      cite: ctx.cite.item(node, [/Architecture:\s/, '"architecture"', 'architecture:']),
    };
  if (label)
    return {
      arch: normArch(label),
      source: `node ${n.metadata.name ?? ''}`.trim(),
      ...(n.metadata.name ? { name: n.metadata.name } : {}),
      cite: ctx.cite.item(node, [/(?:^|[\s,])kubernetes\.io\/arch[=:]/, 'kubernetes.io/arch']),
    };
  const type =
    n.metadata.labels?.['node.kubernetes.io/instance-type'] ??
    n.metadata.labels?.['beta.kubernetes.io/instance-type'];
  if (type && ARM_INSTANCE.test(type))
    return {
      arch: 'arm64',
      source: `instance type ${type}`,
      cite: ctx.cite.item(node, [type]),
    };
  // A `get nodes` row: an ARCH column (-L kubernetes.io/arch) or a kernel like `...aarch64`.
  const src = ctx.bundle.sources[node.origin.source];
  for (let l = node.origin.from; l <= node.origin.to && src; l++) {
    const text = src.lines[l - 1] ?? '';
    const m = ARCH_TOKEN.exec(text.replace(/^\S+/, ''));
    if (m?.[1] && !/^arm$/i.test(m[1]))
      return {
        arch: normArch(m[1]),
        source: `node ${n.metadata.name ?? ''}`.trim(),
        ...(n.metadata.name ? { name: n.metadata.name } : {}),
        cite: ctx.cite.item(node, [m[1]]),
      };
  }
  return undefined;
}

/** An architecture written into the image reference (`app:1.2-arm64`, `kuard-amd64:blue`). */
function imageArch(ctx: CaseContext): ArchFact | undefined {
  const image = specView(ctx).container?.image ?? ctx.case.status?.image;
  if (!image) return undefined;
  const m = ARCH_TOKEN.exec(image.replace(/@sha256:.*$/, ''));
  if (!m?.[1] || /^arm$/i.test(m[1])) return undefined;
  return {
    arch: normArch(m[1]),
    source: image,
    cite: specView(ctx).cite([image]),
  };
}

/** Platforms of a pasted `docker buildx imagetools inspect` / `docker image inspect`. */
function imagePlatforms(ctx: CaseContext): ArchFact[] {
  const out: ArchFact[] = [];
  const seen = new Set<string>();
  for (const src of ctx.bundle.sources) {
    const n = Math.min(src.lines.length, 20_000);
    for (let l = 1; l <= n; l++) {
      const text = src.lines[l - 1] ?? '';
      if (!text.includes('Platform:') && !text.includes('"Architecture"')) continue;
      const m =
        /^\s*Platform:\s+linux\/([\w/]+)/.exec(text) ?? /"Architecture":\s*"(\w+)"/.exec(text);
      if (!m?.[1] || /unknown/.test(m[1])) continue;
      const arch = normArch(m[1].split('/')[0] ?? m[1]);
      if (seen.has(arch)) continue;
      seen.add(arch);
      out.push({
        arch,
        source: `manifest ${m[1]}`,
        cite: { source: src.name, line: l, excerpt: text.trim() },
      });
    }
  }
  return out;
}

function archFixes(
  ctx: CaseContext,
  nodeArch: string | undefined,
  imageArch: string | undefined,
): Fix[] {
  const repo = imageRef(ctx).replace(/@sha256:.*$/, '');
  const platforms = [...new Set([nodeArch ?? 'amd64', 'amd64', 'arm64'])]
    .filter((a) => a !== 'arm')
    .map((a) => `linux/${a}`)
    .join(',');
  const fixes: Fix[] = [
    {
      title: `Publish the image for the nodes' architecture${nodeArch ? ` (${nodeArch})` : ''}: a multi-arch image`,
      commands: [
        `docker buildx build --platform ${platforms} -t ${repo} --push .`,
        `docker buildx imagetools inspect ${repo}`,
      ],
      risk: 'low',
    },
  ];
  // Pinning only helps when nodes of the image's architecture exist (or may exist).
  const known = new Set(
    realNodes(ctx)
      .map((n) => archOfNode(ctx, n)?.arch)
      .filter((a): a is string => a !== undefined),
  );
  const pin =
    imageArch ??
    [...known].find((a) => a !== nodeArch) ??
    (nodeArch === 'arm64' ? 'amd64' : undefined);
  const workload = workloadRef(ctx) ?? deploymentFromPodName(ctx.case.podName);
  if (workload && pin && pin !== nodeArch && (known.size === 0 || known.has(pin) || !imageArch)) {
    // Drop selectors that keep the pod on the other architecture's pool (null deletes a key).
    const selector: Record<string, string | null> = {};
    for (const [k, v] of Object.entries(specView(ctx).pod?.nodeSelector ?? {}))
      if (k !== 'kubernetes.io/arch' && ARM_NAME.test(v) && pin !== 'arm64') selector[k] = null;
    selector['kubernetes.io/arch'] = pin;
    fixes.push({
      title: `Until then, keep the pods on ${pin} nodes`,
      commands: [
        `kubectl get nodes -L kubernetes.io/arch`,
        `kubectl patch ${workload}${nsFlag(ctx)} -p ${shq(JSON.stringify({ spec: { template: { spec: { nodeSelector: selector } } } }))}`,
      ],
      risk: 'medium',
    });
  }
  return fixes;
}

/** The image: from the spec or status, else the one a pasted `imagetools inspect` names. */
function imageRef(ctx: CaseContext): string {
  const fromSpec = specView(ctx).container?.image ?? ctx.case.status?.image;
  if (fromSpec) return fromSpec;
  for (const src of ctx.bundle.sources) {
    for (const line of src.lines.slice(0, 20_000)) {
      const m = /imagetools inspect (\S+)/.exec(line);
      if (m?.[1]) return m[1];
    }
  }
  return 'IMAGE';
}

/** `ledger-api-5f7d9c8b6d-2xkqp` is a pod of Deployment `ledger-api` (ReplicaSet hash + suffix). */
function deploymentFromPodName(name: string | undefined): string | undefined {
  const m = /^(.+)-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/.exec(
    name ?? '',
  );
  return m?.[1] ? `deployment/${m[1]}` : undefined;
}
