import { testDetector } from '../testing/detector-tester.js';
import detector from './filesystem-permission-denied.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a missing file is not a permission problem',
      paste: `$ kubectl logs api-7d9c8b6f5-k2x9q -n shop --previous
FileNotFoundError: [Errno 2] No such file or directory: '/etc/app/config.yaml'
`,
    },
    {
      name: 'an entrypoint that is not executable is a bad command, not file access',
      paste: `$ kubectl logs api-7d9c8b6f5-k2x9q -n shop --previous
exec /app/run.sh: permission denied
`,
    },
    {
      name: 'a privileged port is its own detector',
      paste: `$ kubectl logs edge-7c6b5d9f8d-zr4xs -n ingress --previous
nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)
`,
    },
  ],
  failing: [
    {
      name: 'Elasticsearch JSON log with a nested AccessDeniedException, no spec pasted',
      paste: `$ kubectl logs es-0 -n search --previous
{"type": "server", "timestamp": "2024-03-03T10:00:00,000Z", "level": "ERROR", "message": "uncaught exception in thread [main]", "stacktrace": ["org.elasticsearch.bootstrap.StartupException: ElasticsearchException[failed to bind service]; nested: AccessDeniedException[/usr/share/elasticsearch/data/nodes];"]}
`,
      expect: [
        {
          messageId: 'imageOwnership',
          subcategory: 'image-ownership',
          titleIncludes: ['/usr/share/elasticsearch/data/nodes'],
        },
      ],
    },
    {
      name: 'read-only root filesystem: nginx cannot create its cache directory',
      paste: `$ kubectl get pod site-6f9b7c8d54-xl2ph -n web -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: site-6f9b7c8d54-xl2ph
  namespace: web
spec:
  containers:
  - name: site
    image: nginxinc/nginx-unprivileged:1.27-alpine
    securityContext:
      readOnlyRootFilesystem: true
      runAsUser: 101
    volumeMounts:
    - mountPath: /etc/nginx/conf.d
      name: conf
      readOnly: true
  volumes:
  - configMap:
      name: site-conf
    name: conf
status:
  containerStatuses:
  - name: site
    restartCount: 6
    lastState:
      terminated:
        exitCode: 1
        reason: Error
    state:
      waiting:
        reason: CrashLoopBackOff

$ kubectl logs site-6f9b7c8d54-xl2ph -n web --previous
10-listen-on-ipv6-by-default.sh: info: can not modify /etc/nginx/conf.d/default.conf (read-only file system?)
/docker-entrypoint.sh: Configuration complete; ready for start up
nginx: [emerg] mkdir() "/var/cache/nginx/client_temp" failed (30: Read-only file system)
`,
      expect: [
        {
          messageId: 'readOnlyRoot',
          subcategory: 'read-only-root',
          minConfidence: 0.85,
          titleIncludes: ['/var/cache/nginx/client_temp'],
        },
      ],
    },
    {
      name: 'PVC owned by root, container runs as 1000 without fsGroup (Python traceback)',
      paste: `$ kubectl logs media-worker-0 -n media --previous
Traceback (most recent call last):
  File "/app/media_worker/storage.py", line 19, in prepare
    os.makedirs(path, exist_ok=True)
PermissionError: [Errno 13] Permission denied: '/data/uploads'

$ kubectl get pod media-worker-0 -n media -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: media-worker-0
  namespace: media
spec:
  containers:
  - name: worker
    image: ghcr.io/acme/media-worker:2.4.1
    securityContext:
      runAsUser: 1000
    volumeMounts:
    - mountPath: /data
      name: media-data
  volumes:
  - name: media-data
    persistentVolumeClaim:
      claimName: media-data-media-worker-0
status:
  containerStatuses:
  - name: worker
    restartCount: 11
    lastState:
      terminated:
        exitCode: 1
        reason: Error
    state:
      waiting:
        reason: CrashLoopBackOff
`,
      expect: [
        {
          messageId: 'volumeOwnership',
          subcategory: 'volume-ownership',
          minConfidence: 0.85,
          titleIncludes: ['media-data', '/data'],
        },
      ],
    },
    {
      name: 'capabilities dropped: nginx cannot chown its cache',
      paste: `$ kubectl get pod status-7f5d9b8c6d-bk4wq -n status -o json
{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": { "name": "status-7f5d9b8c6d-bk4wq", "namespace": "status" },
  "spec": {
    "containers": [
      { "name": "nginx", "image": "nginx:1.27.5", "securityContext": { "capabilities": { "drop": ["ALL"] } } }
    ]
  },
  "status": {
    "containerStatuses": [
      { "name": "nginx", "restartCount": 4, "state": { "waiting": { "reason": "CrashLoopBackOff" } }, "lastState": { "terminated": { "exitCode": 1, "reason": "Error" } } }
    ]
  }
}

$ kubectl logs status-7f5d9b8c6d-bk4wq -n status --previous
/docker-entrypoint.sh: Configuration complete; ready for start up
nginx: [emerg] chown("/var/cache/nginx/client_temp", 101) failed (1: Operation not permitted)
`,
      expect: [{ messageId: 'capabilities', subcategory: 'capabilities', minConfidence: 0.8 }],
    },
    {
      name: 'postgres on NFS: chmod of the data directory not permitted',
      paste: `$ kubectl describe pod pg-0 -n reporting
Name:             pg-0
Namespace:        reporting
Node:             worker-12/192.168.50.112
Status:           Running
Controlled By:    StatefulSet/pg
Containers:
  postgres:
    Image:          postgres:16.4
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  6
    Mounts:
      /var/lib/postgresql/data from pgdata (rw)
Volumes:
  pgdata:
    Type:      NFS (an NFS mount that lasts the lifetime of a pod)
    Server:    192.168.50.10
    Path:      /srv/nfs/pg
    ReadOnly:  false

$ kubectl logs pg-0 -n reporting --previous
chown: changing ownership of '/var/lib/postgresql/data': Operation not permitted
fixing permissions on existing directory /var/lib/postgresql/data ... initdb: error: could not change permissions of directory "/var/lib/postgresql/data": Operation not permitted
`,
      expect: [
        {
          messageId: 'volumeOwnership',
          subcategory: 'volume-ownership',
          titleIncludes: ['pgdata'],
        },
      ],
    },
    {
      name: 'writing into a ConfigMap volume',
      paste: `$ kubectl describe pod conf-writer-5c8d7b9f6-q2w3e -n core
Name:             conf-writer-5c8d7b9f6-q2w3e
Namespace:        core
Status:           Running
Controlled By:    ReplicaSet/conf-writer-5c8d7b9f6
Containers:
  app:
    Image:          ghcr.io/acme/conf-writer:1.0.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  3
    Mounts:
      /etc/app from app-config (ro)
Volumes:
  app-config:
    Type:      ConfigMap (a volume populated by a ConfigMap)
    Name:      conf-writer
    Optional:  false

$ kubectl logs conf-writer-5c8d7b9f6-q2w3e -n core --previous
OSError: [Errno 30] Read-only file system: '/etc/app/settings.yaml.tmp'
`,
      expect: [{ messageId: 'readOnlyVolume', subcategory: 'read-only-volume' }],
    },
    {
      name: 'SELinux denial on a hostPath',
      paste: `$ kubectl logs collector-x7k2p -n logging --previous
open /var/log/app/collector.pos: permission denied
type=AVC msg=audit(1649106092.768:10979): avc:  denied  { write } for  pid=76042 comm="collector" name="app" dev="sda2" ino=369501097 scontext=system_u:system_r:container_t:s0:c701,c935 tcontext=system_u:object_r:var_log_t:s0 tclass=dir permissive=0
`,
      expect: [{ messageId: 'selinux', subcategory: 'selinux' }],
    },
    {
      name: 'grafana data dir on a hostPath: fsGroup set but does not apply',
      paste: `kubectl get pods -n grafana
NAME                          READY   STATUS             RESTARTS   AGE
grafana-ops-7c6b5d9f8-hq4rk   0/1     CrashLoopBackOff   5          4m12s

kubectl logs grafana-ops-7c6b5d9f8-hq4rk -n grafana --previous
GF_PATHS_DATA='/var/lib/grafana' is not writable.
You may have issues with file permissions, more information here: http://docs.grafana.org/installation/docker/#migrate-to-v51-or-later
mkdir: can't create directory '/var/lib/grafana/plugins': Permission denied
`,
      expect: [{ messageId: 'imageOwnership', minConfidence: 0.7 }],
    },
    {
      name: 'redis cannot create its append-only dir (relative path)',
      paste: `$ kubectl logs redis-master-0 --previous
1:M 14 Jul 2022 10:08:55.714 # Server initialized
1:M 14 Jul 2022 10:08:55.716 # Can't open or create append-only dir appendonlydir: Permission denied
`,
      expect: [{ messageId: 'imageOwnership', subcategory: 'image-ownership' }],
    },
    {
      name: 'mysql data directory not writable (OS errno 13)',
      paste: `$ kubectl logs mysql-0 -n wp --previous
2024-06-03T11:02:42.120175Z 0 [System] [MY-013169] [Server] /usr/sbin/mysqld (mysqld 8.0.37) initializing of server in progress as process 80
mysqld: Can't create/write to file '/var/lib/mysql/is_writable' (OS errno 13 - Permission denied)
2024-06-03T11:02:42.126912Z 0 [ERROR] [MY-010460] [Server] --initialize specified but the data directory exists and is not writable. Aborting.
`,
      expect: [{ messageId: 'imageOwnership' }],
    },
    {
      name: 'runc cannot chdir into a root-only WORKDIR (StartError)',
      paste: `$ kubectl describe pod api-85f6d7c9b4-tt2xk -n platform
Name:             api-85f6d7c9b4-tt2xk
Namespace:        platform
Status:           Running
Controlled By:    ReplicaSet/api-85f6d7c9b4
Containers:
  api:
    Image:          registry.platform.io/api:2024.05.2
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       StartError
      Message:      failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: error during container init: chdir to cwd ("/app") set in config.json failed: permission denied: unknown
      Exit Code:    128
    Restart Count:  6
`,
      expect: [{ messageId: 'imageOwnership', titleIncludes: ['/app'] }],
    },
  ],
});
