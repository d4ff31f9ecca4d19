/**
 * The lab's kube-proxy: for each Service port, a TCP listener on the Service's cluster IP that
 * forwards each connection to one ready endpoint (round robin). With no ready endpoint the
 * listener is closed, so clients get ECONNREFUSED as from kube-proxy's reject rule. When an
 * endpoint's pod is killed, the connections through it are reset (the client reads ECONNRESET),
 * as a dying backend's kernel would answer.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface Backend {
  ip: string;
  port: number;
}

interface Pair {
  client: Socket;
  backend: Socket;
  ip: string;
}

class PortProxy {
  private server: Server | undefined;
  private listening = false;
  private backends: Backend[] = [];
  private rr = 0;
  private readonly pairs = new Set<Pair>();
  private closed = false;

  constructor(
    readonly ip: string,
    readonly port: number,
    private readonly onError: (err: Error) => void,
  ) {}

  setBackends(backends: Backend[]): void {
    this.backends = backends;
    if (backends.length > 0) this.open();
    else this.shut();
  }

  private open(): void {
    if (this.server || this.closed) return;
    const server = createServer((client) => this.accept(client));
    this.server = server;
    server.on('error', (err) => {
      this.onError(err);
      if (this.server === server) this.server = undefined;
      this.listening = false;
    });
    server.listen({ host: this.ip, port: this.port, exclusive: true }, () => {
      this.listening = true;
      if (this.backends.length === 0 || this.server !== server) server.close();
    });
  }

  private shut(): void {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    this.listening = false;
    server.close();
  }

  get isListening(): boolean {
    return this.listening;
  }

  private accept(client: Socket): void {
    const target = this.backends[this.rr++ % Math.max(1, this.backends.length)];
    if (!target) {
      client.resetAndDestroy();
      return;
    }
    const backend = connect({ host: target.ip, port: target.port });
    const pair: Pair = { client, backend, ip: target.ip };
    this.pairs.add(pair);
    const drop = (): void => {
      this.pairs.delete(pair);
    };
    client.pipe(backend);
    backend.pipe(client);
    client.on('error', () => {
      if (!backend.destroyed) backend.resetAndDestroy();
    });
    backend.on('error', () => {
      if (!client.destroyed) client.resetAndDestroy();
    });
    client.on('close', drop);
    backend.on('close', drop);
  }

  /** Reset every connection going to `ip` (its pod was killed). */
  resetBackend(ip: string): void {
    for (const p of [...this.pairs]) {
      if (p.ip !== ip) continue;
      this.pairs.delete(p);
      if (!p.client.destroyed) p.client.resetAndDestroy();
      if (!p.backend.destroyed) p.backend.resetAndDestroy();
    }
  }

  close(): void {
    this.closed = true;
    this.shut();
    for (const p of this.pairs) {
      p.client.destroy();
      p.backend.destroy();
    }
    this.pairs.clear();
  }
}

export interface ServicePortState {
  key: string;
  ip: string;
  port: number;
  backends: Backend[];
}

/** All Service listeners of one lab. */
export class ServiceProxy {
  private readonly ports = new Map<string, PortProxy>();

  constructor(private readonly onError: (err: Error) => void = () => {}) {}

  /** Make the listeners match `wanted` (keyed `ns/name:port`). */
  sync(wanted: readonly ServicePortState[]): void {
    const keep = new Set<string>();
    for (const w of wanted) {
      const key = `${w.key}@${w.ip}:${w.port}`;
      keep.add(key);
      let p = this.ports.get(key);
      if (!p) {
        p = new PortProxy(w.ip, w.port, this.onError);
        this.ports.set(key, p);
      }
      p.setBackends(w.backends);
    }
    for (const [key, p] of this.ports) {
      if (!keep.has(key)) {
        p.close();
        this.ports.delete(key);
      }
    }
  }

  resetBackend(ip: string): void {
    for (const p of this.ports.values()) p.resetBackend(ip);
  }

  listening(): { ip: string; port: number }[] {
    return [...this.ports.values()]
      .filter((p) => p.isListening)
      .map((p) => ({ ip: p.ip, port: p.port }));
  }

  close(): void {
    for (const p of this.ports.values()) p.close();
    this.ports.clear();
  }
}
