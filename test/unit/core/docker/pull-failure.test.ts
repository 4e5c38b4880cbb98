import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  classifyPullFailure,
  cleanEngineMessage,
  describePullFailure,
  type PullFailureKind,
} from '../../../../core/docker/pull-failure.js';
import { ImagePullError } from '../../../../core/run/run-errors.js';

// What Docker Engine 20.10 answered in the loopback-registry tests, and what registries are known to say.
const ENGINE_MESSAGES: [string, PullFailureKind][] = [
  ['Head "http://localhost:5123/v2/priv/app/manifests/1": no basic auth credentials', 'unauthorized'],
  ['unauthorized: authentication required', 'unauthorized'],
  ['Get "https://ghcr.io/token": unauthorized: incorrect username or password', 'unauthorized'],
  [
    "pull access denied for team/app, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    'denied',
  ],
  ['manifest for localhost:5123/priv/nope:1 not found: manifest unknown: manifest unknown', 'permanent'],
  [
    'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.0.0.53:53: no such host',
    'permanent',
  ],
  ['toomanyrequests: You have reached your pull rate limit.', 'permanent'],
  ['Get "https://r.example/v2/": x509: certificate signed by unknown authority', 'permanent'],
  ['something the engine never said before', 'permanent'],
  ['Get "http://localhost:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused', 'transient'],
  [
    'Head "http://localhost:5125/v2/priv/app/manifests/1": read tcp 127.0.0.1:48982->127.0.0.1:5125: read: connection reset by peer',
    'transient',
  ],
  ['received unexpected HTTP status: 503 Service Unavailable', 'transient'],
  ['received unexpected HTTP status: 502 Bad Gateway', 'transient'],
  ['Get "https://r.example/v2/": net/http: TLS handshake timeout', 'transient'],
  ['Get "https://r.example/v2/": dial tcp: lookup r.example on 10.0.0.53:53: i/o timeout', 'transient'],
  ['unexpected EOF', 'transient'],
];

void test('engine pull failures: transient ones (resets, refusals, timeouts, 5xx) apart from permanent ones', () => {
  for (const [message, kind] of ENGINE_MESSAGES) assert.equal(classifyPullFailure(message), kind, message);
});

void test('engine messages are made one clean line: no space at the ends, no doubled tail', () => {
  assert.equal(cleanEngineMessage('  a\n  b \t'), 'a b');
  assert.equal(
    cleanEngineMessage('manifest for x:1 not found: manifest unknown: manifest unknown '),
    'manifest for x:1 not found: manifest unknown',
  );
});

const anonymous = { registry: 'localhost:5000', source: '/home/me/.docker/config.json' };
const withAuth = {
  registry: 'localhost:5000',
  source: 'auths in /home/me/.docker/config.json',
  auth: { serveraddress: 'localhost:5000', username: 'alice', password: 'hunter2' },
};

void test('every pull failure reason is one line naming the registry where credentials are concerned', () => {
  const cases: [string, PullFailureKind, typeof anonymous, number, string][] = [
    [
      'no basic auth credentials ',
      'unauthorized',
      anonymous,
      1,
      'registry localhost:5000 requires credentials, and none were found for it in /home/me/.docker/config.json: run `docker login localhost:5000`',
    ],
    [
      'unauthorized: authentication required',
      'unauthorized',
      withAuth,
      1,
      'registry localhost:5000 rejected the credentials from auths in /home/me/.docker/config.json (unauthorized: authentication required): run `docker login localhost:5000` to renew them',
    ],
    [
      'denied: requested access to the resource is denied',
      'denied',
      { registry: 'docker.io', source: '/home/me/.docker/config.json (no such file)' },
      1,
      'denied: requested access to the resource is denied; no credentials for registry docker.io were found in /home/me/.docker/config.json (no such file): if the repository is private, run `docker login`',
    ],
    [
      'denied: requested access to the resource is denied',
      'denied',
      withAuth,
      1,
      'denied: requested access to the resource is denied (with the credentials from auths in /home/me/.docker/config.json)',
    ],
    [
      'received unexpected HTTP status: 503 Service Unavailable\n',
      'transient',
      withAuth,
      4,
      'received unexpected HTTP status: 503 Service Unavailable (gave up after 4 attempts)',
    ],
    ['manifest unknown: manifest unknown ', 'permanent', withAuth, 1, 'manifest unknown'],
  ];
  for (const [message, kind, lookup, attempts, expected] of cases) {
    const reason = describePullFailure(message, kind, lookup, attempts);
    assert.equal(reason, expected);
    assert.ok(!reason.includes('hunter2'));
    const stepReason = new ImagePullError('localhost:5000/app:1', reason).message;
    assert.equal(stepReason, stepReason.trim());
    assert.doesNotMatch(stepReason, /\s{2}|\n/);
  }
});
