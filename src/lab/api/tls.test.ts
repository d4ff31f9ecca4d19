import { describe, expect, it } from 'vitest';
import { X509Certificate, createPrivateKey } from 'node:crypto';
import { generateLabCertificate } from './tls.js';
import { rulesAllow, forbidden, type AuthorizationAttributes } from './auth.js';

describe('generateLabCertificate', () => {
  it('makes a valid self-signed CA certificate for localhost and 127.0.0.1', () => {
    const now = new Date('2025-03-01T12:00:00Z');
    const { certPem, keyPem } = generateLabCertificate({ now, days: 30 });
    const cert = new X509Certificate(certPem);
    expect(cert.ca).toBe(true);
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('localhost')).toBe('localhost');
    expect(cert.verify(cert.publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(keyPem))).toBe(true);
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(now.getTime() + 29 * 86_400_000);
  });
});

describe('RBAC-style rules', () => {
  const attrs = (over: Partial<AuthorizationAttributes>): AuthorizationAttributes => ({
    user: { name: 'restricted', groups: [] },
    verb: 'get',
    group: '',
    resource: 'pods',
    subresource: undefined,
    namespace: 'shop',
    name: 'web-1',
    ...over,
  });
  const rules = [
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list'], namespaces: ['shop'] },
  ];

  it('allows listed resources and denies subresources that are not listed', () => {
    expect(rulesAllow(rules, attrs({}))).toBe(true);
    expect(rulesAllow(rules, attrs({ subresource: 'log' }))).toBe(false);
    expect(rulesAllow(rules, attrs({ namespace: 'other' }))).toBe(false);
    expect(rulesAllow(rules, attrs({ verb: 'delete' }))).toBe(false);
    expect(
      rulesAllow([{ resources: ['pods/*'], verbs: ['*'] }], attrs({ subresource: 'log' })),
    ).toBe(true);
  });

  it('words the 403 like the API server', () => {
    expect(forbidden(attrs({ subresource: 'log' })).message).toBe(
      'pods "web-1" is forbidden: User "restricted" cannot get resource "pods/log" in API group "" in the namespace "shop"',
    );
    expect(
      forbidden(
        attrs({
          verb: 'list',
          name: undefined,
          group: 'apps',
          resource: 'deployments',
          namespace: undefined,
        }),
      ).message,
    ).toBe(
      'deployments.apps is forbidden: User "restricted" cannot list resource "deployments" in API group "apps" at the cluster scope',
    );
  });
});
