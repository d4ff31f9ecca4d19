/**
 * Container probes as the kubelet runs them: http-get (2xx/3xx succeed, `HTTP probe failed
 * with statuscode: N` otherwise, Go's transport error text on connection problems), tcp-socket
 * (a connect), exec (exit 0, the command's output as the failure text). A worker per probe
 * ticks every `periodSeconds` (lab time), skips ticks before `initialDelaySeconds`, and reports
 * a result change after `successThreshold`/`failureThreshold` consecutive outcomes. Timeouts
 * are real seconds: they bound real work, so a time scale does not shrink them.
 */
import { request } from 'node:http';
import { connect } from 'node:net';
import type { ContainerPort, Probe } from './pod-types.js';
import { KUBELET_VERSION, type ProbeKind } from './messages.js';

export interface ProbeOutcome {
  ok: boolean;
  output: string;
}

export type ExecRunner = (command: string[], timeoutMs: number) => Promise<ProbeOutcome>;

export interface ProbeTarget {
  podIP: string;
  ports: readonly ContainerPort[];
  exec: ExecRunner;
}

export function resolvePort(
  port: number | string,
  ports: readonly ContainerPort[],
): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(port)) return Number(port);
  return ports.find((p) => p.name === port)?.containerPort;
}

export async function runProbe(probe: Probe, target: ProbeTarget): Promise<ProbeOutcome> {
  const timeoutMs = Math.max(1, probe.timeoutSeconds ?? 1) * 1000;
  if (probe.httpGet) {
    const port = resolvePort(probe.httpGet.port, target.ports);
    if (port === undefined)
      return { ok: false, output: `unable to resolve port ${String(probe.httpGet.port)}` };
    return httpProbe(
      probe.httpGet.host || target.podIP,
      port,
      probe.httpGet.path ?? '/',
      probe.httpGet.httpHeaders ?? [],
      timeoutMs,
      probe.httpGet.scheme ?? 'HTTP',
    );
  }
  if (probe.tcpSocket) {
    const port = resolvePort(probe.tcpSocket.port, target.ports);
    if (port === undefined)
      return { ok: false, output: `unable to resolve port ${String(probe.tcpSocket.port)}` };
    return tcpProbe(probe.tcpSocket.host || target.podIP, port, timeoutMs);
  }
  if (probe.exec?.command) return target.exec(probe.exec.command, timeoutMs);
  if (probe.grpc) return tcpProbe(target.podIP, probe.grpc.port, timeoutMs);
  return { ok: true, output: '' };
}

function dialError(host: string, port: number, err: NodeJS.ErrnoException): string {
  const addr = `${host}:${port}`;
  switch (err.code) {
    case 'ECONNREFUSED':
      return `dial tcp ${addr}: connect: connection refused`;
    case 'ECONNRESET':
      return `read tcp ${addr}: read: connection reset by peer`;
    case 'EHOSTUNREACH':
      return `dial tcp ${addr}: connect: no route to host`;
    default:
      return `dial tcp ${addr}: ${err.message}`;
  }
}

export function httpProbe(
  host: string,
  port: number,
  path: string,
  headers: { name: string; value: string }[],
  timeoutMs: number,
  scheme: string,
): Promise<ProbeOutcome> {
  const url = `${scheme.toLowerCase()}://${host}:${port}${path.startsWith('/') ? path : `/${path}`}`;
  return new Promise((resolve) => {
    let settled = false;
    const done = (o: ProbeOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(o);
    };
    const hdrs: Record<string, string> = {
      'User-Agent': `kube-probe/${KUBELET_VERSION.slice(1).split('.').slice(0, 2).join('.')}`,
      Accept: '*/*',
    };
    for (const h of headers) hdrs[h.name] = h.value;
    const req = request(
      {
        host,
        port,
        path: path.startsWith('/') ? path : `/${path}`,
        method: 'GET',
        headers: hdrs,
        agent: false,
      },
      (res) => {
        res.resume();
        const code = res.statusCode ?? 0;
        if (code >= 200 && code < 400) done({ ok: true, output: '' });
        else done({ ok: false, output: `HTTP probe failed with statuscode: ${code}` });
      },
    );
    const timer = setTimeout(() => {
      done({
        ok: false,
        output: `Get "${url}": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`,
      });
      req.destroy();
    }, timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) =>
      done({ ok: false, output: `Get "${url}": ${dialError(host, port, err)}` }),
    );
    req.end();
  });
}

export function tcpProbe(host: string, port: number, timeoutMs: number): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    const sock = connect({ host, port });
    const timer = setTimeout(() => {
      sock.destroy();
      resolve({ ok: false, output: `dial tcp ${host}:${port}: i/o timeout` });
    }, timeoutMs);
    sock.once('connect', () => {
      clearTimeout(timer);
      sock.destroy();
      resolve({ ok: true, output: '' });
    });
    sock.once('error', (err: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      resolve({ ok: false, output: dialError(host, port, err) });
    });
  });
}

export interface ProbeWorkerOptions {
  kind: ProbeKind;
  probe: Probe;
  target: ProbeTarget;
  /** Lab seconds → real ms. */
  toRealMs: (labSeconds: number) => number;
  /** When the container started (real time). */
  startedAtMs: number;
  /** Each probe attempt's outcome (the kubelet records Unhealthy for each failure). */
  onAttempt: (outcome: ProbeOutcome) => void;
  /** The result after the thresholds changed it. */
  onResult: (ok: boolean) => void;
}

/** One probe of one container instance. */
export class ProbeWorker {
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private successRun = 0;
  private failureRun = 0;
  private result: boolean | undefined;

  constructor(private readonly o: ProbeWorkerOptions) {}

  start(): void {
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }

  private schedule(): void {
    if (this.stopped) return;
    const period = Math.max(1, this.o.probe.periodSeconds ?? 10);
    this.timer = setTimeout(() => void this.tick(), this.o.toRealMs(period));
    this.timer.unref();
  }

  private async tick(): Promise<void> {
    if (this.stopped) return;
    const delay = this.o.probe.initialDelaySeconds ?? 0;
    if (Date.now() - this.o.startedAtMs < this.o.toRealMs(delay)) {
      this.schedule();
      return;
    }
    const outcome = await runProbe(this.o.probe, this.o.target);
    if (this.stopped) return;
    this.o.onAttempt(outcome);
    if (outcome.ok) {
      this.failureRun = 0;
      this.successRun++;
      if (
        this.result !== true &&
        this.successRun >= Math.max(1, this.o.probe.successThreshold ?? 1)
      ) {
        this.result = true;
        this.o.onResult(true);
      }
    } else {
      this.successRun = 0;
      this.failureRun++;
      if (
        this.result !== false &&
        this.failureRun >= Math.max(1, this.o.probe.failureThreshold ?? 3)
      ) {
        this.result = false;
        this.o.onResult(false);
        // Liveness and startup failures end this container; the kubelet holds the worker.
        if (this.o.kind !== 'Readiness') {
          this.stopped = true;
          return;
        }
      }
    }
    this.schedule();
  }
}
