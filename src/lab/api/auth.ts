/**
 * Authentication by bearer token and a pluggable authorizer, so the lab can play a cluster
 * where a "restricted" identity lacks a permission (e.g. `get pods/log`) and gets the real
 * 403: `pods "x" is forbidden: User "u" cannot get resource "pods/log" in API group "" in the
 * namespace "ns"`. By default every request is allowed. Rules follow RBAC PolicyRules
 * (`apiGroups`, `resources` incl. `pods/log`, `verbs`, optional `namespaces`,
 * `resourceNames`, `*` wildcards).
 */
import { ApiError } from './status.js';
import { qualifiedResource } from '../store/resource-types.js';

export interface UserInfo {
  name: string;
  groups: string[];
}

export interface AuthorizationAttributes {
  user: UserInfo;
  verb: string;
  group: string;
  resource: string;
  subresource: string | undefined;
  namespace: string | undefined;
  name: string | undefined;
}

export interface AuthorizationDecision {
  allowed: boolean;
  reason?: string;
}

export type Authorizer = (attrs: AuthorizationAttributes) => AuthorizationDecision | boolean;

export interface PolicyRule {
  apiGroups?: string[];
  resources: string[];
  verbs: string[];
  namespaces?: string[];
  resourceNames?: string[];
}

export interface TokenUser {
  user: string;
  groups?: string[];
  /** When set, only these rules are allowed for this token; absent = allow everything. */
  rules?: PolicyRule[];
}

export type TokenTable = Record<string, TokenUser>;

export const ANONYMOUS: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

/** Maps an `Authorization` header to a user; an unknown bearer token is a 401. */
export function authenticate(header: string | undefined, tokens: TokenTable | undefined): UserInfo {
  if (!header) return ANONYMOUS;
  const m = /^Bearer\s+(.+)$/i.exec(header.trim());
  if (!m) return { name: 'lab-admin', groups: ['system:masters', 'system:authenticated'] };
  const token = m[1] ?? '';
  if (!tokens) return { name: 'lab-admin', groups: ['system:masters', 'system:authenticated'] };
  const entry = tokens[token];
  if (!entry) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
  return { name: entry.user, groups: [...(entry.groups ?? []), 'system:authenticated'] };
}

function has(list: readonly string[] | undefined, value: string): boolean {
  return list === undefined || list.includes('*') || list.includes(value);
}

/** Whether one of the rules allows the request (RBAC semantics). */
export function rulesAllow(rules: readonly PolicyRule[], a: AuthorizationAttributes): boolean {
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  return rules.some(
    (r) =>
      has(r.verbs, a.verb) &&
      has(r.apiGroups ?? [''], a.group) &&
      (r.resources.includes('*') ||
        r.resources.includes(resource) ||
        (a.subresource !== undefined && r.resources.includes(`${a.resource}/*`))) &&
      (r.namespaces === undefined ||
        (a.namespace !== undefined && has(r.namespaces, a.namespace))) &&
      (r.resourceNames === undefined || (a.name !== undefined && has(r.resourceNames, a.name))),
  );
}

/** An authorizer from a token table: users with `rules` are limited to them, others allowed. */
export function tokenRulesAuthorizer(tokens: TokenTable): Authorizer {
  const byUser = new Map<string, PolicyRule[]>();
  for (const t of Object.values(tokens)) if (t.rules) byUser.set(t.user, t.rules);
  return (a) => {
    const rules = byUser.get(a.user.name);
    return rules === undefined ? true : rulesAllow(rules, a);
  };
}

/** The 403 the API server writes when the authorizer denies a request. */
export function forbidden(a: AuthorizationAttributes, reason?: string): ApiError {
  const qr = qualifiedResource({ group: a.group, resource: a.resource });
  const subject = a.name ? `${qr} "${a.name}"` : qr;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const scope = a.namespace ? `in the namespace "${a.namespace}"` : 'at the cluster scope';
  let message = `${subject} is forbidden: User "${a.user.name}" cannot ${a.verb} resource "${resource}" in API group "${a.group}" ${scope}`;
  if (reason) message += `: ${reason}`;
  const details: { name?: string; group?: string; kind: string } = { kind: a.resource };
  if (a.name) details.name = a.name;
  if (a.group) details.group = a.group;
  return new ApiError(403, 'Forbidden', message, details);
}
