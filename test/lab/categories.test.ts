/**
 * One scenario per remaining root-cause category that can be real on this machine, plus a
 * healthy baseline, end to end: real processes, real kubectl output, offline diagnosis.
 */
import { scenarioSuite } from './support.js';

scenarioSuite('one scenario per category', [
  'not-executable',
  'exec-format-error',
  'permission-denied',
  'volume-file-missing',
  'database-down',
  'slow-start-liveness',
  'readiness-failing',
  'unschedulable',
  'image-not-pullable',
  'healthy-baseline',
]);
