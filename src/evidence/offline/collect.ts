/**
 * The offline collector: turns pasted text (files or stdin, already read by the CLI) into an
 * EvidenceBundle, the same shape the live collector produces.
 *
 * Steps: check the input is text, normalize it, split it into blocks, run the parser for each
 * block's kind (falling back to the others), then reconcile: merge the views of one pod (a
 * `get pods` row, a describe, a JSON object), resolve relative ages against a reference time,
 * and infer owners of pods that were only listed.
 */
import { escapeRegExp } from '../../regexp.js';
import { CrashlensError } from '../../errors.js';
import type { ContainerStatus, EvidenceBundle, Item, KEvent, Pod, SourceDoc } from '../types.js';
import { parseDuration, safeIso, timeFromAge } from '../time.js';
import type { Block, BlockKind, BlockParser, ParsedBlock } from './block.js';
import { SECRET_MASK } from '../marks.js';
import { normalizeLines, originalLines, unquote } from './normalize.js';
import { parseDescribe } from './parse-describe.js';
import { parseLogs } from './parse-logs.js';
import { parseObjects } from './parse-objects.js';
import { parseRolloutHistory } from './parse-rollout.js';
import {
  parseTable,
  LAST_RESTART_AGE_ANNOTATION,
  PRINTED_STATUS_ANNOTATION,
} from './parse-table.js';
import { splitBlocks } from './split.js';

export interface OfflineInput {
  name: string;
  text: string;
}

export interface OfflineOptions {
  /** The time the paste was taken (ISO). Estimated from the input when absent. */
  now?: string;
}

/** Longest line the parsers look at; longer lines are cut (with a warning), never rejected. */
const MAX_LINE = 1 << 20;
/** Largest total input accepted. */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

const PARSERS: Record<Exclude<BlockKind, 'unknown'>, BlockParser> = {
  describe: parseDescribe,
  table: parseTable,
  'rollout-history': parseRolloutHistory,
  json: parseObjects,
  yaml: parseObjects,
  logs: parseLogs,
};

/** Parsers tried, in order, when the expected one declines a block. */
const FALLBACK_ORDER: Exclude<BlockKind, 'unknown'>[] = [
  'json',
  'describe',
  'table',
  'rollout-history',
];

/** Read pasted inputs into evidence. Throws CrashlensError for input that is not text at all. */
export function collectOffline(
  inputs: OfflineInput[],
  options: OfflineOptions = {},
): EvidenceBundle {
  const bundle: EvidenceBundle = { sources: [], items: [], logs: [], raw: [], warnings: [] };
  for (const input of inputs) {
    checkText(input);
    const sourceIndex = bundle.sources.length;
    let lines = unquote(normalizeLines(input.text));
    if (lines.some((l) => l.length > MAX_LINE)) {
      bundle.warnings.push(`${input.name}: lines longer than 1 MiB were cut for parsing`);
      lines = lines.map((l) => (l.length > MAX_LINE ? l.slice(0, MAX_LINE) : l));
    }
    const original = originalLines(input.text);
    const source: SourceDoc = { name: input.name, lines, ...(original ? { original } : {}) };
    bundle.sources.push(source);
    for (const block of splitBlocks(lines)) {
      const parsed = parseBlock(block, sourceIndex, source);
      if (!parsed || (parsed.items.length === 0 && parsed.logs.length === 0)) {
        bundle.raw.push({
          ...(block.command ? { command: block.command.text } : {}),
          origin: { source: sourceIndex, from: block.from, to: block.to },
        });
        if (parsed) bundle.warnings.push(...parsed.warnings);
        continue;
      }
      bundle.items.push(...parsed.items);
      bundle.logs.push(...parsed.logs);
      bundle.warnings.push(...parsed.warnings);
    }
  }
  reconcile(bundle, options);
  scrubSecretValues(bundle);
  return bundle;
}

/**
 * A pasted Secret (`-o yaml`, `-o json`, `jsonpath='{.data}'`) keeps its values in the source
 * lines that evidence is quoted from. Mask them there too, so no value can reach a report.
 */
function scrubSecretValues(bundle: EvidenceBundle): void {
  for (const item of bundle.items) {
    if (item.object.kind !== 'Secret') continue;
    const source = bundle.sources[item.origin.source];
    if (!source) continue;
    const keys = item.object.keys;
    for (let n = item.origin.from; n <= item.origin.to && n <= source.lines.length; n++) {
      source.lines[n - 1] = maskSecretLine(source.lines[n - 1] ?? '', keys);
      // The raw (coloured) line is what quotes are cut from: it must not keep the value either.
      if (source.original?.[n - 1] !== undefined)
        source.original[n - 1] = source.lines[n - 1] ?? '';
    }
  }
}

/**
 * Mask every value of a Secret's keys on one of its lines, wherever it sits: `key: value` (YAML),
 * `"key": "value"` (JSON, also inside a one-line `jsonpath` output or the last-applied annotation),
 * `key:value` (Go map form), and the whole last-applied-configuration annotation.
 */
function maskSecretLine(line: string, keys: string[]): string {
  if (/kubectl\.kubernetes\.io\/last-applied-configuration/.test(line)) {
    return line.replace(/(last-applied-configuration["']?\s*:\s*).*/, `$1${SECRET_MASK}`);
  }
  let out = line;
  for (const key of keys) {
    const k = escapeRegExp(key);
    out = out
      .replace(
        new RegExp(`((?:^|[\\s{,"'\\[])${k}["']?\\s*:\\s*["']?)([^"'\\s,{}\\]]+)`, 'g'),
        `$1${SECRET_MASK}`,
      )
      .replace(new RegExp(`(\\b${k}:)([A-Za-z0-9+/=_-]{4,})`, 'g'), `$1${SECRET_MASK}`);
  }
  return out;
}

function parseBlock(block: Block, sourceIndex: number, source: SourceDoc): ParsedBlock | undefined {
  if (block.kind !== 'unknown') {
    const parsed = safeParse(PARSERS[block.kind], block, sourceIndex, source);
    if (parsed && (parsed.items.length > 0 || parsed.logs.length > 0)) return parsed;
    if (block.kind === 'logs') return parsed;
  }
  for (const kind of FALLBACK_ORDER) {
    if (kind === block.kind) continue;
    const parsed = safeParse(PARSERS[kind], { ...block, kind }, sourceIndex, source);
    if (parsed && (parsed.items.length > 0 || parsed.logs.length > 0)) return parsed;
  }
  return undefined;
}

function safeParse(
  parser: BlockParser,
  block: Block,
  sourceIndex: number,
  source: SourceDoc,
): ParsedBlock | undefined {
  try {
    return parser(block, sourceIndex, source);
  } catch (error) {
    // Parsers promise not to throw; if one does, keep the block as raw evidence and say so.
    return {
      items: [],
      logs: [],
      warnings: [`could not read lines ${block.from}-${block.to}: ${String(error)}`],
    };
  }
}

function checkText(input: OfflineInput): void {
  if (input.text.length > MAX_INPUT_BYTES) {
    throw new CrashlensError('E_INPUT_TOO_LARGE', `${input.name} is larger than 256 MiB.`, {
      hint: 'Paste the output of `kubectl describe pod`, `kubectl logs --previous` and `kubectl get events` for the failing pods, or use `crashlens snapshot` for a whole namespace.',
    });
  }
  if (input.text.trim() === '') {
    throw new CrashlensError(
      'E_INPUT_EMPTY',
      `${input.name} is empty: there is nothing to diagnose.`,
      {
        hint: 'Give crashlens the output of `kubectl describe pod POD`, `kubectl logs POD --previous` and `kubectl get events`, e.g. `kubectl describe pod POD | crashlens diagnose -f -`.',
      },
    );
  }
  const sample = input.text.slice(0, 64 * 1024);
  let control = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if (c === 0) {
      control = sample.length;
      break;
    }
    if (c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 27) control++;
  }
  if (control > sample.length * 0.05 || sample.includes('\uFFFD\uFFFD\uFFFD')) {
    throw new CrashlensError('E_INPUT_BINARY', `${input.name} looks like binary data, not text.`, {
      hint: 'crashlens reads kubectl output and logs as text. If this is an archive, unpack it first; a `crashlens snapshot` bundle is read with `-f DIR`.',
    });
  }
}

/** Merge views of the same pod, resolve relative times, infer owners. */
function reconcile(bundle: EvidenceBundle, options: OfflineOptions): void {
  nameHeadlessDescribes(bundle);
  mergePods(bundle);
  inferOwners(bundle);
  const estimate = options.now ? undefined : estimateNow(bundle);
  const now = options.now ?? estimate;
  if (now) {
    bundle.now = now;
    if (!options.now) bundle.nowEstimated = true;
  }
  for (const item of bundle.items) {
    if (item.object.kind !== 'Event') continue;
    const ev = item.object;
    if (!ev.lastTimestamp && ev.ages?.last) {
      const t = timeFromAge(now, ev.ages.last);
      if (t) ev.lastTimestamp = t;
    }
    if (!ev.firstTimestamp && (ev.ages?.first ?? ev.ages?.last)) {
      const t = timeFromAge(now, ev.ages?.first ?? ev.ages?.last);
      if (t) ev.firstTimestamp = t;
    }
  }
}

function podKey(pod: Pod): string {
  return pod.metadata.name ?? '';
}

/**
 * A describe pasted without its header (only the Events section, or a grep/tail cut) gives a pod
 * with no name and events about nobody. Name them from what the events say ("Successfully
 * assigned shop/api-x to node", "... in pod api-x_shop(uid)"), else after the only pod of the
 * paste that is not running cleanly.
 */
function nameHeadlessDescribes(bundle: EvidenceBundle): void {
  const pods = bundle.items.filter((i): i is Item<Pod> => i.object.kind === 'Pod');
  for (const orphan of pods) {
    if (orphan.object.metadata.name) continue;
    const inside = bundle.items.filter(
      (i): i is Item<KEvent> =>
        i.object.kind === 'Event' &&
        !i.object.involvedObject.name &&
        i.origin.source === orphan.origin.source &&
        i.origin.from >= orphan.origin.from &&
        i.origin.to <= orphan.origin.to,
    );
    const named =
      inside.map((e) => podNamedBy(e.object.message ?? '')).find((n) => n !== undefined) ??
      onlyTroubledPod(pods);
    if (!named) continue;
    orphan.object.metadata.name = named.name;
    if (named.namespace) orphan.object.metadata.namespace ??= named.namespace;
    for (const e of inside) {
      e.object.involvedObject.name = named.name;
      if (named.namespace) e.object.involvedObject.namespace ??= named.namespace;
    }
  }
}

function podNamedBy(message: string): { name: string; namespace?: string } | undefined {
  const assigned = /Successfully assigned ([\w.-]+)\/([\w.-]+) to /.exec(message);
  if (assigned?.[2])
    return { name: assigned[2], ...(assigned[1] ? { namespace: assigned[1] } : {}) };
  const inPod = / in pod ([\w.-]+)_([\w.-]+)\(/.exec(message);
  if (inPod?.[1]) return { name: inPod[1], ...(inPod[2] ? { namespace: inPod[2] } : {}) };
  return undefined;
}

function onlyTroubledPod(pods: Item<Pod>[]): { name: string; namespace?: string } | undefined {
  const troubled = pods.filter((p) => {
    const printed = p.object.metadata.annotations?.[PRINTED_STATUS_ANNOTATION];
    return (
      p.object.metadata.name &&
      printed !== undefined &&
      printed !== 'Running' &&
      printed !== 'Completed'
    );
  });
  const only = troubled.length === 1 ? troubled[0]?.object.metadata : undefined;
  return only?.name
    ? { name: only.name, ...(only.namespace ? { namespace: only.namespace } : {}) }
    : undefined;
}

/** Several pastes of one pod (table row, describe, JSON) become one object, richest view first. */
function mergePods(bundle: EvidenceBundle): void {
  const byName = new Map<string, Item<Pod>[]>();
  for (const item of bundle.items) {
    if (item.object.kind !== 'Pod' || !item.object.metadata.name) continue;
    const list = byName.get(podKey(item.object)) ?? [];
    list.push(item as Item<Pod>);
    byName.set(podKey(item.object), list);
  }
  const drop = new Set<Item>();
  for (const list of byName.values()) {
    if (list.length < 2) continue;
    foldWatchRows(list);
    // Group by compatible namespace (an unknown namespace joins any). Among equals (table rows),
    // the last one printed is the current state, and it fills what the primary lacks first (a
    // watch's folded rows span from its first row, so the line a view ends at decides).
    const ordered = [...list].sort(
      (a, b) =>
        richness(b.object) - richness(a.object) ||
        b.origin.to - a.origin.to ||
        b.origin.from - a.origin.from,
    );
    const primary = ordered[0] as Item<Pod>;
    for (const other of ordered) {
      if (other === primary) continue;
      const nsA = primary.object.metadata.namespace;
      const nsB = other.object.metadata.namespace;
      if (nsA && nsB && nsA !== nsB) continue;
      mergePodInto(primary.object, other.object);
      drop.add(other);
    }
  }
  if (drop.size > 0) bundle.items = bundle.items.filter((i) => !drop.has(i));
}

/**
 * `kubectl get pods -w` prints one row per change of the same pod. The last row is the current
 * state; a terminated row before it (`Completed`, `Error`, `OOMKilled`) is how the previous
 * instance ended, which is what a diagnosis needs most.
 */
function foldWatchRows(list: Item<Pod>[]): void {
  const rows = list
    .filter((i) => i.object.metadata.annotations?.[PRINTED_STATUS_ANNOTATION] !== undefined)
    .sort((a, b) => a.origin.from - b.origin.from);
  if (rows.length < 2) return;
  const last = rows[rows.length - 1]!.object;
  const current = last.status?.containerStatuses?.[0];
  if (!current || current.state?.terminated) return;
  for (let i = rows.length - 2; i >= 0; i--) {
    const ended = rows[i]!.object.status?.containerStatuses?.[0]?.state?.terminated;
    if (!ended) continue;
    const exitCode =
      ended.exitCode ??
      (ended.reason === 'Completed' ? 0 : ended.reason === 'OOMKilled' ? 137 : undefined);
    current.lastState ??= {
      terminated: { ...ended, ...(exitCode !== undefined ? { exitCode } : {}) },
    };
    break;
  }
  current.restartCount = Math.max(
    ...rows.map((r) => r.object.status?.containerStatuses?.[0]?.restartCount ?? 0),
  );
  // Quote from any of the rows: the merged pod spans them when they are one table.
  const lastItem = rows[rows.length - 1]!;
  const first = rows[0]!;
  if (first.origin.source === lastItem.origin.source)
    lastItem.origin = { ...lastItem.origin, from: first.origin.from };
}

function richness(pod: Pod): number {
  return (
    (pod.spec?.containers?.length ?? 0) * 10 +
    (pod.status?.containerStatuses?.filter((s) => s.name !== '').length ?? 0) * 10 +
    (pod.metadata.ownerReferences?.length ?? 0) +
    Object.keys(pod.metadata.labels ?? {}).length
  );
}

function mergePodInto(target: Pod, other: Pod): void {
  const meta = target.metadata;
  fill(meta, 'namespace', other.metadata.namespace);
  const annotations = { ...other.metadata.annotations, ...meta.annotations };
  if (Object.keys(annotations).length > 0) meta.annotations = annotations;
  fill(meta, 'ownerReferences', other.metadata.ownerReferences);
  fill(meta, 'labels', other.metadata.labels);
  fill(target, 'spec', other.spec);
  if (target.spec) fill(target.spec, 'nodeName', other.spec?.nodeName);
  const status = (target.status ??= {});
  const o = other.status ?? {};
  for (const key of ['phase', 'reason', 'message', 'podIP'] as const) fill(status, key, o[key]);
  fill(status, 'containerStatuses', mergeStatuses(status.containerStatuses, o.containerStatuses));
  fill(
    status,
    'initContainerStatuses',
    mergeStatuses(status.initContainerStatuses, o.initContainerStatuses),
  );
}

/** Set `target[key]` from `value` when the target has none. */
function fill<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (target[key] === undefined && value !== undefined) target[key] = value;
}

function mergeStatuses(
  a: ContainerStatus[] | undefined,
  b: ContainerStatus[] | undefined,
): ContainerStatus[] | undefined {
  if (!b?.length) return a;
  if (!a?.length) return b;
  const named = a.filter((s) => s.name !== '');
  if (named.length === 0) return b.some((s) => s.name !== '') ? b : a;
  // A table row's anonymous status adds only what the named one lacks (e.g. restart count).
  const anonymous = b.find((s) => s.name === '');
  if (anonymous && named.length === 1) {
    const only = named[0] as ContainerStatus;
    fill(only, 'restartCount', anonymous.restartCount);
    fill(only, 'ready', anonymous.ready);
    fill(only, 'state', anonymous.state);
  }
  return a;
}

/** Pods seen only in a table get their ReplicaSet from a sibling's `Controlled By`. */
function inferOwners(bundle: EvidenceBundle): void {
  const owners = new Map<string, { kind: string; name: string }>();
  for (const item of bundle.items) {
    const o = item.object;
    if (o.kind === 'Pod') {
      for (const ref of o.metadata.ownerReferences ?? []) {
        if (ref.kind && ref.name) owners.set(ref.name, { kind: ref.kind, name: ref.name });
      }
    } else if (o.kind === 'ReplicaSet' && o.metadata.name) {
      owners.set(o.metadata.name, { kind: 'ReplicaSet', name: o.metadata.name });
    }
  }
  if (owners.size === 0) return;
  for (const item of bundle.items) {
    const pod = item.object;
    if (pod.kind !== 'Pod' || pod.metadata.ownerReferences?.length || !pod.metadata.name) continue;
    const m = /^(.+)-[a-z0-9]{5}$/.exec(pod.metadata.name);
    const owner = m ? owners.get(m[1] ?? '') : undefined;
    if (owner)
      pod.metadata.ownerReferences = [{ kind: owner.kind, name: owner.name, controller: true }];
  }
}

/**
 * Estimate when the paste was taken. Best: a container's last start plus the age kubectl printed
 * for it (`7 (2m10s ago)` or the `Started` event's age). Otherwise the newest absolute time seen.
 */
function estimateNow(bundle: EvidenceBundle): string | undefined {
  const startedEvents = new Map<string, string>();
  for (const item of bundle.items) {
    const ev = item.object;
    if (ev.kind === 'Event' && ev.reason === 'Started' && ev.involvedObject.name && ev.ages?.last) {
      startedEvents.set(ev.involvedObject.name, ev.ages.last);
    }
  }
  for (const item of bundle.items) {
    const pod = item.object;
    if (pod.kind !== 'Pod') continue;
    const age =
      pod.metadata.annotations?.[LAST_RESTART_AGE_ANNOTATION] ??
      startedEvents.get(pod.metadata.name ?? '');
    const seconds = age ? parseDuration(age) : undefined;
    if (seconds === undefined) continue;
    for (const st of pod.status?.containerStatuses ?? []) {
      const started =
        st.state?.running?.startedAt ??
        (st.state?.waiting ? st.lastState?.terminated?.startedAt : undefined);
      if (started && !Number.isNaN(Date.parse(started))) {
        const now = safeIso(Date.parse(started) + seconds * 1000);
        if (now) return now;
      }
    }
  }
  let newest: number | undefined;
  const see = (t: string | undefined): void => {
    const ms = t ? Date.parse(t) : NaN;
    if (!Number.isNaN(ms) && (newest === undefined || ms > newest)) newest = ms;
  };
  for (const item of bundle.items) {
    const o = item.object;
    if (o.kind === 'Pod') {
      see(o.status?.startTime);
      for (const st of [
        ...(o.status?.containerStatuses ?? []),
        ...(o.status?.initContainerStatuses ?? []),
      ]) {
        see(st.state?.running?.startedAt);
        see(st.state?.terminated?.finishedAt);
        see(st.lastState?.terminated?.finishedAt);
      }
    } else if (o.kind === 'Event') {
      see((o as KEvent).lastTimestamp ?? (o as KEvent).eventTime);
    }
  }
  for (const log of bundle.logs) {
    const last = [...log.entries].reverse().find((e) => e.time);
    see(last?.time);
  }
  return newest === undefined ? undefined : safeIso(newest);
}
