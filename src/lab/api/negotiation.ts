/**
 * Content negotiation on `Accept`: whether the client wants a server-side `Table`
 * (`application/json;as=Table;v=v1;g=meta.k8s.io`, what kubectl get sends),
 * `PartialObjectMetadata`, or aggregated discovery (`as=APIGroupDiscoveryList;
 * g=apidiscovery.k8s.io;v=v2`), else plain JSON. Protobuf is never offered: clients that
 * list JSON as a fallback get JSON; a client that accepts only protobuf gets 406.
 */
export interface MediaType {
  type: string;
  params: Record<string, string>;
}

export type Target =
  | { kind: 'json' }
  | { kind: 'table'; version: 'v1' | 'v1beta1' }
  | { kind: 'partial'; version: 'v1' | 'v1beta1' }
  | { kind: 'discovery'; version: 'v2' | 'v2beta1' }
  | { kind: 'unacceptable' };

export function parseAccept(header: string | undefined): MediaType[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [type = '', ...params] = part.split(';').map((s) => s.trim());
      const out: Record<string, string> = {};
      for (const p of params) {
        const eq = p.indexOf('=');
        if (eq > 0) out[p.slice(0, eq).trim()] = p.slice(eq + 1).trim();
      }
      return { type: type.toLowerCase(), params: out };
    })
    .filter((m) => m.type !== '');
}

const JSONISH = new Set([
  'application/json',
  '*/*',
  'application/*',
  'application/yaml',
  'text/plain',
]);

/** Picks the first Accept entry the lab can serve, in the client's order. */
export function negotiate(header: string | undefined, opts: { discovery?: boolean } = {}): Target {
  const types = parseAccept(header);
  if (types.length === 0) return { kind: 'json' };
  for (const m of types) {
    const as = m.params['as'];
    const g = m.params['g'];
    const v = m.params['v'];
    if (m.type === 'application/json' && as) {
      if (as === 'Table' && g === 'meta.k8s.io' && (v === 'v1' || v === 'v1beta1')) {
        return { kind: 'table', version: v };
      }
      if (
        (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') &&
        g === 'meta.k8s.io' &&
        (v === 'v1' || v === 'v1beta1')
      ) {
        return { kind: 'partial', version: v };
      }
      if (
        opts.discovery &&
        as === 'APIGroupDiscoveryList' &&
        g === 'apidiscovery.k8s.io' &&
        (v === 'v2' || v === 'v2beta1')
      ) {
        return { kind: 'discovery', version: v };
      }
      continue;
    }
    if (JSONISH.has(m.type)) return { kind: 'json' };
  }
  return { kind: 'unacceptable' };
}
