/**
 * A small, counted HTTP client for the Kubernetes API. `@kubernetes/client-node` resolves the
 * kubeconfig (contexts, in-cluster config, client certificates, tokens, exec plugins) and we send
 * the GETs ourselves, because live mode needs what the typed clients hide: raw API JSON (the
 * evidence model is the API's own shape), an exact request count, `Retry-After` on 429,
 * retries with back-off on 5xx and dropped connections, a per-request timeout and a
 * concurrency limit.
 */
import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';

export interface HttpOptions {
  /** Requests in flight at once. */
  concurrency: number;
  /** Per-request timeout (ms). */
  timeoutMs: number;
  /** Retries after the first attempt on 429, 5xx and network errors. */
  retries: number;
  /** Upper bound on one back-off wait (ms); Retry-After is honoured up to this. */
  maxBackoffMs: number;
}

export const DEFAULT_HTTP_OPTIONS: HttpOptions = {
  concurrency: 8,
  timeoutMs: 15_000,
  retries: 4,
  maxBackoffMs: 10_000,
};

/** An answer from the API server that is not a success. */
export class KubeApiError extends Error {
  readonly status: number;
  readonly reason: string;
  readonly path: string;
  constructor(status: number, reason: string, message: string, path: string) {
    super(message);
    this.name = 'KubeApiError';
    this.status = status;
    this.reason = reason;
    this.path = path;
  }
}

/** The kubeconfig's credentials or TLS settings cannot be applied (exec plugin failed, bad CA...). */
export class KubeConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KubeConfigError';
  }
}

/** The server could not be reached at all (refused, DNS, TLS, timeout after retries). */
export class KubeUnreachableError extends Error {
  readonly server: string;
  constructor(server: string, message: string) {
    super(message);
    this.name = 'KubeUnreachableError';
    this.server = server;
  }
}

export class KubeHttp {
  /** Requests sent, retries included (what the API server saw). */
  requests = 0;
  readonly server: string;
  private readonly kc: KubeConfig;
  private readonly options: HttpOptions;
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    kc: KubeConfig,
    options: Partial<HttpOptions> = {},
    sleep?: (ms: number) => Promise<void>,
  ) {
    this.kc = kc;
    this.options = { ...DEFAULT_HTTP_OPTIONS, ...options };
    this.server = kc.getCurrentCluster()?.server ?? '';
    this.sleep = sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  async getJson<T = unknown>(
    path: string,
    query: Record<string, string | number | boolean | undefined> = {},
  ): Promise<T> {
    const body = await this.request(path, query, 'application/json');
    try {
      return JSON.parse(body) as T;
    } catch {
      throw new KubeApiError(
        200,
        'BadResponse',
        `the API server answered ${path} with something that is not JSON`,
        path,
      );
    }
  }

  getText(
    path: string,
    query: Record<string, string | number | boolean | undefined> = {},
  ): Promise<string> {
    return this.request(path, query, 'text/plain, */*');
  }

  private async request(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    accept: string,
  ): Promise<string> {
    await this.acquire();
    try {
      let attempt = 0;
      for (;;) {
        this.requests++;
        try {
          return await this.once(path, query, accept);
        } catch (error) {
          if (error instanceof KubeConfigError) throw error;
          const wait = this.retryDelay(error, attempt);
          if (wait === undefined || attempt >= this.options.retries) {
            if (error instanceof KubeApiError) throw error;
            if (error instanceof RetryableStatus) {
              throw new KubeApiError(
                error.status,
                error.status === 429 ? 'TooManyRequests' : 'ServerError',
                error.message,
                path,
              );
            }
            throw new KubeUnreachableError(
              this.server,
              error instanceof Error ? error.message : String(error),
            );
          }
          attempt++;
          await this.sleep(wait);
        }
      }
    } finally {
      this.release();
    }
  }

  private retryDelay(error: unknown, attempt: number): number | undefined {
    const backoff = Math.min(this.options.maxBackoffMs, 200 * 2 ** attempt);
    if (error instanceof RetryableStatus) {
      if (error.retryAfterSeconds !== undefined)
        return Math.min(this.options.maxBackoffMs, error.retryAfterSeconds * 1000);
      return backoff;
    }
    if (error instanceof KubeApiError) return undefined;
    return backoff; // network error, reset, timeout
  }

  private async once(
    path: string,
    query: Record<string, string | number | boolean | undefined>,
    accept: string,
  ): Promise<string> {
    const url = new URL(this.server.replace(/\/$/, '') + path);
    for (const [k, v] of Object.entries(query))
      if (v !== undefined) url.searchParams.set(k, String(v));
    const opts: https.RequestOptions = {
      method: 'GET',
      headers: { Accept: accept, 'User-Agent': 'crashlens' },
    };
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (error) {
      // Credentials or TLS settings that cannot be used: retrying will not help.
      throw new KubeConfigError(error instanceof Error ? error.message : String(error));
    }
    const transport = url.protocol === 'http:' ? http : https;
    return new Promise<string>((resolve, reject) => {
      const req = transport.request(url, { ...opts, timeout: this.options.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve(text);
          const retryAfter = Number(res.headers['retry-after']);
          if (status === 429 || status >= 500) {
            return reject(
              new RetryableStatus(
                status,
                Number.isFinite(retryAfter) ? retryAfter : undefined,
                statusMessage(text, status),
              ),
            );
          }
          const parsed = parseStatus(text);
          reject(
            new KubeApiError(
              status,
              parsed.reason ?? String(status),
              parsed.message ?? `HTTP ${status}`,
              path,
            ),
          );
        });
      });
      req.on('timeout', () =>
        req.destroy(new Error(`no answer from ${url.host} within ${this.options.timeoutMs} ms`)),
      );
      req.on('error', reject);
      req.end();
    });
  }

  private acquire(): Promise<void> {
    if (this.active < this.options.concurrency) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.queue.push(() => resolve()));
  }

  private release(): void {
    const next = this.queue.shift();
    if (next) next();
    else this.active--;
  }
}

/** A 429/5xx answer, retried unless attempts run out. */
class RetryableStatus extends Error {
  readonly status: number;
  readonly retryAfterSeconds: number | undefined;
  constructor(status: number, retryAfterSeconds: number | undefined, message: string) {
    super(message);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function parseStatus(text: string): { reason?: string; message?: string } {
  try {
    const s = JSON.parse(text) as { reason?: string; message?: string };
    return {
      ...(s.reason ? { reason: s.reason } : {}),
      ...(s.message ? { message: s.message } : {}),
    };
  } catch {
    return { message: text.slice(0, 200) };
  }
}

function statusMessage(text: string, status: number): string {
  return parseStatus(text).message ?? `HTTP ${status}`;
}
