/**
 * The detector registry: an explicit, sorted map from id to detector. Nothing scans the folder;
 * a meta-test checks that this map, the files, the tests and the doc pages agree.
 */
import type { Detector } from './define.js';
import appException from './app-exception.js';
import appMissingSetting from './app-missing-setting.js';
import configRefMissing from './config-ref-missing.js';
import dependencyUnreachable from './dependency-unreachable.js';
import envRenamedAfterRollout from './env-renamed-after-rollout.js';
import exitCodeHint from './exit-code-hint.js';
import exitsImmediately from './exits-immediately.js';
import livenessProbeFailing from './liveness-probe-failing.js';
import oomKilled from './oom-killed.js';
import optionalRefMissingKey from './optional-ref-missing-key.js';
import upstreamRolloutDisruption from './upstream-rollout-disruption.js';

/* Keep sorted by id. */
export const DETECTORS: Readonly<Record<string, Detector>> = {
  'app-exception': appException as Detector,
  'app-missing-setting': appMissingSetting as Detector,
  'config-ref-missing': configRefMissing as Detector,
  'dependency-unreachable': dependencyUnreachable as Detector,
  'env-renamed-after-rollout': envRenamedAfterRollout as Detector,
  'exit-code-hint': exitCodeHint as Detector,
  'exits-immediately': exitsImmediately as Detector,
  'liveness-probe-failing': livenessProbeFailing as Detector,
  'oom-killed': oomKilled as Detector,
  'optional-ref-missing-key': optionalRefMissingKey as Detector,
  'upstream-rollout-disruption': upstreamRolloutDisruption as Detector,
};

export const DETECTOR_IDS: readonly string[] = Object.keys(DETECTORS);
