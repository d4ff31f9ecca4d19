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
    keywords: ['ECONNRESET', 'Connection reset by peer', 'connection reset by peer'],
    pattern: new RegExp(String.raw`(?:ECONNRESET|[Cc]onnection reset by peer)`),
    weight: 0.6,
    description:
      'The peer closed an established connection (a restart or rollout of the dependency, or a proxy in between).',
    examples: [
      { line: 'Error: read ECONNRESET' },
      {
        line: "redis.exceptions.ConnectionError: Error while reading from redis-proxy.infra.svc.cluster.local:6379 : (104, 'Connection reset by peer')",
      },
      { line: 'read tcp 10.1.0.4:51234->10.0.3.9:5432: read: connection reset by peer' },
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
    keywords: ['i/o timeout'],
    pattern: new RegExp(String.raw`dial tcp ${HOST}:${PORT}: i/o timeout`),
    weight: 0.7,
    description: 'Go net.Dial timed out: host:port does not answer.',
    examples: [
      {
        line: 'redis unavailable: dial tcp 10.20.4.11:6379: i/o timeout',
        extracts: { host: '10.20.4.11', port: '6379' },
      },
    ],
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
      String.raw`(?:connection to server at "?${HOST}"? \([^)]*\), port ${PORT} failed|Connection to ${host('2')}:${port('2')} refused|Is the server running on host "?${host('3')}"?)`,
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
    ],
    pattern:
      /(?:password authentication failed for user "?(?<user>[^"\s]+)"?|Access denied for user '(?<user2>[^']*)'|Authentication failed|WRONGPASS|NOAUTH Authentication required)/,
    weight: 0.8,
    description: 'The dependency rejects the credentials (PostgreSQL, MySQL, MongoDB, Redis).',
    examples: [
      {
        line: 'FATAL:  password authentication failed for user "orders"',
        extracts: { user: 'orders' },
      },
      { line: "Error 1045 (28000): Access denied for user 'app'@'10.1.2.3' (using password: YES)" },
      { line: 'redis.exceptions.AuthenticationError: WRONGPASS invalid username-password pair' },
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
      /(?:java\.net\.ConnectException: Connection refused|CommunicationsException: Communications link failure|RedisConnectionException: Unable to connect to (?<host>[\w.-]+)[:/](?<port>\d+)|Connection to node -?\d+ \((?<host2>[\w.-]+)\/[\d.]+:(?<port2>\d+)\) could not be established)/,
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
    keywords: ['PG::ConnectionBad', 'Redis::CannotConnectError', "Can't connect to MySQL server"],
    pattern:
      /(?:PG::ConnectionBad|Redis::CannotConnectError: Error connecting to Redis on (?<host>[\w.-]+):(?<port>\d+)|Can't connect to MySQL server on '(?<host2>[\w.-]+)')/,
    weight: 0.8,
    description: 'Ruby clients (pg, redis-rb, mysql2) cannot reach their server.',
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
    keywords: ['os error 111'],
    pattern: /Connection refused \(os error 111\)/,
    weight: 0.8,
    description: 'Rust std::io: connection refused.',
    examples: [
      {
        line: 'Error: Io(Os { code: 111, kind: ConnectionRefused, message: "Connection refused" }) Connection refused (os error 111)',
      },
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
];
