import { testDetector } from '../testing/detector-tester.js';
import detector from './app-exception.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a Python connection error is a dependency failure, not an application bug',
      paste: `$ kubectl logs recs-worker-59d7c4b8f6-dz8xq -n personalization --previous
Traceback (most recent call last):
  File "/app/recs_worker/main.py", line 41, in <module>
    cache.ping()
  File "/usr/local/lib/python3.12/site-packages/redis/connection.py", line 707, in connect
    raise ConnectionError(self._error_message(e))
redis.exceptions.ConnectionError: Error 111 connecting to localhost:6379. Connection refused.
`,
    },
    {
      name: 'exit 1 with no logs: nothing says it is a bug',
      paste: `$ kubectl describe pod billing-worker-5c8f7d9b6-xq2lm -n billing
Name:             billing-worker-5c8f7d9b6-xq2lm
Namespace:        billing
Status:           Running
Controlled By:    ReplicaSet/billing-worker-5c8f7d9b6
Containers:
  worker:
    Image:          registry.acme.io/billing-worker:2.0.3
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  4
`,
    },
    {
      name: 'a recovered panic logged by the framework is not a crash',
      paste: `$ kubectl logs api-5b8c7d6f9-lx2pd -n payments --previous
2026/07/14 09:00:01 api listening on :8080
2026/07/14 09:12:44 recovered from panic: none
2026/07/14 09:30:00 shutting down on SIGTERM
`,
    },
    {
      name: 'a Go panic whose message is a refused connection (dependency signatures own it)',
      paste: `$ kubectl logs ledger-api-6d8c7b9f5-9xk2m -n ledger --previous
panic: failed to connect to \`host=ledger-pg user=ledger database=ledger\`: dial error (dial tcp 10.96.140.22:5432: connect: connection refused)
`,
    },
  ],
  failing: [
    {
      name: 'Go nil pointer panic with the first application frame, after a rollout',
      paste: `$ kubectl get pods -n shop -l app=checkout-api
NAME                            READY   STATUS             RESTARTS     AGE
checkout-api-7x9m2              0/1     CrashLoopBackOff   4 (31s ago)  3m

$ kubectl logs checkout-api-7x9m2 -n shop --previous
2024-02-07T09:00:00.123Z [FATAL] checkout-api-pod-7x9m2 panic: runtime error: invalid memory address or nil pointer dereference
[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c4e12]

goroutine 42 [running]:
github.com/shop/checkout.(*PaymentService).Process(0x0, {0xc0001a4000, 0x3, 0x4})
	/src/checkout/payment.go:118 +0x52
net/http.HandlerFunc.ServeHTTP(0xc000190020, {0xb1e6a0, 0xc0002a0000}, 0xc000284000)
	/usr/local/go/src/net/http/server.go:2171 +0x29

$ kubectl rollout history deployment/checkout-api -n shop
deployment.apps/checkout-api
REVISION  CHANGE-CAUSE
33        v2.14.3
34        v2.15.0
`,
      expect: [
        {
          messageId: 'crash',
          subcategory: 'panic',
          minConfidence: 0.85,
          titleIncludes: ['nil pointer dereference'],
        },
      ],
    },
    {
      name: 'Python traceback (kubectl logs --timestamps)',
      paste: `$ kubectl logs invoice-mailer-5b9f7c6d8-q2wz8 -n billing --previous --timestamps
2026-07-03T05:00:07.551093448Z Traceback (most recent call last):
2026-07-03T05:00:07.551121981Z   File "/app/mailer/bootstrap.py", line 48, in <module>
2026-07-03T05:00:07.551130110Z     templates.preload(settings.TEMPLATE_DIR)
2026-07-03T05:00:07.551137721Z   File "/app/mailer/templates.py", line 22, in preload
2026-07-03T05:00:07.551145002Z     for name in manifest.get("templates").keys():
2026-07-03T05:00:07.551152187Z AttributeError: 'NoneType' object has no attribute 'keys'
`,
      expect: [{ messageId: 'crash', subcategory: 'exception', minConfidence: 0.6 }],
    },
    {
      name: '.NET unhandled exception with the frame in the app (exit 134)',
      paste: `$ kubectl logs claims-api-5f8c6d7b9-m3kqz -n insurance --previous
info: Claims.Api.Startup.RegionWarmup[0]
      Warming up region eu
Unhandled exception. System.NullReferenceException: Object reference not set to an instance of an object.
   at Claims.Api.Startup.RegionWarmup.LoadTariffs(RegionSettings region) in /src/Claims.Api/Startup/RegionWarmup.cs:line 64
   at Program.<Main>$(String[] args) in /src/Claims.Api/Program.cs:line 58
`,
      expect: [
        {
          messageId: 'crash',
          subcategory: 'exception',
          minConfidence: 0.85,
          titleIncludes: ['Object reference not set'],
        },
      ],
    },
    {
      name: 'Java exception in main',
      paste: `$ kubectl logs quote-engine-7c5d8b9f6-hq7zl -n pricing --previous
22:14:10.402 [main] INFO  com.acme.pricing.QuoteEngine - quote-engine 9.2.0 starting with 3 rule sets
Exception in thread "main" java.lang.NullPointerException: Cannot invoke "com.acme.pricing.rules.Currency.scale()" because "rule.currency" is null
	at com.acme.pricing.rules.RuleCompiler.compile(RuleCompiler.java:88)
	at com.acme.pricing.QuoteEngine.main(QuoteEngine.java:29)
`,
      expect: [{ messageId: 'crash', titleIncludes: ['Cannot invoke'] }],
    },
    {
      name: 'Ruby uncaught NoMethodError',
      paste: `$ kubectl logs deploy/sidekiq-reports -n analytics --previous --tail=5
2026-07-05T03:00:00.880Z pid=1 tid=2h9 INFO: Loading report schedules from config/schedules.yml
/app/config/initializers/report_schedules.rb:14:in \`block in <top (required)>': undefined method \`each_pair' for nil:NilClass (NoMethodError)
	from /app/config/initializers/report_schedules.rb:9:in \`each'
`,
      expect: [{ messageId: 'crash', titleIncludes: ['each_pair'] }],
    },
    {
      name: 'segmentation fault (exit 139) with no logs',
      paste: `Name:             img-resizer-5d6c7b8f9-r2tk4
Namespace:        media
Status:           Running
Controlled By:    ReplicaSet/img-resizer-5d6c7b8f9
Containers:
  resizer:
    Image:          registry.acme.io/media/img-resizer:2.3.1
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    139
    Restart Count:  23
`,
      expect: [{ messageId: 'signal', subcategory: 'segfault', titleIncludes: ['SIGSEGV', '139'] }],
    },
    {
      name: 'abort (exit 134) with no logs',
      paste: `$ kubectl get pod video-encoder-6f7a8b9c0-d1e2f -n media -o json
{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": { "name": "video-encoder-6f7a8b9c0-d1e2f", "namespace": "media" },
  "spec": { "containers": [{ "name": "encoder", "image": "registry.acme.io/media/encoder:5.0.1" }] },
  "status": {
    "phase": "Running",
    "containerStatuses": [
      {
        "name": "encoder",
        "restartCount": 5,
        "state": { "waiting": { "reason": "CrashLoopBackOff" } },
        "lastState": { "terminated": { "exitCode": 134, "reason": "Error" } }
      }
    ]
  }
}
`,
      expect: [{ messageId: 'signal', subcategory: 'abort', titleIncludes: ['SIGABRT'] }],
    },
    {
      name: 'application code requires an npm package the image does not have',
      paste: `$ oc logs data-portal-14-7xk2p --previous
internal/modules/cjs/loader.js:905
  throw err;
  ^

Error: Cannot find module 'btoa'
Require stack:
- /app/routes/resource.js
- /app/app.js
    at Function.Module._resolveFilename (internal/modules/cjs/loader.js:902:15)
    at Object.<anonymous> (/app/routes/resource.js:5:14) {
  code: 'MODULE_NOT_FOUND',
  requireStack: [ '/app/routes/resource.js', '/app/app.js' ]
}
`,
      expect: [{ messageId: 'crash', titleIncludes: ['btoa'] }],
    },
  ],
});
