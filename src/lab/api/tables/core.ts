/**
 * Printers for core and networking resources as kubectl shows them: Services, Endpoints,
 * EndpointSlices, Nodes, Namespaces, ConfigMaps, Secrets, Events (LAST SEEN TYPE REASON
 * OBJECT MESSAGE), Leases, ServiceAccounts, and a NAME/AGE fallback for everything else.
 */
import type { LabObject } from '../../store/types.js';
import { asArray, asRecord, asString, asStringMap } from '../../store/object-utils.js';
import { formatLabels } from '../../store/label-selector.js';
import { AGE_COL, NAME_COL, age, col, int, listWithMore, since } from './format.js';
import type { Printer } from './workloads.js';

const spec = (o: LabObject): Record<string, unknown> => asRecord(o['spec']);
const status = (o: LabObject): Record<string, unknown> => asRecord(o['status']);

function externalIP(o: LabObject): string {
  const s = spec(o);
  const externalIPs = asArray(s['externalIPs']).map(String);
  switch (s['type']) {
    case 'ClusterIP':
    case 'NodePort':
    case undefined:
      return externalIPs.length > 0 ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const ingress = asArray(asRecord(status(o)['loadBalancer'])['ingress']).map(asRecord);
      const lb = [
        ...new Set(
          ingress.map((i) => asString(i['ip']) || asString(i['hostname'])).filter(Boolean),
        ),
      ].sort();
      const all = [...lb, ...externalIPs];
      return all.length > 0 ? all.join(',') : '<pending>';
    }
    case 'ExternalName':
      return asString(s['externalName']);
    default:
      return '<unknown>';
  }
}

export const servicePrinter: Printer = {
  columns: [
    NAME_COL,
    col('Type', 'type determines how the Service is exposed.'),
    col(
      'Cluster-IP',
      'clusterIP is the IP address of the service and is usually assigned randomly.',
    ),
    col(
      'External-IP',
      'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.',
    ),
    col('Port(s)', 'The list of ports that are exposed by this service.'),
    AGE_COL,
    col(
      'Selector',
      'Route service traffic to pods with label keys and values matching this selector.',
      { priority: 1 },
    ),
  ],
  row(o, now) {
    const s = spec(o);
    const ips = asArray(s['clusterIPs']).map(String);
    const ports = asArray(s['ports'])
      .map(asRecord)
      .map((p) =>
        int(p['nodePort']) > 0
          ? `${int(p['port'])}:${int(p['nodePort'])}/${asString(p['protocol'])}`
          : `${int(p['port'])}/${asString(p['protocol'])}`,
      )
      .join(',');
    return [
      o.metadata.name ?? '',
      asString(s['type']),
      ips[0] ?? '<none>',
      externalIP(o),
      ports || '<none>',
      age(o, now),
      formatLabels(asStringMap(s['selector'])),
    ];
  },
};

function formatEndpoints(o: LabObject): string {
  const subsets = asArray(o['subsets']).map(asRecord);
  if (subsets.length === 0) return '<none>';
  const list: string[] = [];
  let count = 0;
  for (const ss of subsets) {
    const addrs = asArray(ss['addresses']).map((a) => asString(asRecord(a)['ip']));
    const ports = asArray(ss['ports']).map(asRecord);
    if (ports.length === 0) {
      count += addrs.length;
      for (const ip of addrs) if (list.length < 3) list.push(ip);
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const ip of addrs) {
        if (list.length < 3)
          list.push(ip.includes(':') ? `[${ip}]:${int(p['port'])}` : `${ip}:${int(p['port'])}`);
      }
    }
  }
  return listWithMore(list, count, 3, '');
}

export const endpointsPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Endpoints', 'The set of all endpoints is the union of all subsets.'),
    AGE_COL,
  ],
  row: (o, now) => [o.metadata.name ?? '', formatEndpoints(o), age(o, now)],
};

export const endpointSlicePrinter: Printer = {
  columns: [
    NAME_COL,
    col('AddressType', 'addressType specifies the type of address carried by this EndpointSlice.'),
    col(
      'Ports',
      'ports specifies the list of network ports exposed by each endpoint in this slice.',
    ),
    col('Endpoints', 'endpoints is a list of unique endpoints in this slice.'),
    AGE_COL,
  ],
  row(o, now) {
    const ports = asArray(o['ports']).map(asRecord);
    const portList = ports.map((p) =>
      typeof p['port'] === 'number'
        ? String(p['port'])
        : typeof p['name'] === 'string'
          ? p['name']
          : '*',
    );
    const addrs = asArray(o['endpoints']).flatMap((e) =>
      asArray(asRecord(e)['addresses']).map(String),
    );
    return [
      o.metadata.name ?? '',
      asString(o['addressType']),
      listWithMore(portList, portList.length, 3, '<unset>'),
      listWithMore(addrs, addrs.length, 3, '<unset>'),
      age(o, now),
    ];
  },
};

function nodeAddress(o: LabObject, type: string): string {
  const a = asArray(status(o)['addresses'])
    .map(asRecord)
    .find((x) => x['type'] === type);
  return a ? asString(a['address']) : '<none>';
}

export const nodePrinter: Printer = {
  columns: [
    NAME_COL,
    col('Status', 'The status of the node'),
    col('Roles', 'The roles of the node'),
    AGE_COL,
    col('Version', 'Kubelet Version reported by the node.'),
    col('Internal-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    col('External-IP', 'List of addresses reachable to the node.', { priority: 1 }),
    col(
      'OS-Image',
      'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).',
      { priority: 1 },
    ),
    col(
      'Kernel-Version',
      "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).",
      { priority: 1 },
    ),
    col(
      'Container-Runtime',
      'ContainerRuntime Version reported by the node through runtime remote API (e.g. containerd://1.4.2).',
      { priority: 1 },
    ),
  ],
  row(o, now) {
    const ready = asArray(status(o)['conditions'])
      .map(asRecord)
      .find((c) => c['type'] === 'Ready');
    const states: string[] = [];
    if (ready) states.push(ready['status'] === 'True' ? 'Ready' : 'NotReady');
    if (states.length === 0) states.push('Unknown');
    if (spec(o)['unschedulable'] === true) states.push('SchedulingDisabled');
    const roles = new Set<string>();
    for (const [k, v] of Object.entries(o.metadata.labels ?? {})) {
      if (
        k.startsWith('node-role.kubernetes.io/') &&
        k.length > 'node-role.kubernetes.io/'.length
      ) {
        roles.add(k.slice('node-role.kubernetes.io/'.length));
      } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
    }
    const info = asRecord(status(o)['nodeInfo']);
    return [
      o.metadata.name ?? '',
      states.join(','),
      [...roles].sort().join(',') || '<none>',
      age(o, now),
      asString(info['kubeletVersion']),
      nodeAddress(o, 'InternalIP'),
      nodeAddress(o, 'ExternalIP'),
      asString(info['osImage']) || '<unknown>',
      asString(info['kernelVersion']) || '<unknown>',
      asString(info['containerRuntimeVersion']) || '<unknown>',
    ];
  },
};

export const namespacePrinter: Printer = {
  columns: [NAME_COL, col('Status', 'The status of the namespace'), AGE_COL],
  row: (o, now) => [o.metadata.name ?? '', asString(status(o)['phase']), age(o, now)],
};

export const configMapPrinter: Printer = {
  columns: [NAME_COL, col('Data', 'Data contains the configuration data.'), AGE_COL],
  row: (o, now) => [
    o.metadata.name ?? '',
    Object.keys(asRecord(o['data'])).length + Object.keys(asRecord(o['binaryData'])).length,
    age(o, now),
  ],
};

export const secretPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Type', 'Used to facilitate programmatic handling of secret data.'),
    col('Data', 'Data contains the secret data.'),
    AGE_COL,
  ],
  row: (o, now) => [
    o.metadata.name ?? '',
    asString(o['type']),
    Object.keys(asRecord(o['data'])).length,
    age(o, now),
  ],
};

export const serviceAccountPrinter: Printer = {
  columns: [
    NAME_COL,
    col(
      'Secrets',
      'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use.',
    ),
    AGE_COL,
  ],
  row: (o, now) => [o.metadata.name ?? '', asArray(o['secrets']).length, age(o, now)],
};

export const leasePrinter: Printer = {
  columns: [
    NAME_COL,
    col('Holder', 'holderIdentity contains the identity of the holder of a current lease.'),
    AGE_COL,
  ],
  row: (o, now) => [o.metadata.name ?? '', asString(spec(o)['holderIdentity']), age(o, now)],
};

export const eventPrinter: Printer = {
  columns: [
    col('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
    col('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
    col(
      'Reason',
      "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
    ),
    col('Object', 'The object that this event is about.'),
    col(
      'Subobject',
      'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.',
      { priority: 1 },
    ),
    col(
      'Source',
      'The component reporting this event. Should be a short machine understandable string.',
      { priority: 1 },
    ),
    col('Message', 'A human-readable description of the status of this operation.'),
    col(
      'First Seen',
      'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
      { priority: 1 },
    ),
    col('Count', 'The number of times this event has occurred.', { priority: 1 }),
    col('Name', NAME_COL.description, { priority: 1, format: 'name' }),
  ],
  row(o, now) {
    const first = o['firstTimestamp']
      ? since(o['firstTimestamp'], now)
      : since(o['eventTime'], now);
    let last = o['lastTimestamp'] ? since(o['lastTimestamp'], now) : first;
    let count = int(o['count']);
    const series = o['series'] ? asRecord(o['series']) : undefined;
    if (series) {
      last = since(series['lastObservedTime'], now);
      count = int(series['count']);
    } else if (count === 0) count = 1;
    const inv = asRecord(o['involvedObject']);
    const kind = asString(inv['kind']).toLowerCase();
    const target = asString(inv['name']) ? `${kind}/${asString(inv['name'])}` : kind;
    const src = asRecord(o['source']);
    const component = asString(src['component']) || asString(o['reportingComponent']);
    const host = asString(src['host']) || asString(o['reportingInstance']);
    return [
      last,
      asString(o['type']),
      asString(o['reason']),
      target,
      asString(inv['fieldPath']),
      host ? `${component}, ${host}` : component,
      asString(o['message']).trim(),
      first,
      count,
      o.metadata.name ?? '',
    ];
  },
};

export const genericPrinter: Printer = {
  columns: [NAME_COL, AGE_COL],
  row: (o, now) => [o.metadata.name ?? '', age(o, now)],
};
