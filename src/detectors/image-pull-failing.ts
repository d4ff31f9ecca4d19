/**
 * image-pull: the kubelet cannot pull the container's image (ErrImagePull, ImagePullBackOff,
 * InvalidImageName, ErrImageNeverPull). The registry's answer, quoted by the kubelet in its
 * `Failed to pull image` event (or in the waiting message), says why, and each reason has its
 * own fix: a tag or repository that does not exist, credentials the registry refuses (checked
 * against the pod's imagePullSecrets and its service account when the paste shows them), a rate
 * limit, a registry the node cannot reach or does not trust, no build for the node's platform,
 * an image string that is not a reference at all or a template placeholder never filled in.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import type { Item, KEvent, Pod } from '../evidence/types.js';
import { defaultScanner } from '../signatures/index.js';
import { containerPath, describeCommand, nsFlag, shq, workloadTarget } from './_shared.js';
import { defineDetector } from './define.js';

type Messages =
  | 'notFound'
  | 'notFoundExplain'
  | 'auth'
  | 'authExplain'
  | 'rateLimit'
  | 'rateLimitExplain'
  | 'unreachable'
  | 'unreachableExplain'
  | 'tls'
  | 'tlsExplain'
  | 'platform'
  | 'platformExplain'
  | 'invalidName'
  | 'invalidNameExplain'
  | 'placeholder'
  | 'placeholderExplain'
  | 'neverPull'
  | 'neverPullExplain'
  | 'unknown'
  | 'unknownExplain'
  | 'decide';

const PULL_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
]);

/** Image strings nobody meant to deploy: unrendered templates and copy-paste placeholders. */
const PLACEHOLDER =
  /<[^<>\s]*>|\$\{[^}]*\}|\$\([^)]*\)|\{\{[^}]*\}\}|__[A-Z][A-Z0-9_]*__|%[A-Z][A-Z0-9_]*%|CHANGE[-_]?ME|REPLACE[-_]?ME|\bTODO\b|\byour[-_](?:image|registry|repo|app|org)\b|\bIMAGE_(?:NAME|TAG|URL)\b|\bPLACEHOLDER\b|^(?:IMAGE|image)(?::latest)?$|:(?:TAG|tag|VERSION)$/;

/** Subcategories in the order a reason wins when several match (most specific first). */
const ORDER = [
  'never-pull',
  'invalid-name',
  'platform',
  'rate-limit',
  'auth',
  'tls',
  'unreachable',
  'not-found',
] as const;
type Reason = (typeof ORDER)[number];

interface Parsed {
  registry: string;
  repository: string;
  tag?: string;
  digest?: string;
}

interface PullError {
  reason: Reason;
  text: string;
  detail?: string;
  host?: string;
  event?: Item<KEvent>;
}

export default defineDetector<Messages>({
  meta: {
    id: 'image-pull-failing',
    title: 'The image cannot be pulled',
    category: 'image-pull',
    severity: 'high',
    summary:
      'ErrImagePull/ImagePullBackOff/InvalidImageName/ErrImageNeverPull broken down by the registry answer: missing tag, credentials, rate limit, unreachable or untrusted registry, platform, bad or placeholder image name.',
    messages: {
      notFound: 'Image {{image}} does not exist in the registry',
      notFoundExplain:
        'The registry answered that {{image}} was not found: the tag (or the repository) was never pushed, was deleted, or is misspelled, so the kubelet retries the pull with back-off and the container never starts.{{otherNote}}',
      auth: 'Registry {{registry}} refuses to let the node pull {{image}} ({{detail}})',
      authExplain:
        'The pull is rejected as unauthorized: the node has no credentials the registry accepts for this repository.{{secretNote}}{{hubNote}}',
      rateLimit: 'Registry {{registry}} rate-limits the pulls of {{image}}',
      rateLimitExplain:
        'The registry answered 429 Too Many Requests ({{detail}}). Docker Hub limits anonymous pulls per source IP, and a whole node pool often shares one NAT address; the pull succeeds again later or with authenticated pulls.',
      unreachable: 'The node cannot reach {{registryPhrase}} ({{detail}})',
      unreachableExplain:
        'The pull fails before the registry can answer: {{detail}}. The registry host does not resolve from the node, or a firewall, proxy or outage blocks it; nothing in the pod spec will fix that.{{elsewhereNote}}',
      tls: 'The node does not trust the certificate of registry {{registry}}',
      tlsExplain:
        "The TLS handshake with the registry fails ({{detail}}): it uses a certificate from a private CA (or a proxy re-signs traffic) that the node's container runtime does not trust, or it speaks plain HTTP.{{elsewhereNote}}",
      platform: 'Image {{image}} has no build for the node platform{{archNote}}',
      platformExplain:
        'The image exists, but its manifest has no entry for the operating system and CPU architecture of node {{node}}{{archNote}}; typically an amd64-only image on arm64 nodes. The runtime refuses to pull it.',
      invalidName: 'The image name {{image}} is not a valid image reference{{detailNote}}',
      invalidNameExplain:
        'The kubelet cannot parse the image string ({{detail}}), so it never contacts a registry. References must be lowercase, without a scheme such as https://, spaces or template syntax.',
      placeholder: 'The image is a placeholder that was never filled in: {{image}}',
      placeholderExplain:
        'The container image is set to {{image}}, a template or copy-paste placeholder, not a real image; whatever rendered the manifest (Helm, Kustomize, a CI substitution) did not replace it.',
      neverPull: 'imagePullPolicy is Never and {{image}} is not on node {{node}}',
      neverPullExplain:
        'With imagePullPolicy: Never the kubelet only uses an image already present on the node; {{image}} was loaded on another node (or a local cluster) but not on {{node}}.',
      unknown: 'The kubelet cannot pull the image{{imageNote}} ({{state}})',
      unknownExplain:
        "The container waits in {{state}}: the image pull fails. The kubelet's Failed event quotes the registry's answer (tag not found, unauthorized, unreachable), which decides the fix.",
      decide: "The pod's events quote the registry's answer to the pull",
    },
    requires: [],
  },
  detect(ctx) {
    const printed = ctx.case.pod?.object.metadata.annotations?.['crashlens.dev/printed-status'];
    const waiting = ctx.facts.waitingReason;
    const image = ctx.case.spec?.image ?? ctx.case.status?.image;
    const events = pullEvents(ctx, image);
    const state =
      (waiting && PULL_REASONS.has(waiting) ? waiting : undefined) ??
      (printed && PULL_REASONS.has(printed) ? printed : undefined);
    const running = ctx.case.status?.state?.running || ctx.case.status?.state?.terminated;
    if (!state && (events.length === 0 || running || ctx.case.failure === 'crash-loop')) return;
    const stateText = state ?? 'ImagePullBackOff';

    const errors = pullErrors(ctx, events);
    const best = ORDER.map((r) => errors.find((e) => e.reason === r)).find((e) => e);
    const ref = image ? parseImage(image) : undefined;
    const placeholder = image !== undefined && PLACEHOLDER.test(image);
    const failedEvent =
      best?.event ??
      events.find((e) =>
        /^Failed to pull image|^Failed to apply default image tag/.test(e.object.message ?? ''),
      ) ??
      events[0];
    const count = Math.max(0, ...events.map((e) => e.object.count ?? 1));
    const repeated = count >= 3 ? 0.03 : 0;
    const siblings = failingSiblings(ctx);
    const evidence: (EvidenceRef | undefined)[] = [
      failedEvent ? ctx.cite.event(failedEvent) : undefined,
      ctx.cite.pod([
        new RegExp(`Reason:\\s+${stateText}`),
        `"reason": "${stateText}"`,
        `reason: ${stateText}`,
        stateText,
      ]),
      image ? ctx.cite.pod([`Image:`, `"image": "${image}"`, `image: ${image}`]) : undefined,
    ];
    const base = {
      image: image ? shown(image) : 'the image',
      registry: ref?.registry ?? 'the registry',
      registryPhrase: ref?.registry ? `registry ${ref.registry}` : 'the image registry',
      detail: best?.detail ?? '',
    };
    const siblingBoost = siblings.length > 0 ? 0.02 : 0;

    if (placeholder && image) {
      ctx.report({
        messageId: 'placeholder',
        explainId: 'placeholderExplain',
        subcategory: 'placeholder',
        data: base,
        confidence: 0.9 + (best ? 0.04 : 0) + repeated,
        evidence,
        fixes: placeholderFixes(ctx),
      });
      return;
    }
    if (!best) {
      const rendered = image && !state ? undefined : image;
      ctx.report({
        messageId: 'unknown',
        explainId: 'unknownExplain',
        subcategory: 'unknown',
        data: { state: stateText, imageNote: rendered ? ` ${shown(rendered)}` : '' },
        confidence: (failedEvent ? 0.7 : 0.6) + siblingBoost,
        evidence,
        fixes: image ? [checkImageFix(image)] : [],
        nextStep: { messageId: 'decide', command: describeCommand(ctx) },
      });
      return;
    }
    const confidence = Math.min(0.97, 0.88 + repeated + siblingBoost + (state ? 0.03 : 0));
    switch (best.reason) {
      case 'never-pull': {
        const node = ctx.case.pod?.object.spec?.nodeName ?? 'this node';
        ctx.report({
          messageId: 'neverPull',
          explainId: 'neverPullExplain',
          subcategory: 'never-pull',
          data: { ...base, node },
          confidence,
          evidence: [...evidence, ctx.cite.pod([/Image Pull Policy|imagePullPolicy/])],
          fixes: [
            {
              title:
                'Let the kubelet pull the image (imagePullPolicy: IfNotPresent), after pushing it to a registry the nodes can reach',
              commands: [
                `kubectl patch ${workloadTarget(ctx)}${nsFlag(ctx)} --type json -p ${shq(JSON.stringify([{ op: 'replace', path: `${containerPath(ctx)}/imagePullPolicy`, value: 'IfNotPresent' }]))}`,
              ],
              risk: 'low',
            },
          ],
        });
        return;
      }
      case 'invalid-name':
        ctx.report({
          messageId: 'invalidName',
          explainId: 'invalidNameExplain',
          subcategory: 'invalid-name',
          data: {
            ...base,
            detail: best.detail ?? 'invalid reference format',
            detailNote: best.detail ? ` (${best.detail})` : '',
          },
          confidence,
          evidence,
          fixes: image ? setImageFixes(ctx, image, ref, suggestValid(image)) : [],
        });
        return;
      case 'platform': {
        const arch = nodeArch(ctx);
        ctx.report({
          messageId: 'platform',
          explainId: 'platformExplain',
          subcategory: 'platform',
          data: {
            ...base,
            archNote: arch ? ` (${arch.value})` : '',
            node: ctx.case.pod?.object.spec?.nodeName ?? 'the node',
          },
          confidence,
          evidence: [...evidence, arch?.ref],
          fixes: platformFixes(ctx, image, arch?.value),
        });
        return;
      }
      case 'rate-limit':
        ctx.report({
          messageId: 'rateLimit',
          explainId: 'rateLimitExplain',
          subcategory: 'rate-limit',
          data: { ...base, detail: best.detail ?? 'toomanyrequests' },
          confidence,
          evidence,
          fixes: [
            ...authFixes(
              ctx,
              ref,
              'Pull with an authenticated account (higher limits): a docker-registry Secret on the service account',
            ),
            {
              title: 'Or mirror the image into a registry you control and point the workload at it',
              commands: image
                ? [
                    `crane copy ${image} <your-registry>/${shortRepo(ref)}:${ref?.tag ?? 'latest'}`,
                    `kubectl set image ${workloadTarget(ctx)}${nsFlag(ctx)} ${ctx.case.container || 'CONTAINER'}=<your-registry>/${shortRepo(ref)}:${ref?.tag ?? 'latest'}`,
                  ]
                : [],
              risk: 'low',
            },
          ],
        });
        return;
      case 'auth': {
        const secrets = pullSecretsInfo(ctx);
        const hub =
          ref?.registry === 'docker.io' && /pull access denied|insufficient_scope/.test(best.text);
        ctx.report({
          messageId: 'auth',
          explainId: 'authExplain',
          subcategory: 'auth',
          data: {
            ...base,
            detail:
              /\b(401 Unauthorized|403 Forbidden)\b/.exec(best.text)?.[1] ??
              (best.detail ?? 'unauthorized').slice(0, 90),
            secretNote: secrets.note,
            hubNote: hub
              ? ' Docker Hub gives this same answer for a repository that does not exist, so also check the image name for a typo.'
              : '',
          },
          confidence: Math.min(0.97, confidence + (secrets.none ? 0.04 : 0)),
          evidence: [...evidence, ...secrets.evidence],
          fixes: [
            ...authFixes(
              ctx,
              ref,
              `Give the pods credentials for ${ref?.registry ?? 'the registry'}: a docker-registry Secret attached to service account ${serviceAccount(ctx)}`,
            ),
            ...(hub && image ? [checkImageFix(image)] : []),
          ],
        });
        return;
      }
      case 'tls':
        ctx.report({
          messageId: 'tls',
          explainId: 'tlsExplain',
          subcategory: 'tls',
          data: {
            ...base,
            detail: (best.detail ?? 'x509').slice(0, 120),
            elsewhereNote: elsewhereNote(ctx),
          },
          confidence,
          evidence,
          fixes: [
            {
              title: `Make the nodes' container runtime trust the registry CA (containerd: /etc/containerd/certs.d/${ref?.registry ?? '<registry>'}/ca.crt), or serve a publicly trusted certificate`,
              commands: [
                `kubectl debug node/${ctx.case.pod?.object.spec?.nodeName ?? 'NODE'} -it --image=busybox:1.36 -- ls /host/etc/containerd/certs.d`,
              ],
              risk: 'medium',
            },
          ],
        });
        return;
      case 'unreachable': {
        const host =
          best.host && !/^\d+\.\d+\.\d+\.\d+$/.test(best.host)
            ? best.host
            : (ref?.registry ?? 'the registry');
        ctx.report({
          messageId: 'unreachable',
          explainId: 'unreachableExplain',
          subcategory: 'unreachable',
          data: {
            ...base,
            registry: host,
            detail: best.detail ?? 'connection failed',
            elsewhereNote: elsewhereNote(ctx),
          },
          confidence: confidence - 0.03,
          evidence,
          fixes: [
            {
              title: `Check from the node that ${host} resolves and answers (DNS, egress firewall, proxy); fix the registry name if it is wrong`,
              commands: [
                `kubectl debug node/${ctx.case.pod?.object.spec?.nodeName ?? 'NODE'} -it --image=busybox:1.36 -- nslookup ${host}`,
                ...(image
                  ? [
                      `kubectl set image ${workloadTarget(ctx)}${nsFlag(ctx)} ${ctx.case.container || 'CONTAINER'}=<reachable-registry>/${ref?.repository ?? 'image'}:${ref?.tag ?? 'latest'}`,
                    ]
                  : []),
              ],
              risk: 'low',
            },
          ],
        });
        return;
      }
      case 'not-found': {
        const other = otherImage(ctx, ref);
        ctx.report({
          messageId: 'notFound',
          explainId: 'notFoundExplain',
          subcategory: ref?.tag || ref?.digest ? 'tag-not-found' : 'not-found',
          data: {
            ...base,
            otherNote: other ? ` ${other.where} runs ${other.image}, which exists.` : '',
          },
          confidence: Math.min(0.97, confidence + (other ? 0.03 : 0)),
          evidence: [...evidence, other?.ref],
          fixes: [
            ...(image ? setImageFixes(ctx, image, ref, other?.image) : []),
            ...(image ? [checkImageFix(image)] : []),
          ],
        });
        return;
      }
    }
  },
});

/** Pull-related events of this container, limited to its own image when the message names one. */
function pullEvents(ctx: CaseContext, image: string | undefined): Item<KEvent>[] {
  const norm = image ? normalize(image) : undefined;
  return ctx.facts.containerEvents.filter((e) => {
    const reason = e.object.reason ?? '';
    const msg = e.object.message ?? '';
    const pull =
      /^(InspectFailed|ErrImageNeverPull)$/.test(reason) ||
      (reason === 'Failed' &&
        /^(Failed to pull image|Error: (ErrImagePull|ImagePullBackOff|InvalidImageName|ErrImageNeverPull)|Failed to apply default image tag)/.test(
          msg,
        )) ||
      (reason === 'BackOff' && /^Back-off pulling image/.test(msg));
    if (!pull) return false;
    const named = /image (?:tag )?"([^"]+)"/.exec(msg)?.[1];
    return !norm || !named || normalize(named) === norm;
  });
}

function pullErrors(ctx: CaseContext, events: Item<KEvent>[]): PullError[] {
  const scanner = defaultScanner();
  const texts: { text: string; event?: Item<KEvent> }[] = [
    ...events.map((e) => ({ text: e.object.message ?? '', event: e })),
    ...[ctx.facts.waitingMessage, ctx.case.status?.state?.waiting?.message]
      .filter((t): t is string => !!t)
      .map((text) => ({ text })),
  ];
  const out: PullError[] = [];
  for (const { text, event } of texts) {
    for (const m of scanner.matchLine(text)) {
      if (m.signature.category !== 'image-pull') continue;
      const reason = m.signature.subcategory as Reason | undefined;
      if (!reason || !ORDER.includes(reason)) continue;
      out.push({
        reason,
        text,
        ...(m.groups.detail ? { detail: shortDetail(m.groups.detail) } : {}),
        ...(m.groups.host ? { host: m.groups.host } : {}),
        ...(event ? { event } : {}),
      });
    }
  }
  return out;
}

/** An image string safe to put in a message (template braces would read as placeholders). */
function shown(image: string): string {
  return image.replace(/\{\{/g, '{ {').replace(/\}\}/g, '} }');
}

/** The first sentence of a registry answer, without trailing punctuation. */
function shortDetail(detail: string): string {
  const first = detail.split(/\.\s/)[0] ?? detail;
  return first.replace(/[.:]\s*$/, '').slice(0, 140);
}

/** `registry/repo:tag@digest`, with Docker Hub's implicit registry and `library/`. */
function parseImage(image: string): Parsed {
  let rest = image.trim().replace(/^[a-z]+:\/\//i, '');
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasRegistry = slash >= 0 && (/[.:]/.test(first) || first === 'localhost');
  const registry = hasRegistry ? first : 'docker.io';
  let path = hasRegistry ? rest.slice(slash + 1) : rest;
  let tag: string | undefined;
  const colon = path.lastIndexOf(':');
  if (colon > path.lastIndexOf('/')) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
  }
  if (registry === 'docker.io' && !path.includes('/')) path = `library/${path}`;
  return { registry, repository: path, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}

function shortRepo(ref: Parsed | undefined): string {
  return ref?.repository.replace(/^library\//, '') ?? 'image';
}

function normalize(image: string): string {
  const p = parseImage(image);
  return `${p.registry}/${p.repository}:${p.tag ?? (p.digest ? '' : 'latest')}${p.digest ? `@${p.digest}` : ''}`;
}

function serviceAccount(ctx: CaseContext): string {
  return ctx.case.pod?.object.spec?.serviceAccountName ?? 'default';
}

/**
 * What the paste says about pull credentials: imagePullSecrets in the pod (or workload) object,
 * and `Image pull secrets:` of the service account (`kubectl describe sa`).
 */
function pullSecretsInfo(ctx: CaseContext): {
  note: string;
  none: boolean;
  evidence: (EvidenceRef | undefined)[];
} {
  const sa = serviceAccount(ctx);
  const podItem = ctx.case.pod;
  const objects: Item[] = [
    ...(podItem ? [podItem] : []),
    ...ctx.case.owners.filter(
      (o) => o.object.kind !== 'ReplicaSet' || ctx.case.owners.length === 1,
    ),
  ];
  const structured = objects.filter((o) => isStructured(ctx, o));
  const withSecrets = structured
    .map((o) => ({ o, ref: ctx.cite.item(o, [/imagePullSecrets/]) }))
    .find((x) => x.ref);
  const saLine = findSaPullSecrets(ctx, sa);
  const evidence: (EvidenceRef | undefined)[] = [withSecrets?.ref, saLine?.ref];
  if (withSecrets) {
    const names = secretNames(ctx, withSecrets.o);
    return {
      note: ` The pod uses imagePullSecrets${names ? ` (${names})` : ''}: check that the Secret is for this registry, of type kubernetes.io/dockerconfigjson, and holds valid credentials.`,
      none: false,
      evidence,
    };
  }
  const podHasNone = structured.length > 0;
  if (saLine && /<none>/.test(saLine.value)) {
    return {
      note: `${podHasNone ? ' The pod sets no imagePullSecrets' : ' The pod spec in the paste shows no imagePullSecrets'} and its service account ${sa} has none either, so the node pulls anonymously.`,
      none: true,
      evidence,
    };
  }
  if (saLine) {
    return {
      note: ` The service account ${sa} provides imagePullSecrets ${saLine.value}: check that one of them is for this registry and still valid.`,
      none: false,
      evidence,
    };
  }
  if (podHasNone) {
    return {
      note: ` The pod spec sets no imagePullSecrets, so unless service account ${sa} provides them the node pulls anonymously.`,
      none: true,
      evidence,
    };
  }
  return {
    note: ` Check the pod's imagePullSecrets and those of its service account ${sa}.`,
    none: false,
    evidence,
  };
}

/** The object was pasted as JSON/YAML (its absent fields mean something), not as describe text. */
function isStructured(ctx: CaseContext, item: Item): boolean {
  return ctx.cite.item(item, [/^\s*"?apiVersion"?\s*:/]) !== undefined;
}

function secretNames(ctx: CaseContext, item: Item): string | undefined {
  const lines = ctx.bundle.sources[item.origin.source]?.lines ?? [];
  const names: string[] = [];
  let inList = false;
  for (let n = item.origin.from; n <= item.origin.to; n++) {
    const text = lines[n - 1] ?? '';
    if (/imagePullSecrets/.test(text)) {
      inList = true;
      const inline = [...text.matchAll(/"name"\s*:\s*"([^"]+)"/g)].map((m) => m[1] ?? '');
      names.push(...inline);
      continue;
    }
    if (inList) {
      const m = /^\s*-?\s*"?name"?\s*:\s*"?([\w.-]+)"?/.exec(text);
      if (m?.[1]) names.push(m[1]);
      else if (/^\s*[\]}]|^\s*\w/.test(text) && !/^\s*-/.test(text) && names.length > 0) break;
      if (names.length >= 3) break;
    }
  }
  return names.length ? names.filter((x) => x).join(', ') : undefined;
}

/** `Image pull secrets:` of `kubectl describe sa <sa>` (or `imagePullSecrets` of its YAML). */
function findSaPullSecrets(
  ctx: CaseContext,
  sa: string,
): { value: string; ref: EvidenceRef | undefined } | undefined {
  for (const [source, doc] of ctx.bundle.sources.entries()) {
    let name: string | undefined;
    for (let n = 1; n <= doc.lines.length; n++) {
      const text = doc.lines[n - 1] ?? '';
      const cmd = /kubectl\s+(?:describe|get)\s+(?:sa|serviceaccounts?)(?:\/|\s+)([\w.-]+)/.exec(
        text,
      );
      if (cmd?.[1]) name = cmd[1];
      const nameLine = /^Name:\s+([\w.-]+)\s*$/.exec(text);
      if (nameLine?.[1] && name === undefined) name = nameLine[1];
      const m = /^Image pull secrets:\s+(.+?)\s*$/.exec(text);
      if (m?.[1] && (name === undefined || name === sa)) {
        return {
          value: m[1],
          ref: ctx.cite.line({ source, from: n, to: n }, [/^Image pull secrets:/], {
            label: `serviceaccount/${sa}`,
          }),
        };
      }
    }
  }
  return undefined;
}

function authFixes(ctx: CaseContext, ref: Parsed | undefined, title: string): Fix[] {
  const ns = nsFlag(ctx);
  const server =
    ref?.registry === 'docker.io' ? 'https://index.docker.io/v1/' : (ref?.registry ?? '<registry>');
  const sa = serviceAccount(ctx);
  return [
    {
      title,
      commands: [
        `kubectl create secret docker-registry regcred${ns} --docker-server=${server} --docker-username=<user> --docker-password=<token>`,
        `kubectl patch serviceaccount ${sa}${ns} -p ${shq('{"imagePullSecrets":[{"name":"regcred"}]}')}`,
        `kubectl rollout restart ${workloadTarget(ctx)}${ns}`,
      ],
      risk: 'low',
    },
  ];
}

function setImageFixes(
  ctx: CaseContext,
  image: string,
  ref: Parsed | undefined,
  suggestion: string | undefined,
): Fix[] {
  const target =
    suggestion ??
    `${ref && ref.registry !== 'docker.io' ? `${ref.registry}/` : ''}${ref?.repository.replace(/^library\//, '') ?? 'IMAGE'}:<existing-tag>`;
  return [
    {
      title: suggestion
        ? `Point container ${ctx.case.container || 'CONTAINER'} at an image that exists (${suggestion})`
        : `Set container ${ctx.case.container || 'CONTAINER'} to an image reference that exists in the registry`,
      commands: [
        `kubectl set image ${workloadTarget(ctx)}${nsFlag(ctx)} ${ctx.case.container || 'CONTAINER'}=${target}`,
      ],
      risk: 'low',
    },
  ];
}

function placeholderFixes(ctx: CaseContext): Fix[] {
  const release = ctx.case.pod?.object.metadata.labels?.['app.kubernetes.io/instance'];
  return [
    {
      title: `Set the real image for container ${ctx.case.container || 'CONTAINER'} (and fix the value that should have replaced the placeholder)`,
      commands: [
        `kubectl set image ${workloadTarget(ctx)}${nsFlag(ctx)} ${ctx.case.container || 'CONTAINER'}=<registry>/<repository>:<tag>`,
        ...(release ? [`helm get values ${release}${nsFlag(ctx)} --all | grep -iA3 image`] : []),
      ],
      risk: 'low',
    },
  ];
}

function checkImageFix(image: string): Fix {
  return {
    title: 'Check which tags exist before picking one',
    commands: [`docker manifest inspect ${image}`, `crane ls ${image.replace(/[:@][^/:@]*$/, '')}`],
    risk: 'low',
  };
}

function platformFixes(
  ctx: CaseContext,
  image: string | undefined,
  arch: string | undefined,
): Fix[] {
  const ns = nsFlag(ctx);
  return [
    {
      title: "Publish a multi-architecture image (or one for the nodes' architecture)",
      commands: [
        `docker buildx build --platform linux/amd64,linux/arm64 -t ${image ?? 'IMAGE'} --push .`,
      ],
      risk: 'low',
    },
    {
      title: 'Or schedule the pods on nodes of the architecture the image was built for',
      commands: [
        `kubectl patch ${workloadTarget(ctx)}${ns} -p ${shq(JSON.stringify({ spec: { template: { spec: { nodeSelector: { 'kubernetes.io/arch': arch && /amd64|x86_64/.test(arch) ? 'arm64' : 'amd64' } } } } }))}`,
      ],
      risk: 'medium',
    },
  ];
}

function nodeArch(ctx: CaseContext): { value: string; ref: EvidenceRef | undefined } | undefined {
  const name = ctx.case.pod?.object.spec?.nodeName;
  if (!name) return undefined;
  for (const node of ctx.index.all('Node').filter((n) => n.object.metadata.name === name)) {
    const arch =
      node.object.status?.nodeInfo?.architecture ??
      node.object.metadata.labels?.['kubernetes.io/arch'];
    if (arch) {
      return {
        value: `${node.object.status?.nodeInfo?.operatingSystem ?? 'linux'}/${arch}`,
        ref: ctx.cite.item(node, [
          /Architecture:\s/,
          /"architecture"|architecture:/,
          /kubernetes\.io\/arch=/,
        ]),
      };
    }
  }
  return undefined;
}

/** A lowercase, scheme-less version of an invalid reference, when that is all that is wrong. */
function suggestValid(image: string): string | undefined {
  const fixed = image
    .trim()
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\/\/+/g, '/');
  const lower = fixed.replace(/^([^:@]+)/, (s) => s.toLowerCase());
  return lower !== image &&
    /^[a-z0-9][a-z0-9._/-]*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$/.test(lower)
    ? lower
    : undefined;
}

/** The same repository with another tag, running in another pod or declared by another revision. */
function otherImage(
  ctx: CaseContext,
  ref: Parsed | undefined,
): { image: string; where: string; ref: EvidenceRef | undefined } | undefined {
  if (!ref) return undefined;
  const mine = `${ref.registry}/${ref.repository}`;
  const pods: Item<Pod>[] = ctx.index.pods().filter((p) => p !== ctx.case.pod);
  for (const p of pods) {
    for (const st of p.object.status?.containerStatuses ?? []) {
      if (!st.image || !st.state?.running) continue;
      const o = parseImage(st.image);
      if (`${o.registry}/${o.repository}` === mine && (o.tag ?? '') !== (ref.tag ?? '')) {
        return {
          image: st.image,
          where: `Pod ${p.object.metadata.name ?? ''}`,
          ref: ctx.cite.item(p, [st.image]),
        };
      }
    }
  }
  for (const w of ctx.index.workloads()) {
    for (const c of w.object.spec?.template?.spec?.containers ?? []) {
      if (!c.image) continue;
      const o = parseImage(c.image);
      if (`${o.registry}/${o.repository}` === mine && (o.tag ?? '') !== (ref.tag ?? '')) {
        const ready = w.object.status?.readyReplicas ?? w.object.status?.availableReplicas;
        if (w.object.kind === 'ReplicaSet' && !ready) continue;
        return {
          image: c.image,
          where: `${w.object.kind} ${w.object.metadata.name ?? ''}`,
          ref: ctx.cite.item(w, [c.image]),
        };
      }
    }
  }
  return undefined;
}

/** Pods of the same owner running on other nodes: those nodes could pull the image. */
function elsewhereNote(ctx: CaseContext): string {
  const node = ctx.case.pod?.object.spec?.nodeName;
  const owner =
    ctx.case.ownerRefs[0]?.name ?? /^(.+)-[a-z0-9]{5}$/.exec(ctx.case.podName ?? '')?.[1];
  if (!node || !owner) return '';
  const nodes = new Set<string>();
  for (const p of ctx.index.pods()) {
    const n = p.object.spec?.nodeName;
    if (!n || n === node || !(p.object.metadata.name ?? '').startsWith(`${owner}-`)) continue;
    if (p.object.status?.phase === 'Running') nodes.add(n);
  }
  return nodes.size > 0
    ? ` Pods of the same ReplicaSet run on ${[...nodes].slice(0, 3).join(', ')}, which pulled the image: the problem is specific to ${node} (its DNS, network or trust store).`
    : '';
}

/** Other pods of the same owner stuck on the image too (a table usually shows them). */
function failingSiblings(ctx: CaseContext): Item<Pod>[] {
  const owner = ctx.case.ownerRefs[0]?.name;
  const prefix = owner ?? /^(.+)-[a-z0-9]{5}$/.exec(ctx.case.podName ?? '')?.[1];
  if (!prefix) return [];
  return ctx.index.pods().filter((p) => {
    if (p === ctx.case.pod || p.object.metadata.name === ctx.case.podName) return false;
    if (!(p.object.metadata.name ?? '').startsWith(`${prefix}-`)) return false;
    const printed = p.object.metadata.annotations?.['crashlens.dev/printed-status'] ?? '';
    const waiting = (p.object.status?.containerStatuses ?? []).map(
      (s) => s.state?.waiting?.reason ?? '',
    );
    return PULL_REASONS.has(printed) || waiting.some((w) => PULL_REASONS.has(w));
  });
}
