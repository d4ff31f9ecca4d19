import { testDetector } from '../testing/detector-tester.js';
import detector from './stored-data-version-mismatch.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a database that does not exist is not a data-version problem',
      paste: `$ kubectl logs orders-db-0 -n shop --previous
2024-03-01 10:00:00.000 UTC [61] FATAL:  database "orders" does not exist
`,
    },
    {
      name: 'a clean PostgreSQL start over existing data',
      paste: `$ kubectl logs geo-db-0 -n maps

PostgreSQL Database directory appears to contain a database; Skipping initialization

2023-09-18 06:41:09.385 UTC [1] LOG:  database system is ready to accept connections
`,
    },
  ],
  failing: [
    {
      name: 'PostgreSQL 15 data under a 16 image, with the rollout that bumped it (CRLF)',
      paste: `$ kubectl rollout history statefulset/geo-db -n maps\r
statefulset.apps/geo-db\r
REVISION  CHANGE-CAUSE\r
3         <none>\r
4         chore(deps): update postgis/postgis docker tag to v16-3.4\r
\r
$ kubectl get pods -n maps\r
NAME       READY   STATUS             RESTARTS      AGE\r
geo-db-0   0/1     CrashLoopBackOff   9 (61s ago)   23m\r
\r
$ kubectl logs geo-db-0 -n maps --previous\r
2023-09-18 06:41:09.385 UTC [1] FATAL:  database files are incompatible with server\r
2023-09-18 06:41:09.385 UTC [1] DETAIL:  The data directory was initialized by PostgreSQL version 15, which is not compatible with this version 16.0 (Debian 16.0-1.pgdg110+1).\r
`,
      expect: [
        {
          messageId: 'dataVersion',
          subcategory: 'data-version',
          minConfidence: 0.85,
          titleIncludes: ['PostgreSQL'],
        },
      ],
    },
    {
      name: 'MySQL downgraded under its data, no rollout history',
      paste: `$ kubectl logs mysql-0 -n crm --previous
2024-02-01T09:12:44.118293Z 1 [ERROR] [MY-013171] [InnoDB] Cannot boot server version 80036 on data directory built by version 80200. Downgrade is not supported
2024-02-01T09:12:44.118401Z 0 [ERROR] [MY-010119] [Server] Aborting
`,
      expect: [{ messageId: 'dataVersion', subcategory: 'data-version', titleIncludes: ['MySQL'] }],
    },
    {
      name: 'Redis rolled back below the RDB format it wrote',
      paste: `$ kubectl logs cache-redis-0 -n web --previous
1:M 02 Apr 2024 10:01:55.004 # Can't handle RDB format version 12
1:M 02 Apr 2024 10:01:55.004 # Fatal error loading the DB, check server logs. Exiting.
`,
      expect: [{ messageId: 'dataVersion', titleIncludes: ['Redis'] }],
    },
  ],
});
