import { testDetector } from '../testing/detector-tester.js';
import detector from './app-missing-setting.js';

testDetector(detector, {
  healthy: [
    {
      name: 'a KeyError on a response dict (not os.environ) is not a missing env var',
      paste: `$ kubectl logs fx-sync-7d8c9b6f5-kq4zt -n pricing --previous
2024-09-02 06:00:01,877 INFO fx_sync: provider returned 31 rates
Traceback (most recent call last):
  File "/app/fx_sync/main.py", line 37, in sync
    upsert("EUR", payload["rates"]["EUR"])
KeyError: 'EUR'
`,
    },
    {
      name: 'a setting that falls back to a default is not why the app stopped',
      paste: `$ kubectl logs checkout-web-6d7f8c9b5-2lq8x -n web --previous
2026-07-14T10:00:01.002Z WARN feature flag NEW_CHECKOUT is not set, using default false
2026-07-14T10:00:01.210Z INFO listening on :3000
2026-07-14T10:31:44.019Z INFO SIGTERM received, shutting down
`,
    },
    {
      name: 'a JavaScript ReferenceError is a bug, not a missing setting',
      paste: `$ kubectl logs edge-worker-7c8d9e0f1-a2b3c -n web --previous
/app/dist/worker.js:88
    const res = await fetch(url);
                ^

ReferenceError: fetch is not defined
    at pullConfig (/app/dist/worker.js:88:17)
`,
    },
    {
      name: "the app's setting comes from an optional key (the optional-ref detector explains it)",
      paste: `$ kubectl get pod trade-api-7b9c6d5f4-p2x8v -n trading -o yaml
apiVersion: v1
kind: Pod
metadata:
  name: trade-api-7b9c6d5f4-p2x8v
  namespace: trading
spec:
  containers:
  - name: trade-api
    image: ghcr.io/acme/trade-api:2.9.0
    env:
    - name: Broker__ApiKey
      valueFrom:
        secretKeyRef:
          name: broker-credentials
          key: api-key
          optional: true
status:
  containerStatuses:
  - name: trade-api
    restartCount: 4
    state:
      waiting:
        reason: CrashLoopBackOff
    lastState:
      terminated:
        exitCode: 134
        reason: Error

$ kubectl logs trade-api-7b9c6d5f4-p2x8v -n trading --previous
Unhandled exception. System.InvalidOperationException: Broker:ApiKey is not configured
`,
    },
  ],
  failing: [
    {
      name: 'envconfig: a required env var has no value (logs only)',
      paste: `$ kubectl logs shipping-quotes-6f9c8b7d5-b7n4j -n logistics --previous
2026/06/16 11:42:08 shipping-quotes 1.12.0 (commit 4be2a91) starting
2026/06/16 11:42:08 config: envconfig.Process: required key CARRIER_API_TOKEN missing value
`,
      expect: [
        {
          messageId: 'missingEnv',
          subcategory: 'missing-env',
          minConfidence: 0.75,
          titleIncludes: ['CARRIER_API_TOKEN'],
        },
      ],
    },
    {
      name: 'python-decouple: the env var is absent and envFrom is opaque',
      paste: `$ kubectl describe pod billing-admin-7c6d5b8f9-p2x4z -n backoffice
Name:             billing-admin-7c6d5b8f9-p2x4z
Namespace:        backoffice
Status:           Running
Controlled By:    ReplicaSet/billing-admin-7c6d5b8f9
Containers:
  admin:
    Image:          registry.acme.io/backoffice/billing-admin:3.3.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  5
    Environment Variables from:
      billing-admin-env  ConfigMap  Optional: false
    Environment:
      DJANGO_SETTINGS_MODULE:  billing_admin.settings

$ kubectl logs billing-admin-7c6d5b8f9-p2x4z -n backoffice --previous
decouple.UndefinedValueError: STRIPE_WEBHOOK_SECRET not found. Declare it as envvar or define a default value.
`,
      expect: [{ messageId: 'missingEnv', titleIncludes: ['STRIPE_WEBHOOK_SECRET'] }],
    },
    {
      name: 'Django: SECRET_KEY is set but empty',
      paste: `$ kubectl describe pod cms-5d6e7f8a9-b1c2d -n content
Name:             cms-5d6e7f8a9-b1c2d
Namespace:        content
Status:           Running
Controlled By:    ReplicaSet/cms-5d6e7f8a9
Containers:
  cms:
    Image:          registry.acme.io/content/cms:7.0.2
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  3
    Environment:
      SECRET_KEY:  <set to the key 'secret-key' in secret 'cms-django'>  Optional: false

$ kubectl logs cms-5d6e7f8a9-b1c2d -n content --previous
django.core.exceptions.ImproperlyConfigured: The SECRET_KEY setting must not be empty.
`,
      expect: [
        {
          messageId: 'presentEnv',
          subcategory: 'empty-value',
          titleIncludes: ['SECRET_KEY'],
        },
      ],
    },
    {
      name: 'the config file is not where the app reads it',
      paste: `$ kubectl describe pod rules-engine-6a7b8c9d0-e1f2g -n fraud
Name:             rules-engine-6a7b8c9d0-e1f2g
Namespace:        fraud
Status:           Running
Controlled By:    ReplicaSet/rules-engine-6a7b8c9d0
Containers:
  engine:
    Image:          registry.acme.io/fraud/rules-engine:2.2.0
    State:          Waiting
      Reason:       CrashLoopBackOff
    Last State:     Terminated
      Reason:       Error
      Exit Code:    1
    Restart Count:  7
    Mounts:
      /etc/rules-engine/conf.d from rules (ro)

$ kubectl logs rules-engine-6a7b8c9d0-e1f2g -n fraud --previous
Traceback (most recent call last):
  File "/app/engine/config.py", line 12, in load
    with open(path) as fh:
FileNotFoundError: [Errno 2] No such file or directory: '/etc/rules-engine/rules.yaml'
`,
      expect: [
        {
          messageId: 'missingFile',
          subcategory: 'missing-file',
          titleIncludes: ['/etc/rules-engine/rules.yaml'],
        },
      ],
    },
    {
      name: "Rails: Missing secret_key_base (the setting's env var is SECRET_KEY_BASE)",
      paste: `$ kubectl logs storefront-rails-6c4b8d9f7-q9v3x -n shop -p
=> Booting Puma
=> Rails 7.1.3 application starting in production
Exiting
/usr/local/bundle/gems/railties-7.1.3/lib/rails/application.rb:509:in \`secret_key_base': Missing \`secret_key_base\` for 'production' environment, set this string with \`bin/rails credentials:edit\` (ArgumentError)
`,
      expect: [{ messageId: 'missingEnv', titleIncludes: ['secret_key_base'] }],
    },
    {
      name: "an entrypoint script under set -u stops on an unset variable ('unbound variable')",
      paste: `$ kubectl get pods -n idp
NAME                       READY   STATUS             RESTARTS      AGE
keycloak-ffb6b445c-dvj4t   0/1     CrashLoopBackOff   4 (43s ago)   2m27s

$ kubectl logs keycloak-ffb6b445c-dvj4t -n idp
-b 0.0.0.0
/opt/jboss/tools/docker-entrypoint.sh: line 165: DB_ADDR: unbound variable
`,
      expect: [{ messageId: 'missingEnv', titleIncludes: ['DB_ADDR'] }],
    },
    {
      name: "'<NAME> environment variable is required' names the variable, not the word 'variable'",
      paste: `$ kubectl -n kotsadm logs upgrade-svc-5c8f7d9b6-m4q2x --previous
Starting Upgrade Service version 1.124.6 on port 46713
Error: failed to bootstrap: failed to get replicated api endpoint: REPLICATED_APP_ENDPOINT environment variable is required
`,
      expect: [{ messageId: 'missingEnv', titleIncludes: ['REPLICATED_APP_ENDPOINT'] }],
    },
  ],
});
