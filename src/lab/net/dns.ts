/**
 * The lab's cluster DNS: a table of `svc.ns.svc.<domain>` names (and headless Services' pod
 * records) written as one JSON file the preloads read, so lab processes resolve Service names
 * the way a pod resolves them through CoreDNS. Writes are atomic (write, then rename).
 */
import { renameSync, writeFileSync } from 'node:fs';

export interface DnsService {
  name: string;
  namespace: string;
  clusterIP: string | undefined;
  /** Ready endpoint addresses, used for headless Services. */
  endpoints: { ip: string; hostname?: string }[];
}

export function dnsRecords(
  services: readonly DnsService[],
  domain: string,
): Record<string, string[]> {
  const records: Record<string, string[]> = {};
  for (const s of services) {
    const fqdn = `${s.name}.${s.namespace}.svc.${domain}`;
    if (s.clusterIP && s.clusterIP !== 'None') {
      records[fqdn] = [s.clusterIP];
    } else {
      const ips = s.endpoints.map((e) => e.ip);
      if (ips.length > 0) records[fqdn] = ips;
      for (const e of s.endpoints) if (e.hostname) records[`${e.hostname}.${fqdn}`] = [e.ip];
    }
  }
  return records;
}

export class DnsTable {
  private last = '';

  constructor(readonly path: string) {
    this.write({});
  }

  write(records: Record<string, string[]>): void {
    const text = JSON.stringify({ records }, null, 1);
    if (text === this.last) return;
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, text, { mode: 0o644 });
    renameSync(tmp, this.path);
    this.last = text;
  }
}
