/** The Service proxy with real sockets: refusal without endpoints, forwarding, reset when an endpoint dies. */
import { createServer, connect, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ServiceProxy } from './proxy.js';

const servers: Server[] = [];
afterEach(() => {
  for (const s of servers.splice(0)) s.close();
});

function echoServer(ip: string, port: number): Promise<{ server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((s) => {
    sockets.push(s);
    s.on('error', () => {});
    s.pipe(s);
  });
  servers.push(server);
  return new Promise((r) => server.listen(port, ip, () => r({ server, sockets })));
}

function dial(ip: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = connect({ host: ip, port });
    s.once('connect', () => resolve(s));
    s.once('error', reject);
  });
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('ServiceProxy', () => {
  it('refuses without endpoints, forwards to ready ones, resets when an endpoint dies', async () => {
    const proxy = new ServiceProxy();
    const svc = { key: 'ns/echo:7000', ip: '127.161.9.1', port: 7000 };
    proxy.sync([{ ...svc, backends: [] }]);
    await wait(30);
    await expect(dial(svc.ip, svc.port)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    await echoServer('127.201.9.2', 7100);
    proxy.sync([{ ...svc, backends: [{ ip: '127.201.9.2', port: 7100 }] }]);
    await wait(30);
    const client = await dial(svc.ip, svc.port);
    const reply = new Promise<string>((r) => client.once('data', (d) => r(d.toString())));
    client.write('ping');
    expect(await reply).toBe('ping');

    const closed = new Promise<NodeJS.ErrnoException | undefined>((r) => {
      client.once('error', (e) => r(e));
      client.once('close', () => r(undefined));
    });
    proxy.resetBackend('127.201.9.2');
    expect((await closed)?.code).toBe('ECONNRESET');
    proxy.close();
  });
});
