/**
 * `?watch=true` streams: chunked, newline-delimited `{"type","object"}` events. Without a
 * resourceVersion (or with "0") the stream starts with synthetic ADDED events for the current
 * state, as the API server does; `sendInitialEvents=true` adds the
 * `k8s.io/initial-events-end` BOOKMARK after them (what WatchList clients wait for);
 * `allowWatchBookmarks` gets periodic BOOKMARKs; a resourceVersion older than the retained
 * history gets an in-stream `410 Expired` ERROR. With a Table Accept header each event
 * carries a one-row Table (column definitions only on the first), which is how
 * `kubectl get -w` prints. Fault injection can drop the stream after N events or expire it.
 */
import type { LabObject, WatchEvent } from '../store/types.js';
import { StoreError } from '../store/types.js';
import { toJson } from '../store/json-cache.js';
import { apiVersionOf } from '../store/resource-types.js';
import type { HandlerArgs } from './handlers.js';
import { buildTable } from './tables/index.js';
import { ApiError, badRequest, failure } from './status.js';
import { includeObjectOf, objectJson } from './objects.js';

export interface WatchFaults {
  dropAfterEvents: number | undefined;
  expire: boolean;
  onDropped?: () => void;
}

function bool(query: URLSearchParams, name: string): boolean {
  const v = query.get(name);
  return v === 'true' || v === '1';
}

export function handleWatch(a: HandlerArgs, faults: WatchFaults): void {
  const { ctx, res, query, api } = a;
  const options: { labelSelector?: string; fieldSelector?: string } = {};
  const labelSelector = query.get('labelSelector');
  let fieldSelector = query.get('fieldSelector') ?? '';
  if (a.info.name)
    fieldSelector = fieldSelector
      ? `${fieldSelector},metadata.name=${a.info.name}`
      : `metadata.name=${a.info.name}`;
  if (labelSelector) options.labelSelector = labelSelector;
  if (fieldSelector) options.fieldSelector = fieldSelector;
  const rv = query.get('resourceVersion') ?? '';
  const sendInitial = bool(query, 'sendInitialEvents');
  const bookmarks = bool(query, 'allowWatchBookmarks');
  const timeoutParam = query.get('timeoutSeconds');
  const timeoutSeconds = timeoutParam ? Number(timeoutParam) : ctx.maxWatchSeconds;
  if (!Number.isFinite(timeoutSeconds) || timeoutSeconds < 0)
    throw badRequest(`invalid value for timeoutSeconds: ${timeoutParam ?? ''}`);
  if (sendInitial && query.get('resourceVersionMatch') !== 'NotOlderThan') {
    throw new ApiError(
      422,
      'Invalid',
      `ListOptions.meta.k8s.io "" is invalid: resourceVersionMatch: Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan`,
    );
  }
  const table = a.target.kind === 'table' ? a.target : undefined;
  const includeObject = table ? includeObjectOf(query) : 'Metadata';
  // Validate selectors before committing to a 200.
  ctx.store.listShared(api.storage, a.info.namespace, { ...options, limit: 1 });

  res.writeHead(200, {
    'Content-Type': 'application/json',
    'Cache-Control': 'no-cache, private',
    'Transfer-Encoding': 'chunked',
  });
  res.socket?.setNoDelay(true);
  res.flushHeaders();

  let closed = false;
  let sent = 0;
  let headersSent = false;
  let stop: (() => void) | undefined;
  const timers: NodeJS.Timeout[] = [];

  const finish = (): void => {
    if (closed) return;
    closed = true;
    stop?.();
    for (const t of timers) clearTimeout(t);
    ctx.streams.delete(finish);
    res.end();
  };
  ctx.streams.add(finish);
  res.on('close', finish);

  const line = (json: string): void => {
    if (closed) return;
    res.write(json + '\n');
    // A client that stops reading is dropped rather than buffered without bound.
    if ((res.socket?.writableLength ?? 0) > 64 * 1024 * 1024) res.destroy();
  };

  const eventJson = (type: string, obj: LabObject): string => {
    if (table) {
      const t = buildTable({
        type: api.type,
        items: [obj],
        now: ctx.clock.now(),
        includeObject,
        version: table.version,
        noHeaders: headersSent,
        listMeta: { resourceVersion: obj.metadata.resourceVersion ?? '' },
      });
      headersSent = true;
      return `{"type":"${type}","object":${JSON.stringify(t)}}`;
    }
    return `{"type":"${type}","object":${objectJson(api, obj)}}`;
  };

  const deliver = (e: WatchEvent): void => {
    if (closed) return;
    line(eventJson(e.type, e.object));
    sent++;
    if (faults.dropAfterEvents !== undefined && sent >= faults.dropAfterEvents) {
      // The connection ends mid-watch, as when an API server restarts or a proxy times out.
      faults.onDropped?.();
      finish();
    }
  };

  const bookmark = (extraAnnotations?: Record<string, string>): void => {
    const metadata: Record<string, unknown> = {
      resourceVersion: ctx.store.currentResourceVersion(),
      creationTimestamp: null,
    };
    if (extraAnnotations) metadata['annotations'] = extraAnnotations;
    line(
      toJson({
        type: 'BOOKMARK',
        object: { kind: api.type.kind, apiVersion: apiVersionOf(api.type), metadata },
      }),
    );
  };

  const expired = (message: string): void => {
    line(JSON.stringify({ type: 'ERROR', object: failure(410, 'Expired', message) }));
    finish();
  };

  if (faults.expire) {
    expired(`too old resource version: ${rv || '0'} (${ctx.store.currentResourceVersion()})`);
    return;
  }

  try {
    let from: string | undefined = rv;
    if (sendInitial || rv === '' || rv === '0') {
      const state = ctx.store.listShared(api.storage, a.info.namespace, options);
      for (const obj of state.items) deliver({ type: 'ADDED', object: obj });
      from = state.resourceVersion;
      if (sendInitial) {
        const listKind = `${api.type.kind}List`;
        const blueprint = Buffer.from(
          JSON.stringify({
            kind: listKind,
            apiVersion: apiVersionOf(api.type),
            metadata: {},
            items: null,
          }),
        ).toString('base64');
        bookmark({
          'k8s.io/initial-events-end': 'true',
          'k8s.io/initial-events-list-blueprint': blueprint,
        });
      }
    }
    if (closed) return;
    stop = ctx.store.watchShared(api.storage, a.info.namespace, from, deliver, options);
  } catch (error) {
    if (error instanceof StoreError && error.reason === 'Expired') {
      expired(error.message);
      return;
    }
    line(
      JSON.stringify({
        type: 'ERROR',
        object: failure(
          500,
          'InternalError',
          error instanceof Error ? error.message : String(error),
        ),
      }),
    );
    finish();
    return;
  }
  if (bookmarks && ctx.bookmarkIntervalMs > 0) {
    const tick = (): void => {
      if (closed) return;
      bookmark();
      timers.push(setTimeout(tick, ctx.bookmarkIntervalMs).unref());
    };
    timers.push(setTimeout(tick, ctx.bookmarkIntervalMs).unref());
  }
  if (timeoutSeconds > 0) {
    timers.push(
      setTimeout(() => {
        if (bookmarks) bookmark();
        finish();
      }, timeoutSeconds * 1000).unref(),
    );
  }
}
