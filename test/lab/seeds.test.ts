/**
 * The seed incidents as lab scenarios, end to end: real failing processes, real kubectl
 * output, offline diagnosis with the scenario's expected category.
 */
import { scenarioSuite } from './support.js';

scenarioSuite('seed incidents', [
  'seed-000-user-auth',
  'seed-001-trade-api-probe-path',
  'seed-001-trade-api-missing-key',
  'seed-002-reloader-reset',
  'seed-003-oom',
  'seed-003-exit-zero',
  'seed-003-wrong-entrypoint',
  'seed-004-checkout-panic',
]);
