/**
 * The subset of API validation the lab needs to answer like a real server: names, required
 * pod fields, selectors that must match templates, Job restart policies, and pod spec
 * immutability. Errors are `422 Invalid` with the real message shape
 * (`Deployment.apps "web" is invalid: spec.selector: Required value`) and per-field causes.
 */
import type { LabObject, ResourceType } from './types.js';
import { StoreError } from './types.js';
import { asArray, asRecord, asStringMap, deepEqual, isPlainObject } from './object-utils.js';
import { groupResource, qualifiedKind } from './resource-types.js';
import { fromLabelSelectorObject, matchesLabels } from './label-selector.js';

export interface StatusCause {
  reason: string;
  message: string;
  field: string;
}

/** A 422 Invalid carrying the field causes for the Status `details`. */
export class InvalidError extends StoreError {
  readonly causes: StatusCause[];
  readonly kind: string;
  readonly group: string;
  readonly objectName: string;
  constructor(type: ResourceType, name: string, causes: StatusCause[]) {
    const parts = causes.map((c) => `${c.field}: ${c.message}`);
    const summary = parts.length === 1 ? (parts[0] ?? '') : `[${parts.join(', ')}]`;
    super('Invalid', 422, `${qualifiedKind(type)} "${name}" is invalid: ${summary}`);
    this.causes = causes;
    this.kind = type.kind;
    this.group = type.group;
    this.objectName = name;
  }
}

const SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LABEL_1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

const SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const LABEL_1035_MSG =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

function required(field: string): StatusCause {
  return { reason: 'FieldValueRequired', message: 'Required value', field };
}

function invalid(field: string, value: unknown, detail: string): StatusCause {
  return {
    reason: 'FieldValueInvalid',
    message: `Invalid value: ${JSON.stringify(value)}: ${detail}`,
    field,
  };
}

function validateName(type: ResourceType, name: string, causes: StatusCause[]): void {
  const gr = groupResource(type);
  if (gr === 'namespaces') {
    if (!LABEL.test(name) || name.length > 63)
      causes.push(invalid('metadata.name', name, LABEL_MSG));
  } else if (gr === 'services') {
    if (!LABEL_1035.test(name) || name.length > 63)
      causes.push(invalid('metadata.name', name, LABEL_1035_MSG));
  } else if (gr !== 'events' && (!SUBDOMAIN.test(name) || name.length > 253)) {
    causes.push(invalid('metadata.name', name, SUBDOMAIN_MSG));
  }
}

function validateContainers(
  spec: Record<string, unknown>,
  prefix: string,
  causes: StatusCause[],
): void {
  const containers = asArray(spec['containers']);
  if (containers.length === 0) {
    causes.push(required(`${prefix}.containers`));
    return;
  }
  const seen = new Set<string>();
  containers.forEach((c, i) => {
    const rec = asRecord(c);
    const name = rec['name'];
    if (typeof name !== 'string' || name === '')
      causes.push(required(`${prefix}.containers[${i}].name`));
    else if (seen.has(name)) {
      causes.push({
        reason: 'FieldValueDuplicate',
        message: `Duplicate value: "${name}"`,
        field: `${prefix}.containers[${i}].name`,
      });
    } else seen.add(name);
    if (typeof rec['image'] !== 'string' || rec['image'] === '')
      causes.push(required(`${prefix}.containers[${i}].image`));
  });
}

function validateSelectorAndTemplate(spec: Record<string, unknown>, causes: StatusCause[]): void {
  const selector = fromLabelSelectorObject(spec['selector']);
  if (!selector) {
    causes.push(required('spec.selector'));
    return;
  }
  const template = asRecord(spec['template']);
  const labels = asStringMap(asRecord(template['metadata'])['labels']);
  if (selector.length === 0) {
    causes.push(
      invalid('spec.selector', spec['selector'], 'empty selector is invalid for deployment'),
    );
  } else if (!matchesLabels(selector, labels)) {
    causes.push({
      reason: 'FieldValueInvalid',
      message: `Invalid value: ${JSON.stringify(labels)}: \`selector\` does not match template \`labels\``,
      field: 'spec.template.metadata.labels',
    });
  }
  const podSpec = template['spec'];
  if (!isPlainObject(podSpec)) causes.push(required('spec.template.spec.containers'));
  else validateContainers(podSpec, 'spec.template.spec', causes);
}

/** Validates an object about to be created or replaced; throws InvalidError. */
export function validateObject(type: ResourceType, obj: LabObject): void {
  const causes: StatusCause[] = [];
  const name = obj.metadata.name ?? '';
  if (name === '')
    causes.push({
      ...required('metadata.name'),
      message: 'Required value: name or generateName is required',
    });
  else validateName(type, name, causes);
  const spec = asRecord(obj['spec']);
  switch (groupResource(type)) {
    case 'pods':
      validateContainers(spec, 'spec', causes);
      break;
    case 'apps/deployments':
    case 'apps/replicasets':
    case 'apps/statefulsets':
      validateSelectorAndTemplate(spec, causes);
      if (typeof spec['replicas'] === 'number' && spec['replicas'] < 0) {
        causes.push(
          invalid('spec.replicas', spec['replicas'], 'must be greater than or equal to 0'),
        );
      }
      break;
    case 'batch/jobs': {
      const podSpec = asRecord(asRecord(spec['template'])['spec']);
      const policy = podSpec['restartPolicy'];
      if (policy !== 'OnFailure' && policy !== 'Never') {
        causes.push({
          reason: policy === undefined ? 'FieldValueRequired' : 'FieldValueNotSupported',
          message:
            policy === undefined
              ? 'Required value: valid values: "OnFailure", "Never"'
              : `Unsupported value: ${JSON.stringify(policy)}: supported values: "OnFailure", "Never"`,
          field: 'spec.template.spec.restartPolicy',
        });
      }
      validateContainers(podSpec, 'spec.template.spec', causes);
      break;
    }
    default:
      break;
  }
  if (causes.length > 0) throw new InvalidError(type, name, causes);
}

/**
 * Pod updates may change only images, activeDeadlineSeconds, tolerations (additions),
 * terminationGracePeriodSeconds, and bind a node once, as in `ValidatePodUpdate`.
 */
export function validatePodSpecUpdate(
  type: ResourceType,
  oldPod: LabObject,
  newPod: LabObject,
): void {
  const oldSpec = structuredClone(asRecord(oldPod['spec']));
  const newSpec = structuredClone(asRecord(newPod['spec']));
  const strip = (spec: Record<string, unknown>): void => {
    for (const key of ['containers', 'initContainers']) {
      for (const c of asArray(spec[key])) if (isPlainObject(c)) delete c['image'];
    }
    delete spec['activeDeadlineSeconds'];
    delete spec['tolerations'];
    delete spec['terminationGracePeriodSeconds'];
  };
  if (!oldSpec['nodeName'] && newSpec['nodeName']) delete newSpec['nodeName'];
  strip(oldSpec);
  strip(newSpec);
  if (!deepEqual(oldSpec, newSpec)) {
    throw new InvalidError(type, newPod.metadata.name ?? '', [
      {
        reason: 'FieldValueForbidden',
        message:
          'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
        field: 'spec',
      },
    ]);
  }
}
