/**
 * Printers for workload controllers, as kubectl shows them: Deployments (READY UP-TO-DATE
 * AVAILABLE), ReplicaSets (DESIRED CURRENT READY), StatefulSets (READY), DaemonSets and Jobs
 * (STATUS COMPLETIONS DURATION), each with the wide CONTAINERS/IMAGES/SELECTOR columns.
 */
import type { LabObject } from '../../store/types.js';
import { asArray, asRecord, asStringMap, parseTime } from '../../store/object-utils.js';
import {
  formatLabelSelectorObject,
  formatLabels,
  fromLabelSelectorObject,
  formatSelector,
} from '../../store/label-selector.js';
import {
  AGE_COL,
  CONTAINERS_COL,
  IMAGES_COL,
  NAME_COL,
  age,
  col,
  containerCells,
  humanDuration,
  int,
  type ColumnDefinition,
} from './format.js';

export interface Printer {
  columns: ColumnDefinition[];
  row(obj: LabObject, now: Date): unknown[];
}

const spec = (o: LabObject): Record<string, unknown> => asRecord(o['spec']);
const status = (o: LabObject): Record<string, unknown> => asRecord(o['status']);
const templateSpec = (o: LabObject): unknown => asRecord(spec(o)['template'])['spec'];

export const deploymentPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Ready', 'Number of the pod with ready state'),
    col(
      'Up-to-date',
      'Total number of non-terminated pods targeted by this deployment that have the desired template spec.',
    ),
    col(
      'Available',
      'Total number of available pods (ready for at least minReadySeconds) targeted by this deployment.',
    ),
    AGE_COL,
    CONTAINERS_COL,
    IMAGES_COL,
    col(
      'Selector',
      'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.',
      { priority: 1 },
    ),
  ],
  row(o, now) {
    const [names, images] = containerCells(templateSpec(o));
    const sel = fromLabelSelectorObject(spec(o)['selector']);
    return [
      o.metadata.name ?? '',
      `${int(status(o)['readyReplicas'])}/${int(spec(o)['replicas'])}`,
      int(status(o)['updatedReplicas']),
      int(status(o)['availableReplicas']),
      age(o, now),
      names,
      images,
      sel ? formatSelector(sel) : '',
    ];
  },
};

export const replicaSetPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Desired', 'Replicas is the number of desired replicas.', { type: 'integer' }),
    col('Current', 'Replicas is the most recently observed number of replicas.', {
      type: 'integer',
    }),
    col('Ready', 'The number of ready replicas for this replica set.', { type: 'integer' }),
    AGE_COL,
    CONTAINERS_COL,
    IMAGES_COL,
    col('Selector', 'Selector is a label query over pods that should match the replica count.', {
      priority: 1,
    }),
  ],
  row(o, now) {
    const [names, images] = containerCells(templateSpec(o));
    return [
      o.metadata.name ?? '',
      int(spec(o)['replicas']),
      int(status(o)['replicas']),
      int(status(o)['readyReplicas']),
      age(o, now),
      names,
      images,
      formatLabelSelectorObject(spec(o)['selector']),
    ];
  },
};

export const statefulSetPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Ready', 'Number of the pod with ready state'),
    AGE_COL,
    CONTAINERS_COL,
    IMAGES_COL,
  ],
  row(o, now) {
    const [names, images] = containerCells(templateSpec(o));
    return [
      o.metadata.name ?? '',
      `${int(status(o)['readyReplicas'])}/${int(spec(o)['replicas'])}`,
      age(o, now),
      names,
      images,
    ];
  },
};

export const daemonSetPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Desired', 'The total number of nodes that should be running the daemon pod.', {
      type: 'integer',
    }),
    col('Current', 'The number of nodes that are running at least 1 daemon pod.', {
      type: 'integer',
    }),
    col(
      'Ready',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and ready.',
      { type: 'integer' },
    ),
    col('Up-to-date', 'The total number of nodes that are running updated daemon pod', {
      type: 'integer',
    }),
    col(
      'Available',
      'The number of nodes that should be running the daemon pod and have one or more of the daemon pod running and available.',
      { type: 'integer' },
    ),
    col(
      'Node Selector',
      'NodeSelector is a selector which must be true for the pod to fit on a node.',
    ),
    AGE_COL,
    CONTAINERS_COL,
    IMAGES_COL,
    col('Selector', 'A label query over pods that are managed by the daemon set.', { priority: 1 }),
  ],
  row(o, now) {
    const s = status(o);
    const [names, images] = containerCells(templateSpec(o));
    return [
      o.metadata.name ?? '',
      int(s['desiredNumberScheduled']),
      int(s['currentNumberScheduled']),
      int(s['numberReady']),
      int(s['updatedNumberScheduled']),
      int(s['numberAvailable']),
      formatLabels(asStringMap(asRecord(templateSpec(o))['nodeSelector'])),
      age(o, now),
      names,
      images,
      formatLabelSelectorObject(spec(o)['selector']),
    ];
  },
};

function jobCondition(o: LabObject, type: string): boolean {
  return asArray(status(o)['conditions']).some(
    (c) => asRecord(c)['type'] === type && asRecord(c)['status'] === 'True',
  );
}

export const jobPrinter: Printer = {
  columns: [
    NAME_COL,
    col('Status', 'Status of the job.'),
    col('Completions', 'The number of pods which reached phase Succeeded.'),
    col('Duration', 'Time required to complete the job.'),
    AGE_COL,
    CONTAINERS_COL,
    IMAGES_COL,
    col('Selector', 'A label query over pods that should match the pod count.', { priority: 1 }),
  ],
  row(o, now) {
    const s = status(o);
    const succeeded = int(s['succeeded']);
    const completions = spec(o)['completions'];
    const parallelism = int(spec(o)['parallelism']);
    let completionsText: string;
    if (typeof completions === 'number') completionsText = `${succeeded}/${completions}`;
    else completionsText = parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
    const start = parseTime(s['startTime']);
    const end = parseTime(s['completionTime']);
    const duration = !start ? '' : humanDuration((end ?? now).getTime() - start.getTime());
    let state = 'Running';
    if (jobCondition(o, 'Complete')) state = 'Complete';
    else if (jobCondition(o, 'Failed')) state = 'Failed';
    else if (o.metadata.deletionTimestamp) state = 'Terminating';
    else if (jobCondition(o, 'Suspended')) state = 'Suspended';
    else if (jobCondition(o, 'FailureTarget')) state = 'FailureTarget';
    const [names, images] = containerCells(templateSpec(o));
    return [
      o.metadata.name ?? '',
      state,
      completionsText,
      duration,
      age(o, now),
      names,
      images,
      formatLabelSelectorObject(spec(o)['selector']),
    ];
  },
};
