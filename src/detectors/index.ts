/**
 * The detector registry: an explicit, sorted map from id to detector. Nothing scans the folder;
 * a meta-test checks that this map, the files, the tests and the doc pages agree.
 */
import type { Detector } from './define.js';
import appException from './app-exception.js';
import appMissingSetting from './app-missing-setting.js';
import commandNotRunnable from './command-not-runnable.js';
import configRefMissing from './config-ref-missing.js';
import cpuStarvation from './cpu-starvation.js';
import dependencyUnreachable from './dependency-unreachable.js';
import envRenamedAfterRollout from './env-renamed-after-rollout.js';
import execFormatError from './exec-format-error.js';
import exitCodeHint from './exit-code-hint.js';
import exitsImmediately from './exits-immediately.js';
import filesystemPermissionDenied from './filesystem-permission-denied.js';
import imagePullFailing from './image-pull-failing.js';
import invalidConfig from './invalid-config.js';
import livenessProbeFailing from './liveness-probe-failing.js';
import mountHidesAppFiles from './mount-hides-app-files.js';
import nodeProblem from './node-problem.js';
import oomKilled from './oom-killed.js';
import optionalRefMissingKey from './optional-ref-missing-key.js';
import podUnschedulable from './pod-unschedulable.js';
import privilegedPortDenied from './privileged-port-denied.js';
import readinessProbeFailing from './readiness-probe-failing.js';
import runAsNonRootRejected from './run-as-non-root-rejected.js';
import storedDataVersionMismatch from './stored-data-version-mismatch.js';
import upstreamRolloutDisruption from './upstream-rollout-disruption.js';
import volumeFull from './volume-full.js';
import volumeMountFailed from './volume-mount-failed.js';

/* Keep sorted by id. */
export const DETECTORS: Readonly<Record<string, Detector>> = {
  'app-exception': appException as Detector,
  'app-missing-setting': appMissingSetting as Detector,
  'command-not-runnable': commandNotRunnable as Detector,
  'config-ref-missing': configRefMissing as Detector,
  'cpu-starvation': cpuStarvation as Detector,
  'dependency-unreachable': dependencyUnreachable as Detector,
  'env-renamed-after-rollout': envRenamedAfterRollout as Detector,
  'exec-format-error': execFormatError as Detector,
  'exit-code-hint': exitCodeHint as Detector,
  'exits-immediately': exitsImmediately as Detector,
  'filesystem-permission-denied': filesystemPermissionDenied as Detector,
  'image-pull-failing': imagePullFailing as Detector,
  'invalid-config': invalidConfig as Detector,
  'liveness-probe-failing': livenessProbeFailing as Detector,
  'mount-hides-app-files': mountHidesAppFiles as Detector,
  'node-problem': nodeProblem as Detector,
  'oom-killed': oomKilled as Detector,
  'optional-ref-missing-key': optionalRefMissingKey as Detector,
  'pod-unschedulable': podUnschedulable as Detector,
  'privileged-port-denied': privilegedPortDenied as Detector,
  'readiness-probe-failing': readinessProbeFailing as Detector,
  'run-as-non-root-rejected': runAsNonRootRejected as Detector,
  'stored-data-version-mismatch': storedDataVersionMismatch as Detector,
  'upstream-rollout-disruption': upstreamRolloutDisruption as Detector,
  'volume-full': volumeFull as Detector,
  'volume-mount-failed': volumeMountFailed as Detector,
};
