/**
 * The least privilege live mode needs: read-only access to the kinds it lists, pod logs, and
 * nothing on Secrets (it reads key names only with `--secret-keys`, which needs `list secrets`
 * and is deliberately left out of the default role). `crashlens rbac` prints it.
 */

export interface RbacOptions {
  /** A namespaced Role instead of a ClusterRole. */
  namespace?: string;
  name?: string;
  secretKeys?: boolean;
}

const RULES: [string, string[], string[]][] = [
  ['', ['pods', 'events', 'services', 'endpoints', 'configmaps'], ['get', 'list']],
  ['', ['pods/log'], ['get']],
  ['apps', ['deployments', 'replicasets', 'statefulsets', 'daemonsets'], ['get', 'list']],
  ['batch', ['jobs'], ['get', 'list']],
  ['discovery.k8s.io', ['endpointslices'], ['list']],
  ['events.k8s.io', ['events'], ['list']],
];

export function rbacManifest(options: RbacOptions = {}): string {
  const name = options.name ?? 'crashlens-reader';
  const kind = options.namespace ? 'Role' : 'ClusterRole';
  const rules = [...RULES];
  if (options.secretKeys) rules.push(['', ['secrets'], ['list']]);
  const lines = [
    `# Read-only access for crashlens live diagnosis. No Secret access${options.secretKeys ? ' beyond listing key names (values are dropped on arrival)' : ''}.`,
    'apiVersion: rbac.authorization.k8s.io/v1',
    `kind: ${kind}`,
    'metadata:',
    `  name: ${name}`,
    ...(options.namespace ? [`  namespace: ${options.namespace}`] : []),
    'rules:',
    ...rules.flatMap(([group, resources, verbs]) => [
      `  - apiGroups: ["${group}"]`,
      `    resources: [${resources.map((r) => `"${r}"`).join(', ')}]`,
      `    verbs: [${verbs.map((v) => `"${v}"`).join(', ')}]`,
    ]),
  ];
  if (!options.namespace)
    lines.push('  - apiGroups: [""]', '    resources: ["nodes"]', '    verbs: ["get", "list"]');
  return `${lines.join('\n')}\n`;
}
