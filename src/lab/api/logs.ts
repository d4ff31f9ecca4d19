/**
 * `GET pods/{name}/log`: picks the container like the API server (the default-container
 * annotation, the only container, or a 400 listing the choices), then the container instance
 * like the kubelet's `validateContainerLogStatus` (current vs `previous`, with the kubelet's
 * 400 messages when it does not exist), and writes `text/plain` with `tailLines`,
 * `sinceSeconds`/`sinceTime`, `timestamps` (RFC3339Nano prefix) and `limitBytes`. With
 * `follow=true` it streams new lines until the container stops, a new instance starts, the
 * pod goes away, or the client disconnects.
 */
import type { LabObject, LogLine, LogReadOptions } from '../store/types.js';
import { StoreError } from '../store/types.js';
import { asArray, asRecord, asString } from '../store/object-utils.js';
import { RT } from '../store/resource-types.js';
import type { HandlerArgs } from './handlers.js';
import { badRequest } from './status.js';

type Rec = Record<string, unknown>;

function names(spec: Rec, key: string): string[] {
  return asArray(spec[key]).map((c) => asString(asRecord(c)['name']));
}

/** `podutil.AllContainerNames`-style listing used in the "choose one of" message. */
function choices(spec: Rec): string {
  const main = names(spec, 'containers');
  const init = names(spec, 'initContainers');
  const eph = names(spec, 'ephemeralContainers');
  let text = `[${main.join(' ')}]`;
  if (init.length > 0) text += ` or one of the init containers: [${init.join(' ')}]`;
  if (eph.length > 0) text += ` or one of the ephemeral containers: [${eph.join(' ')}]`;
  return text;
}

export function pickContainer(pod: LabObject, requested: string | null): string {
  const spec = asRecord(pod['spec']);
  const podName = pod.metadata.name ?? '';
  const all = [
    ...names(spec, 'containers'),
    ...names(spec, 'initContainers'),
    ...names(spec, 'ephemeralContainers'),
  ];
  if (requested) {
    if (!all.includes(requested))
      throw badRequest(`container ${requested} is not valid for pod ${podName}`);
    return requested;
  }
  const annotated = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated) {
    if (!all.includes(annotated)) {
      throw badRequest(
        `the container specified in the kubectl.kubernetes.io/default-container annotation of pod ${pod.metadata.namespace ?? ''}/${podName}: ${annotated} is not valid`,
      );
    }
    return annotated;
  }
  const main = names(spec, 'containers');
  if (main.length === 1 && main[0]) return main[0];
  throw badRequest(
    `a container name must be specified for pod ${podName}, choose one of: ${choices(spec)}`,
  );
}

function containerStatus(pod: LabObject, container: string): Rec | undefined {
  const status = asRecord(pod['status']);
  for (const key of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']) {
    const hit = asArray(status[key])
      .map(asRecord)
      .find((c) => c['name'] === container);
    if (hit) return hit;
  }
  return undefined;
}

/**
 * Which log to read, by the kubelet's rules: `current` is the newest container (running, or
 * exited and not yet restarted), `previous` the one before. While the container waits to
 * restart (CrashLoopBackOff) the newest container is the one that exited, so both the default
 * and `--previous` show the last crashed run.
 */
export function resolveInstance(
  pod: LabObject,
  container: string,
  previous: boolean,
): 'latest' | 'previous' {
  const podName = pod.metadata.name ?? '';
  const cs = containerStatus(pod, container);
  if (!cs) throw badRequest(`container "${container}" in pod "${podName}" is not available`);
  const state = asRecord(cs['state']);
  const last = asRecord(asRecord(cs['lastState'])['terminated']);
  const hasLast = Object.keys(last).length > 0;
  const running = state['running'] !== undefined;
  const terminated = state['terminated'] ? asRecord(state['terminated']) : undefined;
  const waiting = state['waiting'] ? asRecord(state['waiting']) : undefined;
  if (previous) {
    if (!hasLast)
      throw badRequest(
        `previous terminated container "${container}" in pod "${podName}" not found`,
      );
    return running || (terminated && asString(terminated['containerID'])) ? 'previous' : 'latest';
  }
  if (running || terminated) return 'latest';
  if (hasLast) return 'latest';
  if (waiting) {
    const reason = asString(waiting['reason']);
    if (reason === 'ErrImagePull')
      throw badRequest(
        `container "${container}" in pod "${podName}" is waiting to start: image can't be pulled`,
      );
    if (reason === 'ImagePullBackOff')
      throw badRequest(
        `container "${container}" in pod "${podName}" is waiting to start: trying and failing to pull image`,
      );
    throw badRequest(`container "${container}" in pod "${podName}" is waiting to start: ${reason}`);
  }
  throw badRequest(
    `container "${container}" in pod "${podName}" is waiting to start - no logs yet`,
  );
}

/** RFC3339Nano as Go prints it: fractional seconds without trailing zeros. */
export function rfc3339Nano(time: string): string {
  const d = new Date(time);
  if (Number.isNaN(d.getTime())) return time;
  const m = /\.(\d+)Z$/.exec(time);
  const base = d.toISOString().replace(/\.\d{3}Z$/, '');
  const frac = (m?.[1] ?? String(d.getUTCMilliseconds()).padStart(3, '0')).replace(/0+$/, '');
  return frac ? `${base}.${frac}Z` : `${base}Z`;
}

function format(line: LogLine, timestamps: boolean): string {
  return timestamps ? `${rfc3339Nano(line.time)} ${line.text}\n` : `${line.text}\n`;
}

function num(query: URLSearchParams, name: string): number | undefined {
  const v = query.get(name);
  if (v === null || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw badRequest(`invalid value for ${name}: ${v}`);
  return n;
}

export function handleLogs(a: HandlerArgs): void {
  const { ctx, res, query } = a;
  const ns = a.info.namespace ?? '';
  const name = a.info.name ?? '';
  const pod = ctx.store.getShared(RT.pods, ns, name);
  if (!pod) throw new StoreError('NotFound', 404, `pods "${name}" not found`);
  const container = pickContainer(pod, query.get('container'));
  const previous = query.get('previous') === 'true';
  const follow = query.get('follow') === 'true';
  const timestamps = query.get('timestamps') === 'true';
  const tailLines = num(query, 'tailLines');
  const sinceSeconds = num(query, 'sinceSeconds');
  const limitBytes = num(query, 'limitBytes');
  if (sinceSeconds !== undefined && sinceSeconds < 1)
    throw badRequest('sinceSeconds must be greater than 0');
  if (limitBytes !== undefined && limitBytes < 1)
    throw badRequest('limitBytes must be greater than 0');
  const nodeName = asString(asRecord(pod['spec'])['nodeName']);
  res.setHeader('Content-Type', 'text/plain');
  res.setHeader('Cache-Control', 'no-cache, private');
  if (!nodeName) {
    res.writeHead(200);
    res.end();
    return;
  }
  const which = resolveInstance(pod, container, previous);
  const opts: LogReadOptions = { previous: which === 'previous' };
  if (tailLines !== undefined) opts.tailLines = tailLines;
  if (sinceSeconds !== undefined) opts.sinceSeconds = sinceSeconds;
  const sinceTime = query.get('sinceTime');
  if (sinceTime) opts.sinceTime = sinceTime;
  const lines = ctx.logs.read(ns, name, container, opts) ?? [];
  let budget = limitBytes ?? Number.POSITIVE_INFINITY;
  const emit = (text: string): boolean => {
    if (budget <= 0) return false;
    const buf = Buffer.from(text, 'utf8');
    const chunk = buf.length > budget ? buf.subarray(0, budget) : buf;
    budget -= chunk.length;
    res.write(chunk);
    return budget > 0;
  };
  res.writeHead(200);
  for (const l of lines) if (!emit(format(l, timestamps))) break;
  const cs = containerStatus(pod, container);
  const isRunning = cs !== undefined && asRecord(cs['state'])['running'] !== undefined;
  if (!follow || budget <= 0 || which === 'previous' || !isRunning) {
    res.end();
    return;
  }
  res.socket?.setNoDelay(true);
  res.flushHeaders();
  let done = false;
  const subscriptions: { follow?: () => void; watch?: () => void } = {};
  const finish = (): void => {
    if (done) return;
    done = true;
    subscriptions.follow?.();
    subscriptions.watch?.();
    ctx.streams.delete(finish);
    res.end();
  };
  ctx.streams.add(finish);
  res.on('close', finish);
  const follower = ctx.logs as {
    follow(
      ns: string,
      pod: string,
      c: string,
      onLine: (l: LogLine) => void,
      onEnd?: () => void,
    ): () => void;
  };
  subscriptions.follow = follower.follow(
    ns,
    name,
    container,
    (l) => {
      if (!emit(format(l, timestamps))) finish();
    },
    finish,
  );
  subscriptions.watch = ctx.store.watchShared(
    RT.pods,
    ns,
    ctx.store.currentResourceVersion(),
    (e) => {
      if (e.type === 'DELETED') return finish();
      const now = containerStatus(e.object, container);
      if (!now || asRecord(now['state'])['running'] === undefined) finish();
    },
    { fieldSelector: `metadata.name=${name}` },
  );
}
