/**
 * Addresses for pods and Services from 127.0.0.0/8, which Linux routes to the loopback
 * interface without any set-up: pods get 127.<P>.x.y (like a 10.244.0.0/16 pod CIDR) and
 * Services 127.<S>.x.y (like 10.96.0.0/12). Several labs may run on one machine (parallel
 * test files), so each claims its pair of second octets with a lock file naming its pid; a
 * lock whose process is gone is taken over.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CrashlensError } from '../../errors.js';

/** Octet pairs (pods, services), tried in order. */
const NETWORKS: readonly [number, number][] = Array.from({ length: 40 }, (_, i) => [
  200 + i,
  160 + i,
]);

export interface NetworkLease {
  podOctet: number;
  serviceOctet: number;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Claim a free pair of networks for this lab. */
export function leaseNetwork(lockDir = join(tmpdir(), 'crashlens-lab-net')): NetworkLease {
  mkdirSync(lockDir, { recursive: true });
  for (const [podOctet, serviceOctet] of NETWORKS) {
    const lock = join(lockDir, `${podOctet}.lock`);
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
    } catch {
      let owner = NaN;
      try {
        owner = Number(readFileSync(lock, 'utf8'));
      } catch {
        // vanished: try it again below
      }
      if (Number.isFinite(owner) && owner !== process.pid && alive(owner)) continue;
      if (owner === process.pid) continue; // another lab in this process holds it
      try {
        rmSync(lock, { force: true });
        writeFileSync(lock, String(process.pid), { flag: 'wx' });
      } catch {
        continue;
      }
    }
    return {
      podOctet,
      serviceOctet,
      release: () => {
        try {
          if (readFileSync(lock, 'utf8') === String(process.pid)) rmSync(lock, { force: true });
        } catch {
          // already gone
        }
      },
    };
  }
  throw new CrashlensError('E_INTERNAL', 'Every lab network on this machine is in use.', {
    hint: 'Stop other labs (`crashlens lab down`) or remove stale locks in the system temp folder under crashlens-lab-net.',
  });
}

/** Hands out addresses in one /16, never the same twice until it wraps. */
export class AddressPool {
  private next = 0;
  private readonly used = new Set<string>();

  constructor(
    private readonly octet: number,
    /** How many low addresses to skip (x.0.0, x.0.1 …). */
    private readonly skip = 2,
  ) {}

  allocate(): string {
    for (let i = 0; i < 65_000; i++) {
      const n = this.skip + ((this.next + i) % (65_536 - this.skip - 1));
      const ip = `127.${this.octet}.${n >> 8}.${n & 255}`;
      if (!this.used.has(ip)) {
        this.used.add(ip);
        this.next = n - this.skip + 1;
        return ip;
      }
    }
    throw new CrashlensError('E_INTERNAL', `No free address left in 127.${this.octet}.0.0/16.`);
  }

  /** Mark an address as taken (one the API server or a manifest chose). */
  claim(ip: string): boolean {
    if (!this.contains(ip) || this.used.has(ip)) return false;
    this.used.add(ip);
    return true;
  }

  release(ip: string): void {
    this.used.delete(ip);
  }

  contains(ip: string): boolean {
    return ip.startsWith(`127.${this.octet}.`);
  }

  get cidr(): string {
    return `127.${this.octet}.0.0/16`;
  }
}
