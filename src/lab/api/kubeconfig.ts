/**
 * Generates the kubeconfig through which real kubectl and client libraries reach the lab:
 * one cluster entry (`http://127.0.0.1:PORT`, or https with the CA inline), an admin user with
 * a bearer token, and optionally extra users (e.g. a "restricted" identity) each with its own
 * context, so `kubectl --context crashlens-lab-restricted` exercises the 403 paths.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigUser {
  name: string;
  token: string;
}

export interface KubeconfigOptions {
  /** Cluster and context name (default `crashlens-lab`). */
  name?: string;
  /** Default namespace of the contexts (default `default`). */
  namespace?: string;
  /** The admin user's token (default `crashlens-lab-admin`). */
  token?: string;
  /** Extra users; each gets a context `<name>-<user>`. */
  users?: readonly KubeconfigUser[];
  /** PEM CA to trust when the server runs with TLS. */
  caPem?: string;
}

export function kubeconfigYaml(url: string, options: KubeconfigOptions = {}): string {
  const name = options.name ?? 'crashlens-lab';
  const namespace = options.namespace ?? 'default';
  const cluster: Record<string, unknown> = { server: url };
  if (options.caPem)
    cluster['certificate-authority-data'] = Buffer.from(options.caPem).toString('base64');
  const users = [
    { name: 'lab-admin', token: options.token ?? 'crashlens-lab-admin' },
    ...(options.users ?? []),
  ];
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    preferences: {},
    clusters: [{ name, cluster }],
    users: users.map((u) => ({ name: u.name, user: { token: u.token } })),
    contexts: users.map((u, i) => ({
      name: i === 0 ? name : `${name}-${u.name}`,
      context: { cluster: name, user: u.name, namespace },
    })),
    'current-context': name,
  };
  return stringify(config);
}

/** Writes the kubeconfig (mode 0600, parent directories created); returns the path. */
export async function writeKubeconfig(
  path: string,
  url: string,
  options: KubeconfigOptions = {},
): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, kubeconfigYaml(url, options), { mode: 0o600 });
  return path;
}
