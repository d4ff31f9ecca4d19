/**
 * Writing responses and reading bodies: JSON with the right Content-Type, Status errors (never
 * a crashed server: every failure becomes a Status), and request bodies with a size cap.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, toStatus, type ErrorContext } from './status.js';

export function sendJson(
  res: ServerResponse,
  code: number,
  json: string,
  contentType = 'application/json',
  headOnly = false,
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  res.writeHead(code, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(json),
    'Cache-Control': 'no-cache, private',
  });
  res.end(headOnly ? undefined : json);
}

export function sendObject(
  res: ServerResponse,
  code: number,
  obj: unknown,
  contentType?: string,
  headOnly = false,
): void {
  sendJson(res, code, JSON.stringify(obj), contentType, headOnly);
}

export function sendError(res: ServerResponse, error: unknown, ctx?: ErrorContext): void {
  const status = toStatus(error, ctx);
  if (res.headersSent) {
    res.end();
    return;
  }
  const headers: Record<string, string> = {};
  const retry = status.details?.retryAfterSeconds;
  if (retry !== undefined) headers['Retry-After'] = String(retry);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  sendObject(res, status.code, status);
}

const MAX_BODY = 32 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, 'RequestEntityTooLarge', 'the request is too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
