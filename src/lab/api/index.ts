/**
 * The lab API server's public surface, for whoever wires the lab together (`crashlens lab`,
 * tests): start it, write a kubeconfig for it, shape its faults and authorization.
 */
export { startApiServer } from './server.js';
export type { ApiServer, ApiServerOptions } from './server.js';
export { kubeconfigYaml, writeKubeconfig } from './kubeconfig.js';
export type { KubeconfigOptions, KubeconfigUser } from './kubeconfig.js';
export { rulesAllow, tokenRulesAuthorizer } from './auth.js';
export type {
  Authorizer,
  AuthorizationAttributes,
  PolicyRule,
  TokenTable,
  TokenUser,
} from './auth.js';
export { generateLabCertificate } from './tls.js';
export { FaultInjector } from '../faults/fault-injector.js';
export type { FaultOptions } from '../faults/fault-injector.js';
