/**
 * permission-denied at the kubelet: the container is never created (CreateContainerConfigError)
 * because the pod or container sets runAsNonRoot and the image runs as root, runs as a user
 * *name* the kubelet cannot verify, or the spec itself sets runAsUser 0. The kubelet's message
 * names the case exactly; the spec lines show where runAsNonRoot comes from.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import { defineDetector, formatMessage } from './define.js';
import { citeStatus, nsFlag, shq, specView, statusMatches, targetRef } from './_shared.js';

type Messages =
  | 'root'
  | 'rootExplain'
  | 'named'
  | 'namedExplain'
  | 'zero'
  | 'zeroExplain'
  | 'invalid'
  | 'invalidExplain'
  | 'portNote';

const PORT_NOTE =
  ' Once it runs as non-root, listening on port {{port}} fails too: use a port of 1024 or above (an unprivileged image variant does).';

export default defineDetector<Messages>({
  meta: {
    id: 'run-as-non-root-rejected',
    title: 'runAsNonRoot rejects the image user, so the container is never created',
    category: 'permission-denied',
    severity: 'high',
    summary:
      'CreateContainerConfigError "container has runAsNonRoot and image will run as root / has non-numeric user": the image user conflicts with the securityContext.',
    messages: {
      root: 'runAsNonRoot is set but image {{image}} runs as root, so the kubelet refuses to start {{container}}',
      rootExplain:
        'The {{where}} securityContext sets runAsNonRoot: true and no runAsUser, and the image does not declare a non-root USER, so it would run as UID 0. The kubelet refuses to create the container (CreateContainerConfigError); nothing of the app runs. Give the container a numeric non-root runAsUser the image works with, or rebuild the image with a numeric USER.{{portNote}}',
      named: 'Image {{image}} runs as user "{{user}}" by name, which runAsNonRoot cannot verify',
      namedExplain:
        'The image declares USER {{user}} (a name, not a UID). With runAsNonRoot: true the kubelet must prove the user is not root before starting the container and cannot resolve a name, so it refuses (CreateContainerConfigError). Set runAsUser to the numeric UID of {{user}}, or use a numeric USER in the Dockerfile.',
      zero: 'The securityContext sets runAsUser: 0 together with runAsNonRoot: true',
      zeroExplain:
        'runAsUser 0 is root, which contradicts runAsNonRoot: true, so the kubelet refuses to create the container. Drop runAsUser 0 (or set a non-root UID).',
      invalid: 'Image {{image}} declares an invalid user id ({{user}}) for runAsNonRoot',
      portNote: PORT_NOTE,
      invalidExplain:
        'The image user id {{user}} is outside the valid range, so the kubelet cannot verify runAsNonRoot and refuses to create the container. Set a valid numeric runAsUser.',
    },
  },
  detect(ctx) {
    const hits = statusMatches(ctx, { ids: ['run-as-non-root'] });
    const hit = hits.find((h) => h.message.kind === 'waiting') ?? hits[0];
    if (!hit) return;
    const text = hit.text;
    const user = hit.groups.user;
    const kind: 'zero' | 'invalid' | 'named' | 'root' = /breaks non-root policy/.test(text)
      ? 'zero'
      : /invalid user id/.test(text)
        ? 'invalid'
        : /non-numeric user/.test(text)
          ? 'named'
          : 'root';
    const containerSc = specView(ctx).container?.securityContext;
    const podSc = specView(ctx).pod?.securityContext;
    const where =
      containerSc?.runAsNonRoot !== undefined
        ? 'container'
        : podSc?.runAsNonRoot !== undefined
          ? 'pod'
          : 'pod or container';
    const image = specView(ctx).container?.image ?? ctx.case.status?.image ?? 'the image';
    const low = (specView(ctx).container?.ports ?? [])
      .map((p) => p.containerPort)
      .find((p): p is number => p !== undefined && p < 1024);
    const evidence: (EvidenceRef | undefined)[] = [
      citeStatus(ctx, hit.message, 'runAsNonRoot'),
      ...hits
        .filter((h) => h !== hit && h.message.kind === 'event')
        .slice(0, 1)
        .map((h) => citeStatus(ctx, h.message)),
      specView(ctx).cite([/runAsNonRoot"?:\s*true/]),
      kind === 'zero' ? specView(ctx).cite([/runAsUser"?:\s*0\b/]) : undefined,
    ];
    ctx.report({
      messageId: kind,
      explainId: EXPLAIN[kind],
      subcategory:
        kind === 'root'
          ? 'image-runs-as-root'
          : kind === 'named'
            ? 'non-numeric-user'
            : `run-as-user-${kind}`,
      data: {
        image,
        user: user ?? '',
        where,
        container: ctx.case.container || 'the container',
        portNote: low !== undefined ? formatMessage(PORT_NOTE, { port: low }) : '',
      },
      confidence: 0.97,
      evidence,
      fixes: fixes(ctx, kind, user, image),
      supersedes: ['missing-config', 'invalid-config', 'app-crash', 'bad-command'],
    });
  },
});

const EXPLAIN = {
  root: 'rootExplain',
  named: 'namedExplain',
  zero: 'zeroExplain',
  invalid: 'invalidExplain',
} as const;

function fixes(ctx: CaseContext, kind: string, user: string | undefined, image: string): Fix[] {
  const name = ctx.case.container || specView(ctx).container?.name || 'CONTAINER';
  const listKey = ctx.case.init ? 'initContainers' : 'containers';
  const setUser = (uid: number | string): string =>
    `kubectl patch ${targetRef(ctx)}${nsFlag(ctx)} -p ${shq(
      JSON.stringify({
        spec: {
          template: {
            spec: { [listKey]: [{ name, securityContext: { runAsUser: uid, runAsGroup: uid } }] },
          },
        },
      }),
    )}`;
  switch (kind) {
    case 'named':
      return [
        {
          title: `Find the numeric UID of "${user ?? 'the image user'}" and set it as runAsUser`,
          commands: [
            `docker run --rm --entrypoint id ${image} ${user ?? ''}`.trim(),
            setUser('<uid>').replaceAll('"<uid>"', '<uid>'),
          ],
          risk: 'low',
        },
      ];
    case 'zero':
    case 'invalid':
      return [
        {
          title: 'Run as a valid non-root UID',
          commands: [setUser(10001)],
          risk: 'medium',
        },
      ];
    default:
      return [
        {
          title:
            'Run the container as a non-root UID (check the app can write where it needs to), or rebuild the image with a numeric USER',
          commands: [setUser(10001)],
          risk: 'medium',
        },
      ];
  }
}
