/**
 * Live cost: `diagnose -A` against the lab in scale mode (5,000 simulated pods, 50 failing),
 * against the naive per-pod routine a script around kubectl or a per-pod analyzer runs (list
 * the pods, then for every pod: get it, list its events, read its logs), on the same server with
 * the same HTTP client and concurrency. Reports requests and wall time of both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { DETECTORS } from '../src/detectors/index.js';
import { diagnose } from '../src/engine/diagnose.js';
import { collectLive } from '../src/evidence/live/collect.js';
import { KubeHttp } from '../src/evidence/live/http.js';
import { startApiServer } from '../src/lab/api/server.js';
import { populateSimulatedCluster } from '../src/lab/sim/populate.js';
import { MemoryLogStore } from '../src/lab/store/log-store.js';
import { MemoryStore } from '../src/lab/store/memory-store.js';
import { repeat, round, stats } from './measure.js';

interface PodLite {
  metadata: { name: string; namespace: string };
  status?: { containerStatuses?: { name: string; restartCount?: number }[] };
}

export async function liveBenchmark(options: { quick: boolean }): Promise<{
  result: Record<string, unknown>;
  summary: {
    bench: string;
    measure: string;
    value: string;
    baseline: string;
    ratio: string;
    goal: string;
    met: string;
  }[];
}> {
  const pods = options.quick ? 1000 : 5000;
  const failing = options.quick ? 20 : 50;
  const store = new MemoryStore();
  const logs = new MemoryLogStore();
  const population = populateSimulatedCluster(store, logs, undefined, {
    pods,
    failing,
    namespaces: 20,
    seed: 11,
  });
  const server = await startApiServer({ store, logs });
  const dir = mkdtempSync(join(tmpdir(), 'crashlens-bench-live-'));
  try {
    const kubeconfig = await server.writeKubeconfig(join(dir, 'kubeconfig'));
    const ours = await repeat(3, async () => {
      const start = process.hrtime.bigint();
      const r = await collectLive({
        kubeconfig,
        allNamespaces: true,
        now: new Date().toISOString(),
      });
      const report = diagnose(r.bundle, {
        detectors: Object.values(DETECTORS),
        version: 'bench',
        mode: 'live',
        inputs: [r.server],
        apiRequests: r.apiRequests,
      });
      return {
        ms: Number(process.hrtime.bigint() - start) / 1e6,
        requests: r.apiRequests,
        diagnosed: report.diagnoses.length,
      };
    });
    const naive = await repeat(options.quick ? 2 : 1, async () => {
      const kc = new KubeConfig();
      kc.loadFromFile(kubeconfig);
      const http = new KubeHttp(kc);
      const start = process.hrtime.bigint();
      const list = await http.getJson<{ items: PodLite[] }>('/api/v1/pods');
      await Promise.all(
        list.items.map(async (p) => {
          const base = `/api/v1/namespaces/${p.metadata.namespace}/pods/${p.metadata.name}`;
          await http.getJson(base);
          await http.getJson(`/api/v1/namespaces/${p.metadata.namespace}/events`, {
            fieldSelector: `involvedObject.name=${p.metadata.name}`,
          });
          for (const c of p.status?.containerStatuses ?? []) {
            await http
              .getText(`${base}/log`, {
                container: c.name,
                previous: (c.restartCount ?? 0) > 0 || undefined,
              })
              .catch(() => '');
          }
        }),
      );
      return { ms: Number(process.hrtime.bigint() - start) / 1e6, requests: http.requests };
    });
    const t = stats(ours.map((o) => o.ms));
    const n = stats(naive.map((o) => o.ms));
    const requests = ours[0]?.requests ?? 0;
    const naiveRequests = naive[0]?.requests ?? 0;
    const budget = 10 + 2 * population.failingPods + 5;
    const requestRatio = round(naiveRequests / Math.max(1, requests), 1);
    const speed = round(n.median / t.median, 1);
    return {
      result: {
        pods,
        failing: population.failingPods,
        ours: { ms: t, requests, diagnosed: ours[0]?.diagnosed },
        naive: { ms: n, requests: naiveRequests },
        budget,
        requestRatio,
        speedup: speed,
      },
      summary: [
        {
          bench: 'live cost',
          measure: `diagnose -A, ${pods} pods / ${population.failingPods} failing: requests`,
          value: `${requests}`,
          baseline: `naive per-pod ${naiveRequests}`,
          ratio: `${requestRatio}× fewer`,
          goal: `≥ 20× fewer, ≤ ${budget}`,
          met: requestRatio >= 20 && requests <= budget ? 'yes' : 'no',
        },
        {
          bench: 'live cost',
          measure: 'wall time',
          value: `${t.median} ms`,
          baseline: `naive ${n.median} ms`,
          ratio: `${speed}× faster`,
          goal: 'faster',
          met: speed > 1 ? 'yes' : 'no',
        },
      ],
    };
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
