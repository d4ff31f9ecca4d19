/**
 * config-code-mismatch (data-version): a stateful app refuses the data on its volume because
 * another version wrote it. The image moved (a major bump by a dependency bot, or a rollback)
 * while the PersistentVolume kept the old data: PostgreSQL "database files are incompatible
 * with server", MySQL "Cannot boot server version … on data directory built by version …",
 * mongod's featureCompatibilityVersion, Elasticsearch's index versions, Redis' RDB format. The
 * rollout history, when pasted, names the revision that changed the image.
 */
import type { CaseContext } from '../engine/context.js';
import type { EvidenceRef, Fix } from '../engine/report.js';
import { defineDetector, formatMessage } from './define.js';
import {
  bestMatch,
  citeMatch,
  matchesIn,
  nsFlag,
  rolloutChange,
  targetRef,
  terminality,
  type RolloutChange,
} from './_shared.js';

type Messages = 'dataVersion' | 'dataVersionExplain' | 'writtenBy' | 'rolloutNote';

const MESSAGES: Record<Messages, string> = {
  dataVersion: 'The new {{server}} image cannot open the data another version left on the volume',
  dataVersionExplain:
    '{{server}} refuses its data directory: the files were written by another version{{writtenBy}} than the one now running. The image changed but the volume kept the old data, so every restart fails the same way.{{rolloutNote}} Go back to the image that wrote the data, then upgrade the data deliberately ({{upgrade}}).',
  writtenBy: ' ({{version}})',
  rolloutNote: ' The failures began with revision {{revision}}{{cause}}.',
};

/** How each server's data is upgraded across versions: what the fix note tells the user. */
const UPGRADE: Record<string, { server: string; upgrade: string }> = {
  postgres: {
    server: 'PostgreSQL',
    upgrade: 'pg_upgrade, or pg_dumpall and restore into a new volume',
  },
  mysql: {
    server: 'MySQL',
    upgrade:
      'shut the old version down cleanly, then start the new one; downgrades need a logical dump',
  },
  mongodb: {
    server: 'MongoDB',
    upgrade: 'one major version at a time, running setFeatureCompatibilityVersion after each',
  },
  elasticsearch: {
    server: 'Elasticsearch',
    upgrade: 'through the intermediate major version, reindexing indices older than it',
  },
  redis: { server: 'Redis', upgrade: 'run a Redis at least as new as the one that wrote dump.rdb' },
};

export default defineDetector<Messages>({
  meta: {
    id: 'stored-data-version-mismatch',
    title: 'A stateful app cannot read the data another version left on its volume',
    category: 'config-code-mismatch',
    severity: 'high',
    summary:
      'PostgreSQL, MySQL/MariaDB, MongoDB, Elasticsearch and Redis refusing data written by another version after an image change, with the rollout revision that changed it.',
    messages: MESSAGES,
  },
  detect(ctx) {
    const matches = matchesIn(ctx, { subcategory: ['data-version'] });
    const best = bestMatch(matches);
    if (!best) return;
    const runtime = best.match.signature.runtime;
    const how = UPGRADE[runtime] ?? {
      server: 'The app',
      upgrade: 'with the vendor’s upgrade path',
    };
    const version = matches.map((m) => m.match.groups.detail).find((v) => v !== undefined);
    const rollout = rolloutChange(ctx);
    const evidence: (EvidenceRef | undefined)[] = [
      ...matches.slice(0, 2).map((m) => citeMatch(ctx, m)),
      rollout?.ref,
    ];
    ctx.report({
      messageId: 'dataVersion',
      explainId: 'dataVersionExplain',
      subcategory: 'data-version',
      data: {
        server: how.server,
        upgrade: how.upgrade,
        writtenBy: version ? formatMessage(MESSAGES.writtenBy, { version }) : '',
        rolloutNote: rollout
          ? formatMessage(MESSAGES.rolloutNote, {
              revision: String(rollout.revision),
              cause: rollout.cause ? ` (${rollout.cause})` : '',
            })
          : '',
      },
      confidence: Math.min(
        0.95,
        best.match.signature.weight * 0.6 + terminality(best) * 0.25 + (rollout ? 0.1 : 0),
      ),
      evidence,
      fixes: fixes(ctx, rollout),
      supersedes: ['app-crash', 'invalid-config', 'exits-immediately'],
    });
  },
});

function fixes(ctx: CaseContext, rollout: RolloutChange | undefined): Fix[] {
  const target = targetRef(ctx);
  const ns = nsFlag(ctx);
  const undo: Fix =
    rollout?.previous !== undefined
      ? {
          title: `Roll back to revision ${rollout.previous}, the image that wrote the data`,
          commands: [`kubectl rollout undo ${target}${ns} --to-revision=${rollout.previous}`],
          risk: 'low',
        }
      : {
          title: 'Find the image that ran before, and pin the workload back to it',
          commands: [`kubectl rollout history ${target}${ns}`],
          risk: 'low',
        };
  return [
    undo,
    {
      title:
        'Back up the volume before any upgrade: the data is the one thing a rollback cannot restore',
      commands: [`kubectl get pvc${ns} -o wide`],
      risk: 'low',
      note: 'Pin the image tag (no floating major versions) so a dependency bot cannot move it under the data again.',
    },
  ];
}
