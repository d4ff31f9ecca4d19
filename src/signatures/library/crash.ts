/**
 * Signatures of the application itself failing: panics, unhandled exceptions, aborts, segfaults
 * and failed migrations. The engine pairs them with the first stack frame in the application's
 * own code.
 */
import type { Signature } from '../types.js';

export const crashSignatures: Signature[] = [
  {
    id: 'go-panic',
    runtime: 'go',
    category: 'app-crash',
    subcategory: 'panic',
    keywords: ['panic: '],
    pattern: /(?:^|\s)(?<!from\s)panic: (?<detail>[^\n]{1,300})/,
    weight: 0.85,
    description: 'A Go panic; the goroutine trace below it names the failing function.',
    examples: [
      {
        line: 'panic: runtime error: invalid memory address or nil pointer dereference',
        extracts: { detail: 'runtime error: invalid memory address or nil pointer dereference' },
      },
      { line: 'panic: assignment to entry in nil map' },
    ],
    counterExamples: ['recovered from panic: none'],
  },
  {
    id: 'go-fatal-error',
    runtime: 'go',
    category: 'app-crash',
    subcategory: 'fatal',
    keywords: ['fatal error: '],
    pattern: /^fatal error: (?<detail>(?!runtime: out of memory)[^\n]{1,200})/,
    weight: 0.85,
    description: 'A Go runtime fatal error (concurrent map writes, deadlock).',
    examples: [
      { line: 'fatal error: concurrent map writes' },
      { line: 'fatal error: all goroutines are asleep - deadlock!' },
    ],
    counterExamples: ['fatal error: runtime: out of memory'],
  },
  {
    id: 'rust-panic',
    runtime: 'rust',
    category: 'app-crash',
    subcategory: 'panic',
    keywords: ["' panicked at"],
    pattern: /thread '(?<detail>[^']*)' panicked at (?<frame>[^\n]{1,200})/,
    weight: 0.85,
    description: 'A Rust panic with its source location.',
    examples: [
      { line: "thread 'main' panicked at src/main.rs:42:10:", extracts: { detail: 'main' } },
    ],
  },
  {
    id: 'python-traceback-error',
    runtime: 'python',
    category: 'app-crash',
    subcategory: 'exception',
    keywords: ['Error: ', 'Exception: ', 'Error', 'Exception'],
    pattern:
      /^(?<detail>(?:[A-Za-z_][\w]*\.)*[A-Z]\w*(?:Error|Exception|Exit|Interrupt))(?::\s(?<key>[^\n]{0,300}))?$/,
    weight: 0.5,
    description: 'The last line of a Python traceback: the exception type and message.',
    examples: [
      {
        line: "AttributeError: 'NoneType' object has no attribute 'get'",
        extracts: { detail: 'AttributeError' },
      },
      {
        line: 'sqlalchemy.exc.ProgrammingError: (psycopg2.errors.UndefinedTable) relation "orders" does not exist',
      },
    ],
  },
  {
    id: 'java-exception-in-main',
    runtime: 'java',
    category: 'app-crash',
    subcategory: 'exception',
    keywords: ['Exception in thread'],
    pattern: /Exception in thread "(?<detail>[^"]*)" (?<key>[\w.$]+(?:Exception|Error))/,
    weight: 0.8,
    description: 'An uncaught Java exception ending a thread (often main).',
    examples: [
      {
        line: 'Exception in thread "main" java.lang.NullPointerException: Cannot invoke "String.length()"',
        extracts: { key: 'java.lang.NullPointerException' },
      },
    ],
  },
  {
    id: 'spring-application-failed',
    runtime: 'spring',
    category: 'app-crash',
    subcategory: 'startup',
    keywords: ['APPLICATION FAILED TO START', 'Application run failed'],
    pattern: /(?:APPLICATION FAILED TO START|Application run failed)/,
    weight: 0.6,
    description: 'Spring Boot gave up starting; the "Description:" and "Caused by" lines say why.',
    examples: [
      { line: 'APPLICATION FAILED TO START' },
      { line: 'o.s.boot.SpringApplication: Application run failed' },
    ],
  },
  {
    id: 'dotnet-unhandled-exception',
    runtime: 'dotnet',
    category: 'app-crash',
    subcategory: 'exception',
    keywords: ['Unhandled exception.', 'Unhandled Exception:'],
    pattern:
      /Unhandled [Ee]xception[.:] (?<key>[\w.]+(?:Exception|Error))(?::\s(?<detail>[^\n]{0,300}))?/,
    weight: 0.8,
    description: 'An unhandled .NET exception that ended the process.',
    examples: [
      {
        line: 'Unhandled exception. System.NullReferenceException: Object reference not set to an instance of an object.',
        extracts: { key: 'System.NullReferenceException' },
      },
    ],
  },
  {
    id: 'node-uncaught-error',
    runtime: 'node',
    category: 'app-crash',
    subcategory: 'exception',
    keywords: [
      'TypeError: ',
      'ReferenceError: ',
      'RangeError: ',
      'SyntaxError: ',
      'UnhandledPromiseRejection',
      'Uncaught ',
    ],
    pattern:
      /(?:^|\s)(?<key>TypeError|ReferenceError|RangeError|SyntaxError|UnhandledPromiseRejection\w*|Uncaught \w+): ?(?<detail>[^\n]{0,300})/,
    weight: 0.7,
    description: 'A JavaScript error that was not caught.',
    examples: [
      {
        line: "TypeError: Cannot read properties of undefined (reading 'map')",
        extracts: { key: 'TypeError' },
      },
      { line: 'ReferenceError: fetch is not defined' },
    ],
  },
  {
    id: 'segfault',
    runtime: 'native',
    category: 'app-crash',
    subcategory: 'segfault',
    keywords: ['Segmentation fault', 'SIGSEGV', 'segfault'],
    pattern: /(?:Segmentation fault|SIGSEGV|segfault at)/,
    weight: 0.7,
    description: 'The process touched memory it does not own (exit 139).',
    examples: [
      { line: 'Segmentation fault (core dumped)' },
      { line: '[signal SIGSEGV: segmentation violation code=0x1 addr=0x18 pc=0x9c4e12]' },
    ],
  },
  {
    id: 'abort',
    runtime: 'native',
    category: 'app-crash',
    subcategory: 'abort',
    keywords: ['Aborted', 'terminate called after throwing', 'Assertion', 'assertion failed'],
    pattern:
      /(?:Aborted \(core dumped\)|terminate called after throwing an instance of|Assertion `[^`]{0,200}' failed|assertion failed)/,
    weight: 0.7,
    description: 'The process aborted (exit 134): a failed assertion or an uncaught C++ exception.',
    examples: [
      { line: "terminate called after throwing an instance of 'std::runtime_error'" },
      { line: 'Aborted (core dumped)' },
    ],
  },
  {
    id: 'migration-failed',
    runtime: 'generic',
    category: 'app-crash',
    subcategory: 'migration',
    keywords: ['igration', 'FlywayException', 'PendingMigrationError', 'does not exist'],
    pattern:
      /(?:[Mm]igration (?:failed|error)|FlywayException|Validate failed: Migration|ActiveRecord::PendingMigrationError|(?:relation|table|column) "?(?<key>[\w.]+)"? does not exist)/,
    weight: 0.7,
    description:
      'A schema migration failed, or the code expects a schema the database does not have.',
    examples: [
      {
        line: 'org.flywaydb.core.api.FlywayException: Validate failed: Migrations have failed validation',
      },
      { line: 'ERROR: relation "orders" does not exist', extracts: { key: 'orders' } },
    ],
  },
];
