/**
 * `crashlens diagnose`: offline when `-f` names inputs, live otherwise. Both paths end in the
 * same engine call; only where the evidence comes from differs.
 */
import { statSync } from 'node:fs';
import pkg from '../../package.json' with { type: 'json' };
import { DETECTORS } from '../detectors/index.js';
import { diagnose } from '../engine/diagnose.js';
import type { Report } from '../engine/report.js';
import { CrashlensError } from '../errors.js';
import type { LiveResult } from '../evidence/live/collect.js';
import { collectOffline } from '../evidence/offline/collect.js';
import { redactDeep } from '../redact/redact.js';
import { render } from '../render/index.js';
import type { DiagnoseConfig, LiveConfig } from './config.js';
import { readInputs } from './read-inputs.js';
import { snapshotTime } from './snapshot.js';

export interface DiagnoseIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdin: () => string;
  /** The wall clock, read once per run. */
  now: () => string;
}

/** Run a diagnosis; returns the exit status (0 nothing wrong, 1 problems). */
export async function runDiagnose(config: DiagnoseConfig, io: DiagnoseIo): Promise<number> {
  const detectors = config.detectorIds.map((id) => DETECTORS[id]).filter((d) => d !== undefined);
  let report: Report;
  if (config.inputs.length > 0) {
    const inputs = readInputs(config.inputs, io.stdin);
    const now = config.now ?? snapshotReferenceTime(config.inputs);
    const bundle = collectOffline(inputs, now ? { now } : {});
    if (bundle.items.length === 0 && bundle.logs.length === 0) {
      throw new CrashlensError(
        'E_INPUT_UNRECOGNISED',
        `Nothing in ${inputs.map((i) => i.name).join(', ')} looks like kubectl output or container logs.`,
        {
          hint: 'crashlens reads `kubectl describe pod`, `kubectl get pods/events`, `-o json|yaml` objects and logs (`kubectl logs POD --previous`). Paste those, with their `$ kubectl ...` lines if you have them.',
        },
      );
    }
    report = diagnose(bundle, {
      detectors,
      version: pkg.version,
      mode: 'offline',
      inputs: inputs.map((i) => i.name),
    });
  } else {
    const result = await collectFromCluster(config.live, config.targets, config.now ?? io.now());
    report = diagnose(result.bundle, {
      detectors,
      version: pkg.version,
      mode: 'live',
      inputs: [result.server],
      apiRequests: result.apiRequests,
    });
  }
  const shown = config.redact ? redactDeep(report) : report;
  io.stdout(
    render(shown, config.format, {
      color: config.color,
      width: config.width,
      verbose: config.verbose,
    }),
  );
  return report.status === 'problems' ? 1 : 0;
}

export async function collectFromCluster(
  live: LiveConfig,
  targets: readonly string[],
  now: string,
): Promise<LiveResult> {
  // The Kubernetes client is large: load it only for live mode.
  const { collectLive } = await import('../evidence/live/collect.js');
  return collectLive({
    ...(live.kubeconfig ? { kubeconfig: live.kubeconfig } : {}),
    ...(live.context ? { context: live.context } : {}),
    ...(live.namespace ? { namespace: live.namespace } : {}),
    allNamespaces: live.allNamespaces,
    targets: [...targets],
    ...(live.selector ? { labelSelector: live.selector } : {}),
    tailLines: live.tailLines,
    secretKeys: live.secretKeys,
    now,
  });
}

/** A snapshot directory carries its collection time; use it for relative ages. */
function snapshotReferenceTime(inputs: readonly string[]): string | undefined {
  for (const input of inputs) {
    try {
      if (input !== '-' && statSync(input).isDirectory()) {
        const t = snapshotTime(input);
        if (t) return t;
      }
    } catch {
      // unreadable inputs are reported by readInputs
    }
  }
  return undefined;
}
