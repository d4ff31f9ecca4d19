/**
 * The lab's public surface: start and stop a lab, its scenarios, and the pieces other parts of
 * crashlens (the CLI, tests, benchmarks) use directly. Re-exported by name.
 */
export { defaultScenarioNames, startLab } from './runtime.js';
export type { Lab, LabNotice, StartLabOptions } from './runtime.js';
export { defaultLabDir, listScenarioNames, loadScenario } from './scenarios/loader.js';
export type { Scenario } from './scenarios/loader.js';
export { CATEGORIES } from './scenarios/schema.js';
export type { ScenarioSpec, ScenarioExpect } from './scenarios/schema.js';
export { findFailingPod } from './scenarios/failure.js';
export type { FailingPod } from './scenarios/failure.js';
export { buildPaste, runKubectl } from './scenarios/paste.js';
export { diagnosePaste, renderReport, topCategory } from './scenarios/diagnose-paste.js';
export { Kubelet } from './kubelet/kubelet.js';
export type { KubeletOptions } from './kubelet/kubelet.js';
export { ImageRegistry, loadImageDir } from './kubelet/images.js';
export { LabNetwork } from './net/network.js';
