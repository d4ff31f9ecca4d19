/**
 * The scenario file format (`lab/scenarios/<name>/scenario.yaml`), validated with zod: what the
 * scenario is, the category crashlens should find and the failure state that shows it, the
 * manifests to apply, the image table, extra kubectl commands for the paste, and timed actions
 * (patch, apply, delete, rollout restart, set image, record an event) that replay an incident.
 */
import { z } from 'zod';
import { CATEGORIES } from '../../engine/report.js';

export { CATEGORIES };

const Duration = z
  .union([
    z.number().nonnegative(),
    z.string().regex(/^\d+(\.\d+)?(ms|s|m|h)$/, 'a duration like 500ms, 20s, 2m'),
  ])
  .transform((v) => (typeof v === 'number' ? v : parseDurationSeconds(v)));

export function parseDurationSeconds(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(text);
  if (!m) return Number.NaN;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'ms':
      return n / 1000;
    case 'm':
      return n * 60;
    case 'h':
      return n * 3600;
    default:
      return n;
  }
}

const ObjectRef = z
  .object({
    kind: z.string().default('Deployment'),
    apiVersion: z.string().optional(),
    namespace: z.string().optional(),
    name: z.string(),
  })
  .strict();

const Manifest = z.union([z.string(), z.record(z.string(), z.unknown())]);

/** The state a failing pod reaches; every field given must hold for one pod of the selector. */
export const FailureState = z
  .object({
    waitingReason: z.string().optional(),
    terminatedReason: z.string().optional(),
    minRestarts: z.number().int().nonnegative().optional(),
    phase: z.enum(['Pending', 'Running', 'Succeeded', 'Failed']).optional(),
    ready: z.boolean().optional(),
    condition: z
      .object({
        type: z.string(),
        status: z.enum(['True', 'False', 'Unknown']),
        reason: z.string().optional(),
      })
      .strict()
      .optional(),
    event: z
      .object({ reason: z.string(), minCount: z.number().int().positive().default(1) })
      .strict()
      .optional(),
    /** Text the last finished instance's logs must contain (what that crash printed). */
    log: z.string().optional(),
  })
  .strict();

export const Expect = z
  .object({
    category: z.union([z.enum(CATEGORIES), z.literal('healthy')]),
    namespace: z.string(),
    selector: z.string(),
    container: z.string().optional(),
    state: FailureState,
    /** Text the paste must show once the failure state is reached (the lab's side of the bargain). */
    evidence: z.array(z.string()).default([]),
  })
  .strict();

const Action = z
  .object({
    after: Duration.default(0),
    description: z.string().optional(),
    waitForReady: ObjectRef.optional(),
    patch: ObjectRef.extend({
      type: z.enum(['strategic', 'merge', 'json']).default('strategic'),
      patch: z.unknown(),
    }).optional(),
    apply: z.union([Manifest, z.array(Manifest)]).optional(),
    delete: ObjectRef.optional(),
    rolloutRestart: ObjectRef.optional(),
    setImage: ObjectRef.extend({ container: z.string(), image: z.string() }).optional(),
    scale: ObjectRef.extend({ replicas: z.number().int().nonnegative() }).optional(),
    event: z
      .object({
        involved: ObjectRef,
        type: z.enum(['Normal', 'Warning']).default('Normal'),
        reason: z.string(),
        message: z.string(),
        source: z.string(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine(
    (a) =>
      [a.patch, a.apply, a.delete, a.rolloutRestart, a.setImage, a.scale, a.event].filter(
        (x) => x !== undefined,
      ).length === 1,
    'each action does exactly one of patch, apply, delete, rolloutRestart, setImage, scale, event',
  );

export const ScenarioFile = z
  .object({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
    description: z.string(),
    seed: z.string().optional(),
    expect: Expect,
    /** Extra kubectl commands for the paste, after `describe pod` and `logs`. `{pod}` is the failing pod. */
    paste: z.array(z.string()).default([]),
    manifests: z.array(Manifest).min(1),
    images: z.record(z.string(), z.string()).default({}),
    actions: z.array(Action).default([]),
    /** How long (lab seconds) the failure state may take to appear; tests scale it. */
    timeout: Duration.optional(),
  })
  .strict();

export type ScenarioSpec = z.infer<typeof ScenarioFile>;
export type ScenarioAction = ScenarioSpec['actions'][number];
export type ScenarioExpect = z.infer<typeof Expect>;
export type FailureStateSpec = z.infer<typeof FailureState>;
