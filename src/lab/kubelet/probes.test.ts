/** Probe outcomes against a real HTTP server: status codes and transport errors in the kubelet's words. */
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { httpProbe, resolvePort, tcpProbe } from './probes.js';

describe('probes', () => {
  it('reports HTTP status and transport errors with the kubelet texts', async () => {
    const server = createServer((req, res) => {
      res.writeHead(req.url === '/healthz' ? 200 : 404);
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    expect(await httpProbe('127.0.0.1', port, '/healthz', [], 1000, 'HTTP')).toEqual({
      ok: true,
      output: '',
    });
    expect(await httpProbe('127.0.0.1', port, '/health', [], 1000, 'HTTP')).toEqual({
      ok: false,
      output: 'HTTP probe failed with statuscode: 404',
    });
    server.close();
    const refused = await httpProbe('127.0.0.1', port, '/healthz', [], 1000, 'HTTP');
    expect(refused.output).toBe(
      `Get "http://127.0.0.1:${port}/healthz": dial tcp 127.0.0.1:${port}: connect: connection refused`,
    );
    expect(await tcpProbe('127.0.0.1', port, 500)).toEqual({
      ok: false,
      output: `dial tcp 127.0.0.1:${port}: connect: connection refused`,
    });
  });

  it('resolves named ports', () => {
    expect(resolvePort('http', [{ name: 'http', containerPort: 8080 }])).toBe(8080);
    expect(resolvePort(9000, [])).toBe(9000);
    expect(resolvePort('nope', [])).toBeUndefined();
  });
});
