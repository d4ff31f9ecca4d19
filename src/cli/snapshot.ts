/**
 * `crashlens snapshot`: writes what live mode collected into a directory a ticket can carry and
 * `crashlens diagnose -f DIR` reads back offline: one JSON List per resource, one file per log
 * (headed by the `kubectl logs` command it stands for, so it is attributed to its pod), and a
 * small manifest. Everything is redacted; Secrets hold key names only.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CrashlensError } from '../errors.js';
import type { LiveResult } from '../evidence/live/collect.js';
import { redactDeep, redactText } from '../redact/redact.js';

export const MANIFEST = 'crashlens-snapshot.json';

export interface SnapshotManifest {
  crashlensSnapshot: 1;
  collectedAt: string;
  server: string;
  scope: string;
  apiRequests: number;
  forbidden: string[];
}

const API_VERSION: Record<string, string> = {
  pods: 'v1',
  events: 'v1',
  services: 'v1',
  endpoints: 'v1',
  configmaps: 'v1',
  secrets: 'v1',
  nodes: 'v1',
  endpointslices: 'discovery.k8s.io/v1',
};

/** Check the output directory can be written before anything is collected. */
export function prepareSnapshotDir(dir: string): void {
  try {
    mkdirSync(join(dir, 'logs'), { recursive: true });
  } catch (error) {
    throw new CrashlensError(
      'E_USAGE',
      `Cannot write the snapshot to ${dir}: ${(error as NodeJS.ErrnoException).code ?? String(error)}.`,
      {
        hint: 'Pick a directory you can write with -o DIR.',
        cause: error,
      },
    );
  }
}

export function writeSnapshot(
  dir: string,
  result: LiveResult,
  meta: { collectedAt: string; scope: string },
): { files: number } {
  prepareSnapshotDir(dir);
  let files = 0;
  for (const [resource, items] of Object.entries(result.raw.objects)) {
    if (items.length === 0) continue;
    const list = {
      apiVersion: API_VERSION[resource] ?? 'v1',
      kind: 'List',
      items: redactDeep(items),
    };
    writeFileSync(join(dir, `${resource}.json`), `${JSON.stringify(list, null, 2)}\n`);
    files++;
  }
  for (const log of result.raw.logs) {
    const name =
      `${log.namespace}_${log.pod}_${log.container}${log.previous ? '_previous' : ''}.log`.replace(
        /[^\w.-]/g,
        '_',
      );
    const command = `$ kubectl logs ${log.pod} -n ${log.namespace} -c ${log.container}${log.previous ? ' --previous' : ''}`;
    writeFileSync(
      join(dir, 'logs', name),
      `${command}\n${redactText(log.text)}${log.text.endsWith('\n') ? '' : '\n'}`,
    );
    files++;
  }
  const manifest: SnapshotManifest = {
    crashlensSnapshot: 1,
    collectedAt: meta.collectedAt,
    server: result.server,
    scope: meta.scope,
    apiRequests: result.apiRequests,
    forbidden: result.forbidden,
  };
  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return { files: files + 1 };
}

/** The collection time of a snapshot directory, used as the reference time when reading it back. */
export function snapshotTime(dir: string): string | undefined {
  try {
    const manifest = JSON.parse(
      readFileSync(join(dir, MANIFEST), 'utf8'),
    ) as Partial<SnapshotManifest>;
    return manifest.crashlensSnapshot === 1 ? manifest.collectedAt : undefined;
  } catch {
    return undefined;
  }
}
