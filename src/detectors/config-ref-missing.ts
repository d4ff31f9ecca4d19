/**
 * missing-config at the kubelet: the container cannot be created because a referenced Secret,
 * ConfigMap or key does not exist (CreateContainerConfigError), or a Secret/ConfigMap volume
 * cannot be mounted (FailedMount). The kubelet's message names the object and key exactly.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import { defineDetector } from './define.js';
import { eventsWhere, nsFlag, shq, targetRef } from './_shared.js';

type Messages =
  | 'objectMissing'
  | 'objectMissingExplain'
  | 'keyMissing'
  | 'keyMissingExplain'
  | 'volumeMissing'
  | 'volumeMissingExplain'
  | 'keysAre';

const OBJECT_NOT_FOUND = /(secret|configmap|config map)s? "([^"]+)" not found/i;
const KEY_NOT_FOUND = /couldn't find key (\S+) in (Secret|ConfigMap) ([\w.-]+)\/([\w.-]+)/i;
const MOUNT_MISSING =
  /MountVolume\.SetUp failed for volume "([^"]+)" : (configmap|secret) "([^"]+)" not found/i;

export default defineDetector<Messages>({
  meta: {
    id: 'config-ref-missing',
    title: 'Referenced Secret, ConfigMap or key does not exist',
    category: 'missing-config',
    severity: 'high',
    summary:
      'CreateContainerConfigError or FailedMount: the kubelet cannot find a Secret/ConfigMap (or a key in it) that the pod references.',
    messages: {
      objectMissing:
        '{{kind}} {{name}} does not exist in namespace {{namespace}}, so the container cannot be created',
      objectMissingExplain:
        'The pod references {{kind}} {{name}} (in env, envFrom or a volume) and the kubelet cannot find it: the container stays in CreateContainerConfigError and never starts. Create the object, or fix the name the pod references.',
      keyMissing: '{{kind}} {{name}} has no key {{key}}, which the container references',
      keyMissingExplain:
        'The kubelet found {{kind}} {{name}} but not the key {{key}} that an env entry references, so it refuses to create the container.{{keysNote}}',
      volumeMissing: 'Volume {{volume}} cannot be mounted: {{kind}} {{name}} does not exist',
      volumeMissingExplain:
        'The pod mounts {{kind}} {{name}} as volume {{volume}}; it does not exist, so the kubelet keeps retrying the mount and the container never starts.',
      keysAre: ' It has: {{keys}}.',
    },
  },
  detect(ctx) {
    const messages = [
      ...(ctx.facts.waitingMessage && ctx.facts.waitingReason === 'CreateContainerConfigError'
        ? [
            {
              text: ctx.facts.waitingMessage,
              ref: ctx.cite.pod([ctx.facts.waitingMessage.slice(0, 60)]),
            },
          ]
        : []),
      ...eventsWhere(ctx, 'Failed', /not found|couldn't find key/i).map((e) => ({
        text: e.object.message ?? '',
        ref: ctx.cite.event(e),
      })),
      ...ctx.case.events
        .filter((e) => e.object.reason === 'FailedMount')
        .map((e) => ({ text: e.object.message ?? '', ref: ctx.cite.event(e) })),
    ];
    const ns = ctx.case.namespace ?? 'default';
    for (const { text, ref } of messages) {
      const key = KEY_NOT_FOUND.exec(text);
      if (key) {
        const [, k, kind, , name] = key as unknown as [string, string, string, string, string];
        const keys =
          kind.toLowerCase() === 'secret'
            ? ctx.index.secret(name, ctx.case.namespace)?.object.keys
            : Object.keys(ctx.index.configMap(name, ctx.case.namespace)?.object.data ?? {});
        ctx.report({
          messageId: 'keyMissing',
          explainId: 'keyMissingExplain',
          subcategory: 'key-missing',
          data: {
            kind,
            name,
            key: k,
            keysNote: keys?.length ? ` It has: ${keys.join(', ')}.` : '',
          },
          confidence: 0.95,
          evidence: [ref, ctx.cite.pod([`'${k}'`, `"key": "${k}"`, `key: ${k}`])],
          fixes: keyFixes(ctx, kind, name, k, keys ?? []),
        });
        return;
      }
      const mount = MOUNT_MISSING.exec(text);
      if (mount) {
        const [, volume, kindWord, name] = mount as unknown as [string, string, string, string];
        const kind = kindWord.toLowerCase() === 'secret' ? 'Secret' : 'ConfigMap';
        ctx.report({
          messageId: 'volumeMissing',
          explainId: 'volumeMissingExplain',
          subcategory: 'volume-object-missing',
          data: { volume, kind, name },
          confidence: 0.95,
          evidence: [ref, ctx.cite.pod([`Name:      ${name}`, name])],
          fixes: objectFixes(ctx, kind, name, ns),
        });
        return;
      }
      const obj = OBJECT_NOT_FOUND.exec(text);
      if (obj) {
        const kind = /secret/i.test(obj[1] ?? '') ? 'Secret' : 'ConfigMap';
        const name = obj[2] ?? '';
        ctx.report({
          messageId: 'objectMissing',
          explainId: 'objectMissingExplain',
          subcategory: 'object-missing',
          data: { kind, name, namespace: ns },
          confidence: 0.95,
          evidence: [ref, ctx.cite.pod([`'${name}'`, `"name": "${name}"`, name])],
          fixes: objectFixes(ctx, kind, name, ns),
        });
        return;
      }
    }
  },
});

function objectFixes(ctx: CaseContext, kind: string, name: string, ns: string): Fix[] {
  const keys = referencedKeys(ctx, kind, name);
  const create =
    kind === 'Secret'
      ? `kubectl create secret generic ${name} -n ${ns} ${keys.length ? keys.map((k) => `--from-literal=${k}=<value>`).join(' ') : '--from-literal=KEY=<value>'}`
      : `kubectl create configmap ${name} -n ${ns} ${keys.length ? keys.map((k) => `--from-literal=${k}=<value>`).join(' ') : '--from-literal=KEY=<value>'}`;
  return [
    {
      title: `Check which ${kind}s exist in ${ns} (a typo or a different namespace is common)`,
      commands: [`kubectl get ${kind.toLowerCase()}s -n ${ns}`],
      risk: 'low',
    },
    {
      title: `Create ${kind} ${name} with the keys the pod references`,
      commands: [create],
      risk: 'medium',
    },
  ];
}

function referencedKeys(ctx: CaseContext, kind: string, name: string): string[] {
  const keys = new Set<string>();
  for (const e of ctx.case.spec?.env ?? []) {
    const ref = kind === 'Secret' ? e.valueFrom?.secretKeyRef : e.valueFrom?.configMapKeyRef;
    if (ref?.name === name && ref.key) keys.add(ref.key);
  }
  return [...keys];
}

function keyFixes(
  ctx: CaseContext,
  kind: string,
  name: string,
  key: string,
  keys: string[],
): Fix[] {
  const ns = nsFlag(ctx);
  const fixes: Fix[] = [];
  if (kind.toLowerCase() === 'secret') {
    fixes.push({
      title: `Add key ${key} to Secret ${name}`,
      commands: [
        `kubectl patch secret ${name}${ns} --type merge -p ${shq(JSON.stringify({ stringData: { [key]: '<value>' } }))}`,
      ],
      risk: 'medium',
    });
  } else {
    fixes.push({
      title: `Add key ${key} to ConfigMap ${name}`,
      commands: [
        `kubectl patch configmap ${name}${ns} --type merge -p ${shq(JSON.stringify({ data: { [key]: '<value>' } }))}`,
      ],
      risk: 'low',
    });
  }
  const near = keys.find((k) => k.includes(key) || key.includes(k));
  if (near) {
    fixes.push({
      title: `Or reference the existing key ${near} in ${targetRef(ctx)}`,
      commands: [`kubectl edit ${targetRef(ctx)}${ns}`],
      risk: 'low',
    });
  }
  return fixes;
}

export type { EvidenceRef };
