/**
 * Kubernetes `Status` error bodies, exactly as the API server writes them
 * (`{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":…,
 * "reason":…,"details":{"name","group","kind"},"code":…}`), and the mapping from store
 * errors and unexpected exceptions to them.
 */
import { StoreError } from '../store/types.js';
import { InvalidError } from '../store/validation.js';

export interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: { reason?: string; message: string; field?: string }[];
  retryAfterSeconds?: number;
}

export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** An error the API server answers with a Status body. */
export class ApiError extends Error {
  readonly code: number;
  readonly reason: string;
  readonly details: StatusDetails | undefined;
  constructor(code: number, reason: string, message: string, details?: StatusDetails) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }
}

export function failure(
  code: number,
  reason: string,
  message: string,
  details?: StatusDetails,
): StatusBody {
  const body: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  };
  if (details && Object.keys(details).length > 0) body.details = details;
  return body;
}

export function success(details?: StatusDetails): StatusBody {
  const body: StatusBody = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    code: 200,
  };
  if (details) body.details = details;
  return body;
}

export const badRequest = (message: string): ApiError => new ApiError(400, 'BadRequest', message);
export const notFoundPath = (): ApiError =>
  new ApiError(404, 'NotFound', 'the server could not find the requested resource');
export const methodNotAllowed = (): ApiError =>
  new ApiError(
    405,
    'MethodNotAllowed',
    'the server does not allow this method on the requested resource',
  );

/** Context of the request, for the `details` the real server fills in. */
export interface ErrorContext {
  name?: string | undefined;
  group?: string | undefined;
  /** The resource (plural), which real servers put in details.kind for NotFound/Conflict. */
  resource?: string | undefined;
}

export function toStatus(error: unknown, ctx: ErrorContext = {}): StatusBody {
  if (error instanceof ApiError)
    return failure(error.code, error.reason, error.message, error.details);
  if (error instanceof InvalidError) {
    const details: StatusDetails = {
      name: error.objectName,
      kind: error.kind,
      causes: error.causes,
    };
    if (error.group) details.group = error.group;
    return failure(422, 'Invalid', error.message, details);
  }
  if (error instanceof StoreError) {
    const details: StatusDetails = {};
    if (error.reason !== 'BadRequest' && error.reason !== 'Expired') {
      if (ctx.name) details.name = ctx.name;
      if (ctx.group) details.group = ctx.group;
      if (ctx.resource) details.kind = ctx.resource;
    }
    const reason = error.reason === 'Expired' ? 'Expired' : error.reason;
    return failure(error.code, reason, error.message, details);
  }
  const message = error instanceof Error ? error.message : String(error);
  return failure(500, 'InternalError', `Internal error occurred: ${message}`, {
    causes: [{ message }],
  });
}
