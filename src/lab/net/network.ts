/**
 * The lab's pod network: addresses for pods and Services (127.0.0.0/8), the cluster DNS table,
 * the Service proxy, and the preload files lab processes load. It watches Services and their
 * endpoints in the store and keeps listeners and DNS in step. Services the API server gave an
 * address outside the lab's loopback range get one inside it (written back to the Service), so
 * what `kubectl get svc` shows is where the proxy really listens.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabObject, ObjectStore, ResourceType } from '../store/types.js';
import { DnsTable, dnsRecords, type DnsService } from './dns.js';
import { AddressPool, leaseNetwork, type NetworkLease } from './ipam.js';
import { NODE_PRELOAD } from './preload-node.js';
import { PYTHON_SITECUSTOMIZE } from './preload-python.js';
import { ServiceProxy, type Backend, type ServicePortState } from './proxy.js';

export interface LabNetworkOptions {
  store: ObjectStore;
  /** A private directory for the DNS table and preloads. */
  dir: string;
  clusterDomain?: string;
  /** Use these octets instead of leasing a free pair (tests). */
  lease?: NetworkLease;
  onError?: (err: unknown) => void;
}

export interface PreloadFiles {
  /** For NODE_OPTIONS=--require <file>. */
  nodePreload: string;
  /** A directory to put first on PYTHONPATH (holds sitecustomize.py). */
  pythonPath: string;
  dnsTable: string;
}

interface SvcSpec {
  clusterIP?: string;
  clusterIPs?: string[];
  type?: string;
  selector?: Record<string, string>;
  ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[];
}

export class LabNetwork {
  readonly pods: AddressPool;
  readonly services: AddressPool;
  readonly proxy: ServiceProxy;
  readonly files: PreloadFiles;
  readonly clusterDomain: string;
  readonly hostIP = '127.0.0.1';
  private readonly lease: NetworkLease;
  private readonly dns: DnsTable;
  private readonly stops: (() => void)[] = [];
  private readonly store: ObjectStore;
  private readonly onError: (err: unknown) => void;
  private pending: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(options: LabNetworkOptions) {
    this.store = options.store;
    this.onError = options.onError ?? (() => {});
    this.clusterDomain = options.clusterDomain ?? 'cluster.local';
    this.lease = options.lease ?? leaseNetwork();
    this.pods = new AddressPool(this.lease.podOctet);
    this.services = new AddressPool(this.lease.serviceOctet, 1);
    this.proxy = new ServiceProxy((err) => this.onError(err));
    mkdirSync(join(options.dir, 'python'), { recursive: true });
    chmodSync(options.dir, 0o755);
    chmodSync(join(options.dir, 'python'), 0o755);
    this.files = {
      nodePreload: join(options.dir, 'preload.cjs'),
      pythonPath: join(options.dir, 'python'),
      dnsTable: join(options.dir, 'dns.json'),
    };
    writeFileSync(this.files.nodePreload, NODE_PRELOAD, { mode: 0o644 });
    writeFileSync(join(this.files.pythonPath, 'sitecustomize.py'), PYTHON_SITECUSTOMIZE, {
      mode: 0o644,
    });
    this.dns = new DnsTable(this.files.dnsTable);
  }

  private type(group: string, resource: string): ResourceType | undefined {
    return this.store.typeOf(group, resource);
  }

  start(): void {
    const watched: [string, string][] = [
      ['', 'services'],
      ['', 'endpoints'],
      ['discovery.k8s.io', 'endpointslices'],
      ['', 'pods'],
    ];
    for (const [g, r] of watched) {
      const t = this.type(g, r);
      if (!t) continue;
      this.stops.push(this.store.watch(t, undefined, undefined, () => this.schedule()));
    }
    this.sync();
  }

  /** Coalesce bursts of changes into one sync. */
  private schedule(): void {
    if (this.stopped || this.pending) return;
    this.pending = setTimeout(() => {
      this.pending = undefined;
      try {
        this.sync();
      } catch (err) {
        this.onError(err);
      }
    }, 5);
  }

  /** Bring cluster IPs, DNS and listeners in line with the store now. */
  sync(): void {
    if (this.stopped) return;
    const svcType = this.type('', 'services');
    if (!svcType) return;
    const services = this.store.list(svcType, undefined).items;
    const dnsServices: DnsService[] = [];
    const wanted: ServicePortState[] = [];
    for (const svc of services) {
      const spec = (svc['spec'] ?? {}) as SvcSpec;
      if (spec.type === 'ExternalName') continue;
      let ip = spec.clusterIP;
      if (ip && ip !== 'None' && !this.services.contains(ip)) ip = this.relocate(svcType, svc);
      else if (ip && ip !== 'None') this.services.claim(ip);
      const ns = svc.metadata.namespace ?? 'default';
      const name = svc.metadata.name ?? '';
      const eps = this.endpointsOf(svc);
      dnsServices.push({ name, namespace: ns, clusterIP: ip, endpoints: eps.addresses });
      if (!ip || ip === 'None') continue;
      for (const p of spec.ports ?? []) {
        if ((p.protocol ?? 'TCP') !== 'TCP') continue;
        const backends: Backend[] = [];
        for (const a of eps.addresses) {
          const port =
            eps.portFor(p.name ?? '', a.ip) ??
            (typeof p.targetPort === 'number' ? p.targetPort : undefined);
          if (port !== undefined) backends.push({ ip: a.ip, port });
        }
        wanted.push({ key: `${ns}/${name}:${p.port}`, ip, port: p.port, backends });
      }
    }
    this.dns.write(dnsRecords(dnsServices, this.clusterDomain));
    this.proxy.sync(wanted);
  }

  /** Give a Service an address in the lab's range, keeping the last two octets when free. */
  private relocate(type: ResourceType, svc: LabObject): string | undefined {
    const spec = (svc['spec'] ?? {}) as SvcSpec;
    const old = spec.clusterIP ?? '';
    const m = /^\d+\.\d+\.(\d+)\.(\d+)$/.exec(old);
    let ip: string | undefined;
    if (m) {
      const candidate = `127.${this.lease.serviceOctet}.${m[1]}.${m[2]}`;
      if (this.services.claim(candidate)) ip = candidate;
    }
    ip ??= this.services.allocate();
    try {
      const fresh = this.store.get(type, svc.metadata.namespace, svc.metadata.name ?? '');
      if (!fresh) return undefined;
      const next = structuredClone(fresh) as LabObject & { spec: SvcSpec };
      next.spec.clusterIP = ip;
      next.spec.clusterIPs = [ip];
      delete next.metadata.resourceVersion;
      this.store.update(type, next);
    } catch (err) {
      this.onError(err);
    }
    return ip;
  }

  /** Ready addresses of a Service and the target port per service-port name. */
  private endpointsOf(svc: LabObject): {
    addresses: { ip: string; hostname?: string }[];
    portFor: (portName: string, ip: string) => number | undefined;
  } {
    const ns = svc.metadata.namespace ?? 'default';
    const name = svc.metadata.name ?? '';
    const sliceType = this.type('discovery.k8s.io', 'endpointslices');
    const epType = this.type('', 'endpoints');
    const addresses: { ip: string; hostname?: string }[] = [];
    const ports = new Map<string, number>();
    if (sliceType) {
      const slices = this.store.list(sliceType, ns, {
        labelSelector: `kubernetes.io/service-name=${name}`,
      }).items;
      for (const s of slices) {
        for (const ep of (s['endpoints'] ?? []) as {
          addresses?: string[];
          hostname?: string;
          conditions?: { ready?: boolean };
        }[]) {
          if (ep.conditions?.ready === false) continue;
          for (const ip of ep.addresses ?? [])
            addresses.push({ ip, ...(ep.hostname ? { hostname: ep.hostname } : {}) });
        }
        for (const p of (s['ports'] ?? []) as { name?: string; port?: number }[]) {
          if (p.port !== undefined) ports.set(p.name ?? '', p.port);
        }
      }
      if (slices.length > 0) return { addresses, portFor: (n) => ports.get(n) };
    }
    if (epType) {
      const ep = this.store.get(epType, ns, name);
      if (ep) {
        for (const subset of (ep['subsets'] ?? []) as {
          addresses?: { ip: string; hostname?: string }[];
          ports?: { name?: string; port: number }[];
        }[]) {
          for (const a of subset.addresses ?? [])
            addresses.push({ ip: a.ip, ...(a.hostname ? { hostname: a.hostname } : {}) });
          for (const p of subset.ports ?? []) ports.set(p.name ?? '', p.port);
        }
        return { addresses, portFor: (n) => ports.get(n) };
      }
    }
    return { addresses, portFor: () => undefined };
  }

  /** A pod's containers are being killed: reset connections proxied to it. */
  podStopping(ip: string): void {
    this.proxy.resetBackend(ip);
  }

  stop(): void {
    this.stopped = true;
    if (this.pending) clearTimeout(this.pending);
    for (const s of this.stops.splice(0)) s();
    this.proxy.close();
    this.lease.release();
  }
}
