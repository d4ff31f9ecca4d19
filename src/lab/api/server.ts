/**
 * The lab's Kubernetes-compatible API server over node:http. Real `kubectl` (1.33) and
 * `@kubernetes/client-node` talk to it through a generated kubeconfig.
 *
 * Transport: HTTPS on 127.0.0.1 by default, with a self-signed certificate generated at start
 * (about 10 ms) that the kubeconfig trusts through `certificate-authority-data`. kubectl
 * would accept an `http://` server, but client-go sends credentials (bearer tokens,
 * impersonation) only over TLS, so over HTTP every kubectl request is anonymous and the
 * "restricted user gets 403" paths cannot be exercised. `tls: false` serves plain HTTP (for
 * clients that only need anonymous access); `tls: {key, cert}` uses given PEMs.
 *
 * It serves discovery (aggregated and classic), CRUD/list/watch/patch on every stored
 * resource, Tables for `kubectl get`, pod logs, `/status` and `/scale`, with optional fault
 * injection and token-based authorization. A bad request gets a 4xx Status, never a crash.
 */
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { LabClock, LogStore } from '../store/types.js';
import type { MemoryStore } from '../store/memory-store.js';
import { systemClock } from '../store/clock.js';
import { FaultInjector, faultResponse, type FaultOptions } from '../faults/fault-injector.js';
import type { ApiContext } from './context.js';
import { findResource } from './context.js';
import { apiResources } from './resource-info.js';
import { parseRequestInfo, type RequestInfo } from './request-info.js';
import { negotiate } from './negotiation.js';
import {
  SERVER_VERSION,
  aggregatedContentType,
  aggregatedDiscovery,
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
} from './discovery.js';
import { ApiError, methodNotAllowed, notFoundPath } from './status.js';
import { openApiDocument, openApiIndex } from './openapi.js';
import { generateLabCertificate } from './tls.js';
import { kubeconfigYaml, writeKubeconfig, type KubeconfigOptions } from './kubeconfig.js';
import { sendError, sendObject } from './respond.js';
import {
  authenticate,
  forbidden,
  tokenRulesAuthorizer,
  type Authorizer,
  type TokenTable,
} from './auth.js';
import {
  handleCreate,
  handleDelete,
  handleDeleteCollection,
  handleEviction,
  handleFinalize,
  handleGet,
  handleList,
  handlePatch,
  handleUpdate,
  type HandlerArgs,
} from './handlers.js';
import { handleWatch } from './watch.js';
import { handleLogs } from './logs.js';
import { handleScale } from './scale.js';

export interface ApiServerOptions {
  store: MemoryStore;
  logs: LogStore;
  clock?: LabClock;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: an ephemeral port. */
  port?: number;
  /** A FaultInjector to share (and change at runtime), or options for a new one. */
  faults?: FaultInjector | FaultOptions;
  /** Bearer tokens the server knows; unknown tokens get 401. Without it any token is accepted. */
  tokens?: TokenTable;
  /** Decides each request; default: allow all (or the `rules` of `tokens` when given). */
  authorizer?: Authorizer;
  /** DELETE of a bound pod only marks it (deletionTimestamp) and leaves removal to the kubelet. */
  gracefulPodDeletion?: boolean;
  /** Interval of BOOKMARK events on watches that allow them (default 10 s; 0 = never). */
  bookmarkIntervalMs?: number;
  /** Server-side cap of a watch without timeoutSeconds (default 1800 s). */
  maxWatchSeconds?: number;
  /** `classic` never serves aggregated discovery (forces clients onto the per-group lists). */
  discovery?: 'aggregated' | 'classic';
  /** HTTPS with a generated certificate (default `true`), given PEMs, or `false` for plain HTTP. */
  tls?: boolean | { key: string; cert: string };
  /** Called after each request (for request counting and debugging). */
  onRequest?: (entry: {
    method: string;
    path: string;
    status: number;
    ms: number;
    user: string;
  }) => void;
}

export interface ApiServer {
  url: string;
  host: string;
  port: number;
  /** The PEM certificate to trust (the server's own, self-signed) when serving HTTPS. */
  caPem: string | undefined;
  faults: FaultInjector;
  /** A kubeconfig for this server (CA included when HTTPS). */
  kubeconfig(options?: Omit<KubeconfigOptions, 'caPem'>): string;
  /** Writes that kubeconfig (mode 0600); returns the path. */
  writeKubeconfig(path: string, options?: Omit<KubeconfigOptions, 'caPem'>): Promise<string>;
  /** Requests served so far. */
  requestCount(): number;
  close(): Promise<void>;
}

function generatedTls(): { key: string; cert: string } {
  const c = generateLabCertificate();
  return { key: c.keyPem, cert: c.certPem };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function discovery(
  ctx: ApiContext,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
): boolean {
  const parts = path.split('/').filter(Boolean);
  const head = req.method === 'HEAD';
  if (path === '/version' || path === '/version/') {
    sendObject(res, 200, SERVER_VERSION, undefined, head);
    return true;
  }
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(head ? undefined : 'ok');
    return true;
  }
  if (parts[0] === 'openapi') {
    if (parts[1] === 'v3' && parts.length === 2) {
      sendObject(res, 200, openApiIndex(ctx.resources), undefined, head);
      return true;
    }
    const doc =
      parts[1] === 'v3' && parts[2] === 'api' && parts.length === 4
        ? openApiDocument(ctx.resources, '', parts[3] ?? '')
        : parts[1] === 'v3' && parts[2] === 'apis' && parts.length === 5
          ? openApiDocument(ctx.resources, parts[3] ?? '', parts[4] ?? '')
          : undefined;
    if (!doc) throw notFoundPath();
    sendObject(res, 200, doc, undefined, head);
    return true;
  }
  const isCore = parts[0] === 'api' && parts.length === 1;
  const isGroups = parts[0] === 'apis' && parts.length === 1;
  if (isCore || isGroups) {
    const target =
      ctx.discoveryMode === 'aggregated'
        ? negotiate(req.headers.accept, { discovery: true })
        : { kind: 'json' as const };
    if (target.kind === 'discovery') {
      sendObject(
        res,
        200,
        aggregatedDiscovery(ctx.resources, isCore, target.version),
        aggregatedContentType(target.version),
        head,
      );
    } else {
      sendObject(
        res,
        200,
        isCore ? apiVersions(ctx.serverAddress) : apiGroupList(ctx.resources),
        undefined,
        head,
      );
    }
    return true;
  }
  if (parts[0] === 'api' && parts.length === 2) {
    const doc = apiResourceList(ctx.resources, '', parts[1] ?? '');
    if (!doc) throw notFoundPath();
    sendObject(res, 200, doc, undefined, head);
    return true;
  }
  if (parts[0] === 'apis' && parts.length === 2) {
    const doc = apiGroup(ctx.resources, parts[1] ?? '');
    if (!doc) throw notFoundPath();
    sendObject(res, 200, doc, undefined, head);
    return true;
  }
  if (parts[0] === 'apis' && parts.length === 3) {
    const doc = apiResourceList(ctx.resources, parts[1] ?? '', parts[2] ?? '');
    if (!doc) throw notFoundPath();
    sendObject(res, 200, doc, undefined, head);
    return true;
  }
  return false;
}

async function dispatch(
  a: HandlerArgs,
  dropAfterEvents: number | undefined,
  expireWatch: boolean,
  faults: FaultInjector,
): Promise<void> {
  const { info, api } = a;
  const sub = info.subresource;
  if (sub === undefined) {
    switch (info.verb) {
      case 'get':
        return handleGet(a);
      case 'list':
        return handleList(a);
      case 'watch':
        return handleWatch(a, {
          dropAfterEvents,
          expire: expireWatch,
          onDropped: () => faults.noteWatchDropped(),
        });
      case 'create':
        if (info.name) throw methodNotAllowed();
        return handleCreate(a);
      case 'update':
        return handleUpdate(a);
      case 'patch':
        return handlePatch(a);
      case 'delete':
        return handleDelete(a);
      case 'deletecollection':
        return handleDeleteCollection(a);
    }
  }
  if (!info.name || !api.subresources.some((s) => s.name === sub)) throw notFoundPath();
  switch (sub) {
    case 'status':
      if (info.verb === 'get') return handleGet(a);
      if (info.verb === 'update') return handleUpdate(a);
      if (info.verb === 'patch') return handlePatch(a);
      throw methodNotAllowed();
    case 'scale':
      return handleScale(a);
    case 'log':
      if (info.verb !== 'get') throw methodNotAllowed();
      return handleLogs(a);
    case 'eviction':
      if (info.verb !== 'create') throw methodNotAllowed();
      return handleEviction(a);
    case 'finalize':
      if (info.verb !== 'update') throw methodNotAllowed();
      return handleFinalize(a);
    default:
      throw notFoundPath();
  }
}

/** Starts the API server; resolves once it listens. */
export async function startApiServer(options: ApiServerOptions): Promise<ApiServer> {
  const faults =
    options.faults instanceof FaultInjector
      ? options.faults
      : new FaultInjector(options.faults ?? {});
  const resources = apiResources(options.store);
  const ctx: ApiContext = {
    store: options.store,
    logs: options.logs,
    clock: options.clock ?? options.store.clock ?? systemClock(),
    resources,
    byPath: new Map(
      resources.map((r) => [`${r.type.group}/${r.type.version}/${r.type.resource}`, r]),
    ),
    gracefulPodDeletion: options.gracefulPodDeletion ?? false,
    bookmarkIntervalMs: options.bookmarkIntervalMs ?? 10_000,
    maxWatchSeconds: options.maxWatchSeconds ?? 1800,
    faults,
    tokens: options.tokens,
    authorizer:
      options.authorizer ?? (options.tokens ? tokenRulesAuthorizer(options.tokens) : undefined),
    serverAddress: '',
    discoveryMode: options.discovery ?? 'aggregated',
    streams: new Set(),
  };
  let requests = 0;

  const handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const started = Date.now();
    requests++;
    let user = 'system:anonymous';
    let info: RequestInfo | undefined;
    const url = new URL(req.url ?? '/', 'http://lab');
    const path = url.pathname;
    if (options.onRequest) {
      const report = options.onRequest;
      res.on('finish', () =>
        report({
          method: req.method ?? '',
          path: req.url ?? '',
          status: res.statusCode,
          ms: Date.now() - started,
          user,
        }),
      );
    }
    const run = async (): Promise<void> => {
      info = parseRequestInfo(req.method ?? 'GET', path, url.searchParams);
      const decision = faults.decide({
        method: req.method ?? 'GET',
        path,
        ...(info ? { verb: info.verb } : {}),
        watch: info?.verb === 'watch',
      });
      if (decision.latencyMs > 0) await sleep(decision.latencyMs);
      if (decision.fault.kind !== 'none') {
        const f = faultResponse(decision.fault);
        for (const [k, v] of Object.entries(f.headers)) res.setHeader(k, v);
        sendObject(res, f.code, f.body);
        req.resume();
        return;
      }
      const who = authenticate(req.headers.authorization, ctx.tokens);
      user = who.name;
      if (!info) {
        if (req.method !== 'GET' && req.method !== 'HEAD') throw methodNotAllowed();
        if (discovery(ctx, req, res, path)) return;
        throw notFoundPath();
      }
      const api = findResource(ctx, info.group, info.version, info.resource);
      if (!api) throw notFoundPath();
      if (
        api.type.namespaced &&
        !info.namespace &&
        info.verb !== 'list' &&
        info.verb !== 'watch' &&
        info.verb !== 'deletecollection'
      ) {
        throw notFoundPath();
      }
      if (!api.type.namespaced && info.namespace) throw notFoundPath();
      if (ctx.authorizer) {
        const attrs = {
          user: who,
          verb: info.verb,
          group: info.group,
          resource: info.resource,
          subresource: info.subresource,
          namespace: info.namespace,
          name: info.name,
        };
        const verdict = ctx.authorizer(attrs);
        const allowed = typeof verdict === 'boolean' ? verdict : verdict.allowed;
        if (!allowed)
          throw forbidden(attrs, typeof verdict === 'boolean' ? undefined : verdict.reason);
      }
      const target = negotiate(req.headers.accept);
      if (target.kind === 'unacceptable' || target.kind === 'discovery') {
        throw new ApiError(
          406,
          'NotAcceptable',
          'only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf',
        );
      }
      await dispatch(
        { ctx, req, res, info, api, query: url.searchParams, target },
        decision.dropAfterEvents,
        decision.expireWatch,
        faults,
      );
    };
    run().catch((error: unknown) => {
      req.resume();
      sendError(res, error, { name: info?.name, group: info?.group, resource: info?.resource });
    });
  };

  const tls =
    options.tls === false
      ? undefined
      : options.tls === undefined || options.tls === true
        ? generatedTls()
        : { key: options.tls.key, cert: options.tls.cert };
  const server = tls
    ? https.createServer({ key: tls.key, cert: tls.cert }, handler)
    : http.createServer(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const hostForUrl = host.includes(':') ? `[${host}]` : host;
  ctx.serverAddress = `${hostForUrl}:${address.port}`;
  const url = `${tls ? 'https' : 'http'}://${hostForUrl}:${address.port}`;
  const caPem = tls?.cert;
  const withCa = (o: Omit<KubeconfigOptions, 'caPem'> = {}): KubeconfigOptions =>
    caPem ? { ...o, caPem } : o;
  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port: address.port,
    caPem,
    faults,
    kubeconfig: (o) => kubeconfigYaml(url, withCa(o)),
    writeKubeconfig: (path, o) => writeKubeconfig(path, url, withCa(o)),
    requestCount: () => requests,
    close(): Promise<void> {
      closing ??= new Promise<void>((resolve) => {
        for (const finish of [...ctx.streams]) finish();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
