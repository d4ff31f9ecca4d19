/**
 * Signatures of a dependency failing to answer: refused, reset, timed out, unresolvable, TLS or
 * credentials rejected. They extract the host and port so the engine can look the dependency up
 * among the Services and Endpoints in the evidence.
 */
import type { Signature } from '../types.js';

const host = (n = ''): string => String.raw`(?<host${n}>[A-Za-z0-9_.-]+|\[[0-9a-fA-F:]+\])`;
const port = (n = ''): string => String.raw`(?<port${n}>\d{1,5})`;
const HOST = host();
const PORT = port();

export const dependencySignatures: Signature[] = [
  {
    id: 'node-econnrefused',
    runtime: 'node',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['ECONNREFUSED'],
    pattern: new RegExp(String.raw`ECONNREFUSED ${HOST}:${PORT}`),
    weight: 0.8,
    description:
      'Node.js net error: nothing listens at host:port (or the Service has no endpoints).',
    examples: [
      {
        line: 'Error: connect ECONNREFUSED 10.96.22.18:6379',
        extracts: { host: '10.96.22.18', port: '6379' },
      },
      {
        line: 'MongoServerSelectionError: connect ECONNREFUSED 127.0.0.1:27017',
        extracts: { host: '127.0.0.1', port: '27017' },
      },
    ],
    counterExamples: ['retrying after ECONNREFUSED'],
  },
  {
    id: 'node-enotfound',
    runtime: 'node',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: ['ENOTFOUND', 'EAI_AGAIN'],
    pattern: new RegExp(String.raw`getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ${HOST}`),
    weight: 0.8,
    description:
      'Node.js DNS failure: the host name does not resolve (wrong Service name or namespace).',
    examples: [
      {
        line: 'Error: getaddrinfo ENOTFOUND postgres-primary',
        extracts: { host: 'postgres-primary' },
      },
      {
        line: 'Error: getaddrinfo EAI_AGAIN kafka.messaging.svc',
        extracts: { host: 'kafka.messaging.svc' },
      },
    ],
  },
  {
    id: 'node-etimedout',
    runtime: 'node',
    category: 'dependency-failure',
    subcategory: 'timeout',
    keywords: ['ETIMEDOUT'],
    pattern: new RegExp(String.raw`ETIMEDOUT ${HOST}:${PORT}`),
    weight: 0.7,
    description:
      'Node.js connect timeout: packets to host:port get no answer (network policy, firewall, wrong IP).',
    examples: [
      {
        line: 'Error: connect ETIMEDOUT 10.0.12.7:5432',
        extracts: { host: '10.0.12.7', port: '5432' },
      },
    ],
  },
  {
    id: 'econnreset',
    runtime: 'generic',
    category: 'dependency-failure',
    subcategory: 'reset',
    keywords: [
      'ECONNRESET',
      'Connection reset by peer',
      'connection reset by peer',
      'SocketException: Connection reset',
      'An I/O error occurred while sending to the backend',
    ],
    pattern: new RegExp(
      String.raw`(?:ECONNRESET|[Cc]onnection reset by peer|SocketException: Connection reset|An I/O error occurred while sending to the backend)`,
    ),
    weight: 0.6,
    description:
      'The peer closed an established connection (a restart or rollout of the dependency, or a proxy in between).',
    examples: [
      { line: 'Error: read ECONNRESET' },
      {
        line: "redis.exceptions.ConnectionError: Error while reading from redis-proxy.infra.svc.cluster.local:6379 : (104, 'Connection reset by peer')",
      },
      { line: 'read tcp 10.1.0.4:51234->10.0.3.9:5432: read: connection reset by peer' },
      { line: 'Caused by: java.net.SocketException: Connection reset' },
      {
        line: 'org.postgresql.util.PSQLException: An I/O error occurred while sending to the backend.',
      },
    ],
  },
  {
    id: 'go-dial-refused',
    runtime: 'go',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['connection refused'],
    pattern: new RegExp(String.raw`dial tcp ${HOST}:${PORT}: connect: connection refused`),
    weight: 0.8,
    description: 'Go net.Dial: nothing listens at host:port.',
    examples: [
      {
        line: 'failed to connect: dial tcp 10.0.3.9:5432: connect: connection refused',
        extracts: { host: '10.0.3.9', port: '5432' },
      },
    ],
  },
  {
    id: 'go-dial-timeout',
    runtime: 'go',
    category: 'dependency-failure',
    subcategory: 'timeout',
    keywords: ['i/o timeout', 'connection timed out'],
    pattern: new RegExp(
      String.raw`dial tcp ${HOST}:${PORT}: (?:i/o timeout|connect: connection timed out)`,
    ),
    weight: 0.7,
    description: 'Go net.Dial timed out: host:port does not answer.',
    examples: [
      {
        line: 'redis unavailable: dial tcp 10.20.4.11:6379: i/o timeout',
        extracts: { host: '10.20.4.11', port: '6379' },
      },
      {
        line: 'failed to connect to `host=pg-primary user=ledger database=ledger`: dial error (dial tcp 10.4.7.19:5432: connect: connection timed out)',
        extracts: { host: '10.4.7.19', port: '5432' },
      },
    ],
    counterExamples: ['read tcp 10.1.0.4:51234->10.0.3.9:5432: i/o timeout'],
  },
  {
    id: 'go-dns-no-such-host',
    runtime: 'go',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: ['no such host', 'server misbehaving'],
    pattern: new RegExp(
      String.raw`lookup ${HOST}(?: on [0-9.:\[\]a-f]+)?: (?:no such host|server misbehaving)`,
    ),
    weight: 0.8,
    description: 'Go resolver: the host name does not resolve.',
    examples: [
      {
        line: 'dial tcp: lookup postgres on 10.96.0.10:53: no such host',
        extracts: { host: 'postgres' },
      },
    ],
  },
  {
    id: 'python-errno-111',
    runtime: 'python',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['Errno 111', 'Error 111'],
    pattern: new RegExp(
      String.raw`(?:Error 111 connecting to ${HOST}:${PORT}|\[Errno 111\] Connection refused)`,
    ),
    weight: 0.8,
    description: 'Python socket ECONNREFUSED (redis-py, urllib3, raw sockets).',
    examples: [
      {
        line: 'redis.exceptions.ConnectionError: Error 111 connecting to redis-master:6379. Connection refused.',
        extracts: { host: 'redis-master', port: '6379' },
      },
      { line: 'ConnectionRefusedError: [Errno 111] Connection refused' },
    ],
  },
  {
    id: 'python-name-resolution',
    runtime: 'python',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: [
      'Name or service not known',
      'Temporary failure in name resolution',
      'nodename nor servname',
    ],
    pattern:
      /(?:Name or service not known|Temporary failure in name resolution|nodename nor servname provided)/,
    weight: 0.7,
    description: 'libc resolver failure seen from Python, PHP, Ruby and C clients.',
    examples: [
      { line: 'socket.gaierror: [Errno -2] Name or service not known' },
      { line: 'socket.gaierror: [Errno -3] Temporary failure in name resolution' },
    ],
  },
  {
    id: 'postgres-connection-refused',
    runtime: 'postgres-client',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['port 5432 failed', 'Is the server running', 'refused. Check that the hostname'],
    pattern: new RegExp(
      String.raw`(?:connection to server at "?${HOST}"? \([^)]*\), port ${PORT} failed(?!: FATAL)|Connection to ${host('2')}:${port('2')} refused|Is the server running on host "?${host('3')}"?)`,
    ),
    weight: 0.8,
    description: 'libpq / JDBC: the PostgreSQL server does not accept connections.',
    examples: [
      {
        line: 'psycopg2.OperationalError: connection to server at "db" (10.0.0.12), port 5432 failed: Connection refused',
        extracts: { host: 'db', port: '5432' },
      },
      {
        line: 'org.postgresql.util.PSQLException: Connection to localhost:5432 refused. Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections.',
        extracts: { host: 'localhost', port: '5432' },
      },
    ],
    counterExamples: [
      'psycopg2.OperationalError: connection to server at "postgres" (10.96.12.4), port 5432 failed: FATAL:  password authentication failed for user "users"',
    ],
  },
  {
    id: 'db-auth-failed',
    runtime: 'generic',
    category: 'dependency-failure',
    subcategory: 'auth',
    keywords: [
      'password authentication failed',
      'Access denied for user',
      'Authentication failed',
      'WRONGPASS',
      'NOAUTH',
      'unable to authenticate user',
    ],
    pattern:
      /(?:password authentication failed for user "?(?<user>[^"\s]+)"?|Access denied for user '(?<user2>[^']*)'|Authentication failed|WRONGPASS|NOAUTH Authentication required|unable to authenticate user \[(?<user3>[^\]]{1,80})\])/,
    weight: 0.8,
    description: 'The dependency rejects the credentials (PostgreSQL, MySQL, MongoDB, Redis).',
    examples: [
      {
        line: 'FATAL:  password authentication failed for user "orders"',
        extracts: { user: 'orders' },
      },
      { line: "Error 1045 (28000): Access denied for user 'app'@'10.1.2.3' (using password: YES)" },
      { line: 'redis.exceptions.AuthenticationError: WRONGPASS invalid username-password pair' },
      {
        line: "AuthenticationException(401, 'security_exception', 'unable to authenticate user [search-writer] for REST request [/_bulk]')",
        extracts: { user: 'search-writer' },
      },
    ],
  },
  {
    id: 'tls-unknown-authority',
    runtime: 'generic',
    category: 'dependency-failure',
    subcategory: 'tls',
    keywords: [
      'x509:',
      'CERTIFICATE_VERIFY_FAILED',
      'unable to verify the first certificate',
      'self signed certificate',
      'self-signed certificate',
      'PKIX path building failed',
    ],
    pattern:
      /(?:x509: [^\n]{0,200}|CERTIFICATE_VERIFY_FAILED|unable to verify the first certificate|self[- ]signed certificate in certificate chain|PKIX path building failed)/,
    weight: 0.7,
    description:
      'TLS verification of the dependency failed (unknown CA, expired or wrong-name certificate).',
    examples: [
      { line: 'tls: failed to verify certificate: x509: certificate signed by unknown authority' },
      {
        line: 'ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed',
      },
    ],
  },
  {
    id: 'java-connect-exception',
    runtime: 'java',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: [
      'java.net.ConnectException',
      'CommunicationsException',
      'RedisConnectionException',
      'could not be established. Broker may not be available',
    ],
    pattern:
      /(?:java\.net\.ConnectException: Connection refused|CommunicationsException: Communications link failure|RedisConnectionException: Unable to connect to (?<host>[\w.-]+)[:/](?<port>\d+)|Connection to node -?\d+ \((?<host2>[\w.-]+)?\/(?<host3>[\d.]+):(?<port2>\d+)\) could not be established)/,
    weight: 0.8,
    description: 'Java clients (JDBC, Lettuce, Kafka) cannot reach their server.',
    examples: [
      { line: 'Caused by: java.net.ConnectException: Connection refused' },
      {
        line: 'io.lettuce.core.RedisConnectionException: Unable to connect to redis:6379',
        extracts: { host: 'redis', port: '6379' },
      },
      {
        line: 'Connection to node -1 (kafka-0.kafka/10.0.4.5:9092) could not be established. Broker may not be available.',
        extracts: { host: 'kafka-0.kafka', port: '9092' },
      },
      {
        // No host name: bootstrap.servers was given as an IP.
        line: '[Consumer clientId=consumer-1, groupId=g] Connection to node -1 (/192.168.37.31:9092) could not be established. Broker may not be available.',
        extracts: { host: '192.168.37.31', port: '9092' },
      },
    ],
  },
  {
    id: 'java-unknown-host',
    runtime: 'java',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: ['UnknownHostException'],
    pattern: new RegExp(String.raw`UnknownHostException: ${HOST}`),
    weight: 0.8,
    description: 'Java resolver: the host name does not resolve.',
    examples: [
      {
        line: 'Caused by: java.net.UnknownHostException: mysql-primary',
        extracts: { host: 'mysql-primary' },
      },
    ],
  },
  {
    id: 'dotnet-socket-refused',
    runtime: 'dotnet',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: [
      'SocketException',
      'NpgsqlException',
      'RedisConnectionException',
      'It was not possible to connect',
    ],
    pattern:
      /(?:SocketException \(111\): Connection refused|Npgsql\.NpgsqlException[^:]*: Failed to connect to (?<host>[\w.-]+):(?<port>\d+)|It was not possible to connect to the redis server)/,
    weight: 0.8,
    description: '.NET clients (sockets, Npgsql, StackExchange.Redis) cannot reach their server.',
    examples: [
      { line: 'System.Net.Sockets.SocketException (111): Connection refused' },
      {
        line: 'Npgsql.NpgsqlException (0x80004005): Failed to connect to 10.0.0.7:5432',
        extracts: { host: '10.0.0.7', port: '5432' },
      },
    ],
  },
  {
    id: 'php-sqlstate-2002',
    runtime: 'php',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['SQLSTATE[HY000] [2002]'],
    pattern: /SQLSTATE\[HY000\] \[2002\] (?<detail>[^\n]{0,200})/,
    weight: 0.8,
    description: 'PHP PDO cannot reach MySQL (refused, or the host does not resolve).',
    examples: [
      {
        line: 'SQLSTATE[HY000] [2002] Connection refused',
        extracts: { detail: 'Connection refused' },
      },
    ],
  },
  {
    id: 'ruby-cannot-connect',
    runtime: 'ruby',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['PG::ConnectionBad', 'Redis::CannotConnectError'],
    pattern:
      /(?:PG::ConnectionBad|Redis::CannotConnectError: Error connecting to Redis on (?<host>[\w.-]+):(?<port>\d+))/,
    weight: 0.8,
    description:
      'Ruby clients (pg, redis-rb) cannot reach their server (MySQL: mysql-cannot-connect).',
    examples: [
      {
        line: 'Redis::CannotConnectError: Error connecting to Redis on redis:6379 (Errno::ECONNREFUSED)',
        extracts: { host: 'redis', port: '6379' },
      },
    ],
  },
  {
    id: 'rust-os-error-111',
    runtime: 'rust',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['os error 111', 'kind: ConnectionRefused'],
    pattern: /(?:Connection refused \(os error 111\)|kind: ConnectionRefused)/,
    weight: 0.8,
    description: 'Rust std::io: connection refused.',
    examples: [
      {
        line: 'Error: Io(Os { code: 111, kind: ConnectionRefused, message: "Connection refused" }) Connection refused (os error 111)',
      },
      {
        line: 'Error: error communicating with database: Connection refused (os error 111)',
      },
      { line: 'Error: Os { code: 111, kind: ConnectionRefused, message: "Connection refused" }' },
    ],
  },
  {
    id: 'generic-cannot-connect',
    runtime: 'generic',
    category: 'dependency-failure',
    subcategory: 'unreachable',
    keywords: [
      'Could not connect to',
      'could not connect to',
      'Unable to connect to',
      'unable to connect to',
      'Failed to connect to',
      'failed to connect to',
      'no route to host',
      'No route to host',
    ],
    pattern:
      /(?:[Cc]ould not connect to|[Uu]nable to connect to|[Ff]ailed to connect to|[Nn]o route to host)(?: (?<detail>[^\n]{0,120}))?/,
    weight: 0.5,
    description: 'An application message that it cannot reach a dependency (named in the text).',
    examples: [
      {
        line: '2026-03-11T14:33:03.122Z fatal Could not connect to Redis, exiting',
        extracts: { detail: 'Redis, exiting' },
      },
    ],
  },
  // --- HTTP clients --------------------------------------------------------------------------
  {
    id: 'python-urllib3-refused',
    runtime: 'python',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['Max retries exceeded'],
    pattern: new RegExp(
      String.raw`HTTPS?ConnectionPool\(host='${HOST}', port=${PORT}\): Max retries exceeded[^\n]{0,600}?(?:\[Errno 111\] Connection refused|ConnectionRefusedError)`,
    ),
    weight: 0.8,
    description:
      'requests/urllib3: nothing listens at host:port (the Service has no endpoints, or the port is wrong).',
    examples: [
      {
        line: "requests.exceptions.ConnectionError: HTTPConnectionPool(host='pricing-api', port=8080): Max retries exceeded with url: /v2/quotes (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f3b2c1d9e50>: Failed to establish a new connection: [Errno 111] Connection refused'))",
        extracts: { host: 'pricing-api', port: '8080' },
      },
    ],
    counterExamples: [
      "requests.exceptions.ReadTimeout: HTTPConnectionPool(host='pricing-api', port=8080): Read timed out. (read timeout=5)",
    ],
  },
  {
    id: 'python-urllib3-dns',
    runtime: 'python',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: ['Max retries exceeded'],
    pattern: new RegExp(
      String.raw`HTTPS?ConnectionPool\(host='${HOST}', port=${PORT}\): Max retries exceeded[^\n]{0,600}?(?:Name or service not known|Temporary failure in name resolution|Failed to resolve)`,
    ),
    weight: 0.8,
    description:
      'requests/urllib3: the host name does not resolve (wrong Service name or namespace).',
    examples: [
      {
        line: "requests.exceptions.ConnectionError: HTTPSConnectionPool(host='auth.identity.svc', port=443): Max retries exceeded with url: /oauth/token (Caused by NameResolutionError(\"<urllib3.connection.HTTPSConnection object at 0x7f0e5a3c4d10>: Failed to resolve 'auth.identity.svc' ([Errno -2] Name or service not known)\"))",
        extracts: { host: 'auth.identity.svc', port: '443' },
      },
    ],
  },
  {
    id: 'python-urllib3-timeout',
    runtime: 'python',
    category: 'dependency-failure',
    subcategory: 'timeout',
    keywords: ['Max retries exceeded'],
    pattern: new RegExp(
      String.raw`HTTPS?ConnectionPool\(host='${HOST}', port=${PORT}\): Max retries exceeded[^\n]{0,600}?(?:ConnectTimeoutError|timed out\. \(connect timeout)`,
    ),
    weight: 0.7,
    description: 'requests/urllib3: connecting to host:port timed out (network policy, wrong IP).',
    examples: [
      {
        line: "requests.exceptions.ConnectTimeout: HTTPConnectionPool(host='10.0.14.9', port=9200): Max retries exceeded with url: /_cluster/health (Caused by ConnectTimeoutError(<urllib3.connection.HTTPConnection object at 0x7fa1b2c3d4e0>, 'Connection to 10.0.14.9 timed out. (connect timeout=10)'))",
        extracts: { host: '10.0.14.9', port: '9200' },
      },
    ],
  },
  {
    id: 'urllib3-new-connection-refused',
    runtime: 'python',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['Failed to establish a new connection'],
    pattern: /Failed to establish a new connection: \[Errno 111\] Connection refused/,
    weight: 0.7,
    description:
      'urllib3 NewConnectionError (Elasticsearch, requests and other HTTP clients): connection refused.',
    examples: [
      {
        line: 'elasticsearch.exceptions.ConnectionError: ConnectionError(<urllib3.connection.HTTPConnection object at 0x7f1c9e3a2b50>: Failed to establish a new connection: [Errno 111] Connection refused) caused by: NewConnectionError(<urllib3.connection.HTTPConnection object at 0x7f1c9e3a2b50>: Failed to establish a new connection: [Errno 111] Connection refused)',
      },
      {
        line: 'elastic_transport.ConnectionError: Connection error caused by: ConnectionError(Connection error caused by: NewConnectionError(<urllib3.connection.HTTPConnection object at 0x7f2a>: Failed to establish a new connection: [Errno 111] Connection refused))',
      },
    ],
  },
  {
    id: 'dotnet-http-refused',
    runtime: 'dotnet',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['HttpRequestException: Connection refused'],
    pattern: new RegExp(String.raw`HttpRequestException: Connection refused \(${HOST}:${PORT}\)`),
    weight: 0.8,
    description: '.NET HttpClient (5+ appends the endpoint): nothing listens at host:port.',
    examples: [
      {
        line: 'System.Net.Http.HttpRequestException: Connection refused (inventory-api:8080)',
        extracts: { host: 'inventory-api', port: '8080' },
      },
    ],
  },
  {
    id: 'dotnet-http-dns',
    runtime: 'dotnet',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: [
      'HttpRequestException: Name or service not known',
      'HttpRequestException: No such host is known',
      'HttpRequestException: Resource temporarily unavailable',
    ],
    pattern: new RegExp(
      String.raw`HttpRequestException: (?:Name or service not known|No such host is known\.?|Resource temporarily unavailable) \(${HOST}:${PORT}\)`,
    ),
    weight: 0.8,
    description: '.NET HttpClient: the host name does not resolve.',
    examples: [
      {
        line: 'System.Net.Http.HttpRequestException: Name or service not known (catalog.shop.svc.cluster.local:80)',
        extracts: { host: 'catalog.shop.svc.cluster.local', port: '80' },
      },
    ],
  },
  {
    id: 'ruby-net-http-refused',
    runtime: 'ruby',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['Failed to open TCP connection to'],
    pattern: new RegExp(
      String.raw`Failed to open TCP connection to ${HOST}:${PORT} \(Connection refused`,
    ),
    weight: 0.8,
    description: 'Ruby Net::HTTP (Faraday, HTTParty, RestClient): nothing listens at host:port.',
    examples: [
      {
        line: '/usr/local/lib/ruby/3.2.0/net/http.rb:1271:in `initialize\': Failed to open TCP connection to billing:3000 (Connection refused - connect(2) for "billing" port 3000) (Errno::ECONNREFUSED)',
        extracts: { host: 'billing', port: '3000' },
      },
    ],
  },
  {
    id: 'ruby-net-http-dns',
    runtime: 'ruby',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: ['Failed to open TCP connection to'],
    pattern: new RegExp(String.raw`Failed to open TCP connection to ${HOST}:${PORT} \(getaddrinfo`),
    weight: 0.8,
    description: 'Ruby Net::HTTP: the host name does not resolve.',
    examples: [
      {
        line: 'Failed to open TCP connection to search-api.search.svc:9200 (getaddrinfo: Name or service not known) (SocketError)',
        extracts: { host: 'search-api.search.svc', port: '9200' },
      },
    ],
  },
  {
    id: 'rust-reqwest-refused',
    runtime: 'rust',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['error sending request for url'],
    pattern: new RegExp(
      String.raw`error sending request for url \((?<url>https?://${HOST}(?::${PORT})?[^)\s]{0,300})\)[^\n]{0,120}?Connection refused`,
    ),
    weight: 0.8,
    description: 'Rust reqwest/hyper: nothing listens behind the URL.',
    examples: [
      {
        line: 'Error: error sending request for url (http://inventory:8080/v1/stock): error trying to connect: tcp connect error: Connection refused (os error 111)',
        extracts: { host: 'inventory', port: '8080' },
      },
    ],
  },
  {
    id: 'java-netty-connect',
    runtime: 'java',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['AnnotatedConnectException'],
    pattern:
      /AnnotatedConnectException: Connection refused: (?:no further information: )?(?:(?<host>[A-Za-z][\w.-]{0,252})?\/)?(?<host2>[\d.]{7,15}):(?<port>\d{1,5})/,
    weight: 0.8,
    description:
      'Netty-based clients (Lettuce, gRPC-Java, Reactor Netty, WebClient): connection refused.',
    examples: [
      {
        line: 'Caused by: io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: redis-cache/10.96.44.12:6379',
        extracts: { host: 'redis-cache', port: '6379' },
      },
      {
        line: 'io.netty.channel.AbstractChannel$AnnotatedConnectException: Connection refused: /10.2.0.17:9090',
        extracts: { host: '10.2.0.17', port: '9090' },
      },
    ],
  },
  {
    id: 'java-connect-timeout',
    runtime: 'java',
    category: 'dependency-failure',
    subcategory: 'timeout',
    keywords: ['SocketTimeoutException', 'HttpConnectTimeoutException', 'ConnectTimeoutException'],
    pattern:
      /(?:SocketTimeoutException: [Cc]onnect timed out|HttpConnectTimeoutException: HTTP connect timed out|ConnectTimeoutException: connection timed out: (?:(?<host>[A-Za-z][\w.-]{0,252})\/)?(?<host2>[\d.]{7,15}):(?<port>\d{1,5}))/,
    weight: 0.7,
    description: 'Java clients: connecting timed out (the dependency does not answer).',
    examples: [
      { line: 'Caused by: java.net.SocketTimeoutException: Connect timed out' },
      {
        line: 'io.netty.channel.ConnectTimeoutException: connection timed out: kafka-0.kafka-headless/10.8.3.21:9092',
        extracts: { host: 'kafka-0.kafka-headless', port: '9092' },
      },
    ],
    counterExamples: ['java.net.SocketTimeoutException: Read timed out'],
  },
  {
    id: 'hikari-pool-init',
    runtime: 'java',
    category: 'dependency-failure',
    subcategory: 'unreachable',
    keywords: [
      'Exception during pool initialization',
      'Connection is not available, request timed out',
    ],
    pattern:
      /(?:HikariPool-\d{1,4} - Exception during pool initialization|Connection is not available, request timed out after \d{1,9}ms)/,
    weight: 0.65,
    description:
      'HikariCP could not open its first database connection (the cause follows) or the pool is exhausted.',
    examples: [
      {
        line: '2026-04-02 07:12:44.118 ERROR 1 --- [           main] com.zaxxer.hikari.pool.HikariPool        : HikariPool-1 - Exception during pool initialization.',
      },
      {
        line: 'java.sql.SQLTransientConnectionException: HikariPool-1 - Connection is not available, request timed out after 30000ms.',
      },
    ],
  },
  {
    id: 'sqlserver-network-error',
    runtime: 'dotnet',
    category: 'dependency-failure',
    subcategory: 'unreachable',
    keywords: ['A network-related or instance-specific error'],
    pattern:
      /A network-related or instance-specific error occurred while establishing a connection to SQL Server/,
    weight: 0.8,
    description:
      'SqlClient cannot reach SQL Server (wrong server name, port, firewall, server down).',
    examples: [
      {
        line: 'Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible.',
      },
    ],
  },
  // --- databases -----------------------------------------------------------------------------
  {
    id: 'mysql-cannot-connect',
    runtime: 'mysql-client',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ["Can't connect to MySQL server on"],
    pattern: new RegExp(
      String.raw`Can't connect to MySQL server on '${HOST}(?::${PORT})?'(?! \(-?\d{0,3} ?"?(?:Name|Unknown))`,
    ),
    weight: 0.8,
    description:
      'MySQL clients (mysql CLI, PyMySQL/mysqlclient, mysql2, mysqli): the server does not accept connections.',
    examples: [
      {
        line: "pymysql.err.OperationalError: (2003, \"Can't connect to MySQL server on 'mysql-primary' ([Errno 111] Connection refused)\")",
        extracts: { host: 'mysql-primary' },
      },
      {
        line: "ERROR 2003 (HY000): Can't connect to MySQL server on 'orders-db:3306' (111)",
        extracts: { host: 'orders-db', port: '3306' },
      },
      {
        line: "Mysql2::Error::ConnectionError: Can't connect to MySQL server on 'mysql' (111 \"Connection refused\")",
        extracts: { host: 'mysql' },
      },
    ],
  },
  {
    id: 'mysql-unknown-host',
    runtime: 'mysql-client',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: ['Unknown MySQL server host'],
    pattern: new RegExp(String.raw`Unknown MySQL server host '${HOST}'`),
    weight: 0.8,
    description: 'MySQL clients: the server host name does not resolve.',
    examples: [
      {
        line: "ERROR 2005 (HY000): Unknown MySQL server host 'mariadb.data' (-2)",
        extracts: { host: 'mariadb.data' },
      },
    ],
  },
  {
    id: 'postgres-host-not-resolved',
    runtime: 'postgres-client',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: ['could not translate host name'],
    pattern: new RegExp(String.raw`could not translate host name "${HOST}" to address`),
    weight: 0.8,
    description: 'libpq (psycopg, pg gem, psql): the database host name does not resolve.',
    examples: [
      {
        line: 'psycopg2.OperationalError: could not translate host name "postgres.db.svc" to address: Name or service not known',
        extracts: { host: 'postgres.db.svc' },
      },
    ],
  },
  {
    id: 'postgres-not-ready',
    runtime: 'postgres',
    category: 'dependency-failure',
    subcategory: 'not-ready',
    keywords: ['the database system is'],
    pattern:
      /the database system is (?<detail>starting up|shutting down|in recovery mode|not yet accepting connections)/,
    weight: 0.75,
    description:
      'PostgreSQL answers but is not ready (starting, recovering, shutting down): a start-up race or a failover.',
    examples: [
      {
        line: 'django.db.utils.OperationalError: FATAL:  the database system is starting up',
        extracts: { detail: 'starting up' },
      },
      {
        line: 'psycopg2.OperationalError: connection to server at "db" (172.19.0.3), port 5432 failed: FATAL:  the database system is starting up',
      },
    ],
  },
  {
    id: 'mongo-refused',
    runtime: 'mongodb-client',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['ServerSelectionTimeoutError'],
    pattern: new RegExp(
      String.raw`ServerSelectionTimeoutError: ${HOST}:${PORT}: (?:\[Errno 111\] Connection refused|\[Errno 111\] ECONNREFUSED)`,
    ),
    weight: 0.8,
    description: 'PyMongo: nothing listens at the MongoDB host:port.',
    examples: [
      {
        line: "pymongo.errors.ServerSelectionTimeoutError: mongo-0.mongo:27017: [Errno 111] Connection refused, Timeout: 30s, Topology Description: <TopologyDescription id: 65f1c0de9a1b2c3d4e5f6a7b, topology_type: Unknown, servers: [<ServerDescription ('mongo-0.mongo', 27017) server_type: Unknown, rtt: None, error=AutoReconnect('mongo-0.mongo:27017: [Errno 111] Connection refused')>]>",
        extracts: { host: 'mongo-0.mongo', port: '27017' },
      },
    ],
  },
  {
    id: 'mongo-server-selection-timeout',
    runtime: 'mongodb-client',
    category: 'dependency-failure',
    subcategory: 'timeout',
    keywords: [
      'Server selection timed out',
      'server selection error',
      'MongoTimeoutException',
      'ServerSelectionTimeoutError',
    ],
    pattern: new RegExp(
      String.raw`(?:MongooseServerSelectionError: Server selection timed out|MongoServerSelectionError: Server selection timed out|server selection error: (?:context deadline exceeded|server selection timeout), current topology: \{ Type: \w+, Servers: \[\{ Addr: ${HOST}:${PORT}|MongoTimeoutException: Timed out after \d{1,9} ms while waiting to connect|ServerSelectionTimeoutError: ${host('2')}:${port('2')}: timed out)`,
    ),
    weight: 0.7,
    description:
      'MongoDB drivers (Node, Go, Java, Python) found no reachable server before the selection timeout.',
    examples: [
      { line: 'MongooseServerSelectionError: Server selection timed out after 30000 ms' },
      {
        line: 'server selection error: context deadline exceeded, current topology: { Type: Unknown, Servers: [{ Addr: mongodb.data.svc:27017, Type: Unknown, Last error: dial tcp 10.96.12.40:27017: i/o timeout }, ] }',
        extracts: { host: 'mongodb.data.svc', port: '27017' },
      },
      {
        line: 'com.mongodb.MongoTimeoutException: Timed out after 30000 ms while waiting to connect. Client view of cluster state is {type=UNKNOWN, servers=[{address=mongo:27017, type=UNKNOWN, state=CONNECTING}]',
      },
      {
        line: 'pymongo.errors.ServerSelectionTimeoutError: mongo:27017: timed out, Timeout: 30s',
        extracts: { host: 'mongo', port: '27017' },
      },
    ],
  },
  // --- caches --------------------------------------------------------------------------------
  {
    id: 'redis-py-dns',
    runtime: 'python',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: ['Error -2 connecting to', 'Error -3 connecting to', 'Error -5 connecting to'],
    pattern: new RegExp(String.raw`Error -[235] connecting to ${HOST}:${PORT}`),
    weight: 0.8,
    description: 'redis-py: the Redis host name does not resolve.',
    examples: [
      {
        line: 'redis.exceptions.ConnectionError: Error -2 connecting to redis-master.cache:6379. Name or service not known.',
        extracts: { host: 'redis-master.cache', port: '6379' },
      },
    ],
  },
  {
    id: 'redis-py-timeout',
    runtime: 'python',
    category: 'dependency-failure',
    subcategory: 'timeout',
    keywords: ['Timeout connecting to server'],
    pattern: /TimeoutError: Timeout connecting to server/,
    weight: 0.7,
    description: 'redis-py: connecting to Redis timed out.',
    examples: [{ line: 'redis.exceptions.TimeoutError: Timeout connecting to server' }],
  },
  {
    id: 'redis-loading',
    runtime: 'redis',
    category: 'dependency-failure',
    subcategory: 'not-ready',
    keywords: ['Redis is loading the dataset in memory'],
    pattern: /LOADING Redis is loading the dataset in memory/,
    weight: 0.7,
    description:
      'Redis answers but is still loading its dataset after a restart (often after its own OOM kill).',
    examples: [
      { line: 'ReplyError: LOADING Redis is loading the dataset in memory' },
      {
        line: 'redis.clients.jedis.exceptions.JedisDataException: LOADING Redis is loading the dataset in memory',
      },
    ],
  },
  {
    id: 'php-redis-refused',
    runtime: 'php',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['Connection refused [tcp://', 'RedisException: Connection refused'],
    pattern: new RegExp(
      String.raw`(?:Connection refused \[tcp://${HOST}:${PORT}\]|RedisException: Connection refused)`,
    ),
    weight: 0.8,
    description: 'PHP Redis clients (Predis, phpredis): nothing listens at host:port.',
    examples: [
      {
        line: 'Predis\\Connection\\ConnectionException: Connection refused [tcp://redis:6379]',
        extracts: { host: 'redis', port: '6379' },
      },
      {
        line: 'PHP Fatal error:  Uncaught RedisException: Connection refused in /var/www/html/app/Cache.php:31',
      },
    ],
  },
  {
    id: 'java-jedis-connection',
    runtime: 'java',
    category: 'dependency-failure',
    subcategory: 'unreachable',
    keywords: ['JedisConnectionException'],
    pattern: /JedisConnectionException: (?<detail>[^\n]{1,200})/,
    weight: 0.7,
    description: 'Jedis could not get a connection to Redis.',
    examples: [
      {
        line: 'redis.clients.jedis.exceptions.JedisConnectionException: Failed to connect to any host resolved for DNS name.',
      },
      {
        line: 'redis.clients.jedis.exceptions.JedisConnectionException: Could not get a resource from the pool',
      },
    ],
  },
  {
    id: 'stackexchange-redis-unable',
    runtime: 'dotnet',
    category: 'dependency-failure',
    subcategory: 'unreachable',
    keywords: ['UnableToConnect on'],
    pattern: new RegExp(String.raw`UnableToConnect on ${HOST}:${PORT}`),
    weight: 0.8,
    description: 'StackExchange.Redis: it could not connect to the named endpoint.',
    examples: [
      {
        line: 'StackExchange.Redis.RedisConnectionException: It was not possible to connect to the redis server(s). UnableToConnect on redis-cart:6379/Interactive, Initializing/NotStarted, last: NONE, origin: BeginConnectAsync',
        extracts: { host: 'redis-cart', port: '6379' },
      },
    ],
  },
  // --- queues and streams --------------------------------------------------------------------
  {
    id: 'librdkafka-connect-refused',
    runtime: 'librdkafka',
    category: 'dependency-failure',
    subcategory: 'refused',
    keywords: ['Connect to ipv4#', 'Connect to ipv6#'],
    pattern:
      /(?:(?<host>[A-Za-z][\w.-]{0,252}):(?<port>\d{1,5})\/(?:bootstrap|\d{1,9}): )?Connect to ipv[46]#\[?(?<host2>[\da-fA-F.:]{2,45}?)\]?:(?<port2>\d{1,5}) failed: Connection refused/,
    weight: 0.8,
    description:
      'librdkafka (confluent-kafka Python/Go/.NET, node-rdkafka): the Kafka broker refuses connections.',
    examples: [
      {
        line: '%3|1773221844.118|FAIL|rdkafka#consumer-1| [thrd:kafka:9092/bootstrap]: kafka:9092/bootstrap: Connect to ipv4#10.96.81.7:9092 failed: Connection refused (after 0ms in state CONNECT)',
        extracts: { host: 'kafka', port: '9092' },
      },
    ],
  },
  {
    id: 'librdkafka-resolve-failed',
    runtime: 'librdkafka',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: ['Failed to resolve'],
    pattern: new RegExp(String.raw`Failed to resolve '${HOST}:${PORT}'`),
    weight: 0.75,
    description: 'librdkafka: the broker address does not resolve.',
    examples: [
      {
        line: "%3|1773221901.004|FAIL|rdkafka#producer-1| [thrd:events-kafka-bootstrap:9092/bootstrap]: events-kafka-bootstrap:9092/bootstrap: Failed to resolve 'events-kafka-bootstrap:9092': Name or service not known (after 3ms in state CONNECT)",
        extracts: { host: 'events-kafka-bootstrap', port: '9092' },
      },
    ],
  },
  {
    id: 'kafka-brokers-down',
    runtime: 'kafka-client',
    category: 'dependency-failure',
    subcategory: 'unreachable',
    keywords: [
      'brokers are down',
      'run out of available brokers',
      'KafkaJSConnectionError',
      'KafkaJSNumberOfRetriesExceeded',
      'Timeout expired while fetching topic metadata',
      'Timed out waiting for a node assignment',
    ],
    pattern:
      /(?:\d{1,4}\/\d{1,4} brokers are down|client has run out of available brokers to talk to|KafkaJSConnectionError: (?<detail>[^\n]{1,160})|KafkaJSNumberOfRetriesExceeded|Timeout expired while fetching topic metadata|Timed out waiting for a node assignment)/,
    weight: 0.7,
    description: 'Kafka clients (librdkafka, Sarama, KafkaJS, Java) cannot reach any broker.',
    examples: [
      {
        line: '%3|1773221844.119|ERROR|rdkafka#consumer-1| [thrd:kafka:9092/bootstrap]: 1/1 brokers are down',
      },
      {
        line: 'panic: kafka: client has run out of available brokers to talk to (Is your cluster reachable?)',
      },
      { line: 'KafkaJSConnectionError: Connection timeout' },
      {
        line: 'org.apache.kafka.common.errors.TimeoutException: Timeout expired while fetching topic metadata',
      },
      {
        // Java AdminClient (Spring Kafka's KafkaAdmin at start-up)
        line: 'Caused by: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node assignment.',
      },
    ],
  },
  {
    id: 'nginx-upstream-not-found',
    runtime: 'nginx',
    category: 'dependency-failure',
    subcategory: 'dns',
    keywords: ['host not found in upstream'],
    pattern:
      /host not found in upstream "(?<host>[A-Za-z0-9_.-]{1,253})(?::(?<port>\d{1,5}))?(?:\/[^"]{0,200})?"/,
    weight: 0.8,
    description:
      'nginx resolves the hosts of its upstreams when it loads its configuration and exits when one does not resolve: the Service is missing, in another namespace, or not created yet.',
    examples: [
      {
        line: '2018/02/26 20:08:22 [emerg] 1#1: host not found in upstream "netbox" in /etc/netbox-nginx/nginx.conf:21',
        extracts: { host: 'netbox' },
      },
      {
        line: 'nginx: [emerg] host not found in upstream "pipedfrontend:80" in /etc/nginx/conf.d/pipedfrontend.conf:2',
        extracts: { host: 'pipedfrontend', port: '80' },
      },
    ],
  },
  {
    id: 'amqp-cannot-connect',
    runtime: 'python',
    category: 'dependency-failure',
    subcategory: 'unreachable',
    keywords: ['Cannot connect to amqp'],
    pattern: new RegExp(
      String.raw`Cannot connect to amqps?://(?:[^@\s/]{0,200}@)?${HOST}:${PORT}[^:\s]{0,200}: (?<detail>[^\n]{1,120})`,
    ),
    weight: 0.7,
    description: 'Celery/kombu cannot reach the RabbitMQ broker (it retries, then gives up).',
    examples: [
      {
        line: '[2026-05-04 09:12:31,552: ERROR/MainProcess] consumer: Cannot connect to amqp://guest:**@rabbitmq.queues:5672//: [Errno 111] Connection refused.',
        extracts: { host: 'rabbitmq.queues', port: '5672' },
      },
    ],
  },
  {
    id: 'amqp-broker-unreachable',
    runtime: 'generic',
    category: 'dependency-failure',
    subcategory: 'unreachable',
    keywords: ['BrokerUnreachableException', 'AMQPConnectionError', 'AmqpConnectException'],
    pattern:
      /(?:BrokerUnreachableException: None of the specified endpoints were reachable|pika\.exceptions\.AMQPConnectionError|AmqpConnectException: (?<detail>[^\n]{1,160}))/,
    weight: 0.7,
    description: 'RabbitMQ clients (.NET, pika, Spring AMQP) cannot reach the broker.',
    examples: [
      {
        line: 'RabbitMQ.Client.Exceptions.BrokerUnreachableException: None of the specified endpoints were reachable',
      },
      { line: 'pika.exceptions.AMQPConnectionError' },
      {
        line: 'org.springframework.amqp.AmqpConnectException: java.net.ConnectException: Connection refused',
      },
    ],
  },
  {
    id: 'amqp-access-refused',
    runtime: 'rabbitmq',
    category: 'dependency-failure',
    subcategory: 'auth',
    keywords: ['ACCESS_REFUSED', 'username or password not allowed'],
    pattern:
      /(?:ACCESS_REFUSED - Login was refused using authentication mechanism \w+|Exception \(403\) Reason: "username or password not allowed")/,
    weight: 0.85,
    description:
      'RabbitMQ rejects the credentials (wrong user/password, or guest from a remote host).',
    examples: [
      {
        line: 'com.rabbitmq.client.AuthenticationFailureException: ACCESS_REFUSED - Login was refused using authentication mechanism PLAIN. For details see the broker logfile.',
      },
      { line: 'Exception (403) Reason: "username or password not allowed"' },
    ],
  },
  // --- search, RPC ---------------------------------------------------------------------------
  {
    id: 'elasticsearch-no-living-connections',
    runtime: 'node',
    category: 'dependency-failure',
    subcategory: 'unreachable',
    keywords: ['There are no living connections'],
    pattern: /(?:NoLivingConnectionsError: )?There are no living connections/,
    weight: 0.7,
    description: 'Elasticsearch clients (Node): no node of the cluster answers.',
    examples: [{ line: 'NoLivingConnectionsError: There are no living connections' }],
  },
  {
    id: 'grpc-unavailable',
    runtime: 'grpc',
    category: 'dependency-failure',
    subcategory: 'unreachable',
    keywords: [
      'code = Unavailable',
      'StatusCode.UNAVAILABLE',
      '14 UNAVAILABLE',
      'StatusRuntimeException: UNAVAILABLE',
      'failed to connect to all addresses',
    ],
    pattern:
      /(?:code = Unavailable desc = (?<detail>[^\n]{1,200})|StatusCode\.UNAVAILABLE|14 UNAVAILABLE: (?<detail2>[^\n]{1,160})|StatusRuntimeException: UNAVAILABLE|failed to connect to all addresses(?:; last error: [A-Z]{1,20}: ipv[46]:(?<host>[\d.]{7,15}):(?<port>\d{1,5}))?)/,
    weight: 0.7,
    description:
      'gRPC (Go, Python, Node, Java): the server is unavailable (no connection could be made).',
    examples: [
      {
        line: 'rpc error: code = Unavailable desc = connection error: desc = "transport: Error while dialing: dial tcp 10.96.7.31:50051: connect: connection refused"',
      },
      {
        line: '\tdetails = "failed to connect to all addresses; last error: UNKNOWN: ipv4:10.96.7.31:50051: Failed to connect to remote host: Connection refused"',
        extracts: { host: '10.96.7.31', port: '50051' },
      },
      { line: 'Error: 14 UNAVAILABLE: No connection established' },
      { line: 'io.grpc.StatusRuntimeException: UNAVAILABLE: io exception' },
    ],
    counterExamples: ['rpc error: code = NotFound desc = user 42 not found'],
  },
];
