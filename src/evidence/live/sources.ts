/**
 * Live objects have no pasted text to quote, so the live collector renders each one the way
 * kubectl shows it (`-o yaml` for objects worth quoting, one table-like line for an event) and
 * keeps that rendering as the evidence source. Diagnoses then quote live evidence exactly as
 * they quote a paste.
 */
import { stringify } from 'yaml';
import type { ContainerLog, EvidenceBundle, Item, KubeObject, SourceDoc } from '../types.js';
import { parseLogLines } from '../offline/parse-logs.js';

/** Add a source to the bundle; returns its index. */
export function addSource(bundle: EvidenceBundle, name: string, lines: string[]): number {
  const doc: SourceDoc = { name, lines };
  bundle.sources.push(doc);
  return bundle.sources.length - 1;
}

/** Render an API object as `kubectl get -o yaml` would and add it as an item. */
export function addObjectAsYaml(
  bundle: EvidenceBundle,
  name: string,
  raw: unknown,
  object: KubeObject,
): Item {
  const text = stringify(raw, { lineWidth: 0 });
  const lines = text.replace(/\n$/, '').split('\n');
  const source = addSource(bundle, name, lines);
  const item: Item = { object, origin: { source, from: 1, to: lines.length } };
  bundle.items.push(item);
  return item;
}

/**
 * Add many objects of one kind as one source, one line per object (like a `kubectl get` table):
 * cheap for the thousands of healthy objects a cluster-wide listing returns.
 */
export function addObjectsAsLines(
  bundle: EvidenceBundle,
  name: string,
  entries: { line: string; object: KubeObject }[],
): void {
  if (entries.length === 0) return;
  const source = addSource(
    bundle,
    name,
    entries.map((e) => e.line),
  );
  entries.forEach((e, i) =>
    bundle.items.push({ object: e.object, origin: { source, from: i + 1, to: i + 1 } }),
  );
}

/** Add a container log (as `kubectl logs` prints it) with its entries parsed like a paste. */
export function addLog(
  bundle: EvidenceBundle,
  meta: { namespace: string; pod: string; container: string; previous: boolean },
  text: string,
): ContainerLog {
  const lines = text.replace(/\n$/, '').split('\n');
  const name = `kubectl logs ${meta.pod} -n ${meta.namespace} -c ${meta.container}${meta.previous ? ' --previous' : ''}`;
  const source = addSource(bundle, name, lines);
  const log: ContainerLog = {
    kind: 'Log',
    pod: meta.pod,
    namespace: meta.namespace,
    container: meta.container,
    previous: meta.previous,
    entries: text.trim() === '' ? [] : parseLogLines(lines, 1),
    origin: { source, from: 1, to: lines.length },
  };
  bundle.logs.push(log);
  return log;
}
