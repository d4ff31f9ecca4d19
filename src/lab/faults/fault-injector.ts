/**
 * Fault injection for reliability tests of clients talking to the lab: a fraction of requests
 * answered `429 TooManyRequests` with `Retry-After`, `500`/`503`, added latency, watches
 * dropped after N events, and watches answered with an in-stream `410 Expired`. Decisions come
 * from a seeded generator that draws the same number of values per request, so a given request
 * sequence gets the same faults on every run. Options can be changed while the server runs;
 * paths can be exempted (e.g. discovery) or targeted.
 */
import { seededRandom, type RandomSource } from '../store/names.js';

export type PathPattern = string | RegExp;

export interface FaultOptions {
  seed?: number;
  /** Fraction (0..1) of requests answered 429 with Retry-After. */
  throttleRate?: number;
  retryAfterSeconds?: number;
  /** Fraction (0..1) of requests answered with a server error. */
  errorRate?: number;
  /** Which server errors to pick from (default [500, 503]). */
  errorCodes?: readonly (500 | 503)[];
  /** Added latency per request: fixed, or uniform in [min, max]. */
  latencyMs?: number | { min: number; max: number };
  /** End every watch stream after this many events (a dropped connection). */
  watchDropAfterEvents?: number;
  /** Fraction (0..1) of watch requests answered with an in-stream 410 Expired. */
  watchExpireRate?: number;
  /** Requests whose path starts with (or matches) one of these are never faulted. */
  exemptPaths?: readonly PathPattern[];
  /** When set, only requests whose path matches one of these are faulted. */
  onlyPaths?: readonly PathPattern[];
  /** When set, only these verbs (get, list, watch, create, update, patch, delete) are faulted. */
  verbs?: readonly string[];
}

export interface RequestInfoForFaults {
  method: string;
  path: string;
  verb?: string;
  watch?: boolean;
}

export type RequestFault =
  | { kind: 'none' }
  | { kind: 'throttle'; retryAfterSeconds: number }
  | { kind: 'error'; code: 500 | 503 };

export interface FaultDecision {
  latencyMs: number;
  fault: RequestFault;
  /** For watches: end the stream after this many events. */
  dropAfterEvents: number | undefined;
  /** For watches: answer with 410 Expired. */
  expireWatch: boolean;
}

export interface FaultStats {
  requests: number;
  throttled: number;
  errors: number;
  delayed: number;
  watchesExpired: number;
  watchesDropped: number;
}

const NONE: FaultDecision = {
  latencyMs: 0,
  fault: { kind: 'none' },
  dropAfterEvents: undefined,
  expireWatch: false,
};

function matches(path: string, patterns: readonly PathPattern[]): boolean {
  return patterns.some((p) => (typeof p === 'string' ? path.startsWith(p) : p.test(path)));
}

export class FaultInjector {
  private options: FaultOptions;
  private random: RandomSource;
  readonly stats: FaultStats = {
    requests: 0,
    throttled: 0,
    errors: 0,
    delayed: 0,
    watchesExpired: 0,
    watchesDropped: 0,
  };

  constructor(options: FaultOptions = {}) {
    this.options = { ...options };
    this.random = seededRandom(options.seed ?? 1);
  }

  /** Replaces the options (re-seeding when a seed is given). */
  set(options: FaultOptions): void {
    this.options = { ...options };
    if (options.seed !== undefined) this.random = seededRandom(options.seed);
  }

  /** Changes some options, keeping the rest. */
  update(partial: Partial<FaultOptions>): void {
    this.set({ ...this.options, ...partial });
  }

  /** Turns every fault off. */
  clear(): void {
    this.options = {};
  }

  current(): Readonly<FaultOptions> {
    return this.options;
  }

  decide(req: RequestInfoForFaults): FaultDecision {
    const o = this.options;
    // Always draw the same number of values so the sequence does not depend on the options.
    const [r1, r2, r3, r4] = [this.random(), this.random(), this.random(), this.random()];
    if (o.exemptPaths && matches(req.path, o.exemptPaths)) return NONE;
    if (o.onlyPaths && !matches(req.path, o.onlyPaths)) return NONE;
    if (o.verbs && !(req.verb && o.verbs.includes(req.verb))) return NONE;
    this.stats.requests++;
    let latencyMs = 0;
    if (typeof o.latencyMs === 'number') latencyMs = o.latencyMs;
    else if (o.latencyMs) latencyMs = o.latencyMs.min + r4 * (o.latencyMs.max - o.latencyMs.min);
    if (latencyMs > 0) this.stats.delayed++;
    let fault: RequestFault = { kind: 'none' };
    if (o.throttleRate && r1 < o.throttleRate) {
      fault = { kind: 'throttle', retryAfterSeconds: o.retryAfterSeconds ?? 1 };
      this.stats.throttled++;
    } else if (o.errorRate && r2 < o.errorRate) {
      const codes: readonly (500 | 503)[] =
        o.errorCodes && o.errorCodes.length > 0 ? o.errorCodes : [500, 503];
      fault = { kind: 'error', code: codes[Math.floor(r3 * codes.length)] ?? 500 };
      this.stats.errors++;
    }
    const expireWatch =
      req.watch === true && fault.kind === 'none' && !!o.watchExpireRate && r3 < o.watchExpireRate;
    if (expireWatch) this.stats.watchesExpired++;
    const dropAfterEvents =
      req.watch && o.watchDropAfterEvents !== undefined ? o.watchDropAfterEvents : undefined;
    return { latencyMs, fault, dropAfterEvents, expireWatch };
  }

  noteWatchDropped(): void {
    this.stats.watchesDropped++;
  }
}

/** The Status body and headers the API server sends for a request fault. */
export function faultResponse(fault: Exclude<RequestFault, { kind: 'none' }>): {
  code: number;
  headers: Record<string, string>;
  body: object;
} {
  if (fault.kind === 'throttle') {
    return {
      code: 429,
      headers: { 'Retry-After': String(fault.retryAfterSeconds) },
      body: {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Failure',
        message: 'Too many requests, please try again later.',
        reason: 'TooManyRequests',
        details: {
          causes: [{ message: 'injected by the lab fault injector' }],
          retryAfterSeconds: fault.retryAfterSeconds,
        },
        code: 429,
      },
    };
  }
  const unavailable = fault.code === 503;
  return {
    code: fault.code,
    headers: unavailable ? { 'Retry-After': '1' } : {},
    body: {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: unavailable
        ? 'the server is currently unable to handle the request'
        : 'Internal error occurred: injected by the lab fault injector',
      reason: unavailable ? 'ServiceUnavailable' : 'InternalError',
      details: { causes: [{ message: 'injected by the lab fault injector' }] },
      code: fault.code,
    },
  };
}
