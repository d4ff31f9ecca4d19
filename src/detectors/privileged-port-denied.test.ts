import { testDetector } from '../testing/detector-tester.js';
import detector from './privileged-port-denied.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a port already in use is not a permission problem',
      paste: `$ kubectl logs api-7d9c8b6f5-k2x9q -n shop --previous
listen tcp :8080: bind: address already in use
`,
    },
    {
      name: 'a file permission error is not a port problem',
      paste: `$ kubectl logs api-7d9c8b6f5-k2x9q -n shop --previous
Error: EACCES: permission denied, open '/app/logs/app.log'
`,
    },
  ],
  failing: [
    {
      name: 'non-root nginx binding port 80 with all capabilities dropped',
      paste: `$ kubectl get pod edge-proxy-7c6b5d9f8d-zr4xs -n ingress -o json
{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": { "name": "edge-proxy-7c6b5d9f8d-zr4xs", "namespace": "ingress" },
  "spec": {
    "securityContext": { "runAsNonRoot": true, "runAsUser": 101 },
    "containers": [
      {
        "name": "nginx",
        "image": "nginx:1.27-alpine",
        "ports": [ { "containerPort": 80 } ],
        "securityContext": { "allowPrivilegeEscalation": false, "capabilities": { "drop": ["ALL"] } }
      }
    ]
  },
  "status": {
    "containerStatuses": [
      { "name": "nginx", "restartCount": 5, "state": { "waiting": { "reason": "CrashLoopBackOff" } }, "lastState": { "terminated": { "exitCode": 1, "reason": "Error" } } }
    ]
  }
}

$ kubectl logs edge-proxy-7c6b5d9f8d-zr4xs -n ingress --previous
/docker-entrypoint.sh: Configuration complete; ready for start up
nginx: [emerg] bind() to 0.0.0.0:80 failed (13: Permission denied)
`,
      expect: [
        {
          messageId: 'port',
          subcategory: 'privileged-port',
          minConfidence: 0.9,
          titleIncludes: ['80'],
        },
      ],
    },
    {
      name: 'a Go server as non-root on :443',
      paste: `$ kubectl logs gw-6d9f8c7b5-k2x9q -n edge --previous
2026/05/01 10:00:00 starting gateway
2026/05/01 10:00:00 listen tcp :443: bind: permission denied
`,
      expect: [{ messageId: 'port', titleIncludes: ['443'] }],
    },
    {
      name: 'Node.js listen EACCES',
      paste: `$ kubectl logs web-7c8d9f6b5-zx8cv -n web --previous
Error: listen EACCES: permission denied 0.0.0.0:80
    at Server.setupListenHandle [as _listen2] (node:net:1881:21)
`,
      expect: [{ messageId: 'port', titleIncludes: ['80'] }],
    },
  ],
});
