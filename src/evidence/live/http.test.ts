/**
 * KubeHttp against a real HTTP server on 127.0.0.1 that misbehaves on purpose: retries on 429
 * (honouring Retry-After) and 5xx, counts every request, maps 403/404 to KubeApiError and a dead
 * port to KubeUnreachableError.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeApiError, KubeHttp, KubeUnreachableError } from './http.js';

let server: http.Server;
let url = '';
const hits = new Map<string, number>();

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const n = (hits.get(path) ?? 0) + 1;
    hits.set(path, n);
    const json = (status: number, body: object, headers: Record<string, string> = {}): void => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (path === '/throttled' && n < 3)
      return json(
        429,
        { kind: 'Status', reason: 'TooManyRequests', message: 'slow down' },
        { 'Retry-After': '0' },
      );
    if (path === '/flaky' && n < 2)
      return json(503, { kind: 'Status', reason: 'ServiceUnavailable', message: 'try later' });
    if (path === '/broken')
      return json(500, { kind: 'Status', reason: 'InternalError', message: 'always broken' });
    if (path === '/forbidden')
      return json(403, {
        kind: 'Status',
        reason: 'Forbidden',
        message: 'pods "x" is forbidden: User "u" cannot get resource "pods/log"',
      });
    if (path === '/missing')
      return json(404, { kind: 'Status', reason: 'NotFound', message: 'pods "x" not found' });
    if (path === '/text') {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      return res.end('line 1\nline 2\n');
    }
    json(200, { kind: 'PodList', items: [] });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

function client(server_: string, retries = 4): KubeHttp {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: server_, skipTLSVerify: true }],
    users: [{ name: 'u', token: 't' }],
    contexts: [{ name: 'x', cluster: 'c', user: 'u' }],
    currentContext: 'x',
  });
  return new KubeHttp(kc, { retries, timeoutMs: 2000 }, () => Promise.resolve());
}

describe('KubeHttp', () => {
  it('retries 429 with Retry-After and counts every request', async () => {
    const c = client(url);
    await expect(c.getJson('/throttled')).resolves.toMatchObject({ kind: 'PodList' });
    expect(c.requests).toBe(3);
  });

  it('retries a 503 once it passes', async () => {
    const c = client(url);
    await c.getJson('/flaky');
    expect(c.requests).toBe(2);
  });

  it('gives up on a persistent 500 after the retries, as an API error', async () => {
    const c = client(url, 2);
    await expect(c.getJson('/broken')).rejects.toMatchObject({ name: 'KubeApiError', status: 500 });
    expect(c.requests).toBe(3);
  });

  it('does not retry 403 and 404', async () => {
    const c = client(url);
    const forbidden = await c.getJson('/forbidden').catch((e: unknown) => e);
    expect(forbidden).toBeInstanceOf(KubeApiError);
    expect((forbidden as KubeApiError).status).toBe(403);
    await expect(c.getJson('/missing')).rejects.toMatchObject({ status: 404, reason: 'NotFound' });
    expect(c.requests).toBe(2);
  });

  it('reads text', async () => {
    await expect(client(url).getText('/text')).resolves.toBe('line 1\nline 2\n');
  });

  it('reports a closed port as unreachable', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    await expect(client(`http://127.0.0.1:${port}`, 1).getJson('/x')).rejects.toBeInstanceOf(
      KubeUnreachableError,
    );
  });
});
