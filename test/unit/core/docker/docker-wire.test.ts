import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDemultiplexer } from '../../../../core/docker/demultiplex.js';
import { parseDockerHost } from '../../../../core/docker/docker-address.js';
import { EngineAddressError } from '../../../../core/run/run-errors.js';
import { withDefaultTag } from '../../../../core/docker/pull-image.js';

function frame(stream: 1 | 2, text: string): Buffer {
  const body = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

void test('the attach stream is split into stdout and stderr, however the transport cuts it', () => {
  const wire = Buffer.concat([frame(1, 'out one\n'), frame(2, 'err\n'), frame(1, 'out two: é\n')]);
  for (const cut of [1, 3, 7, 8, 9, 20, wire.length]) {
    const received: string[] = [];
    const feed = createDemultiplexer((stream, chunk) => received.push(`${stream}:${chunk.toString()}`));
    for (let at = 0; at < wire.length; at += cut) feed(wire.subarray(at, at + cut));
    assert.deepEqual(
      received,
      ['stdout:out one\n', 'stderr:err\n', 'stdout:out two: é\n'],
      `cut every ${cut} bytes`,
    );
  }
});

void test('Docker host addresses: default socket, unix URLs, bare paths, tcp', () => {
  assert.deepEqual(parseDockerHost(''), {
    options: { socketPath: '/var/run/docker.sock' },
    display: 'unix:///var/run/docker.sock',
  });
  assert.deepEqual(parseDockerHost('unix:///tmp/d.sock'), {
    options: { socketPath: '/tmp/d.sock' },
    display: 'unix:///tmp/d.sock',
  });
  assert.deepEqual(parseDockerHost('/tmp/d.sock').display, 'unix:///tmp/d.sock');
  assert.deepEqual(parseDockerHost('tcp://10.1.2.3:2375'), {
    options: { host: '10.1.2.3', port: '2375', protocol: 'http' },
    display: 'tcp://10.1.2.3:2375',
  });
  assert.equal(parseDockerHost('tcp://engine').display, 'tcp://engine:2375');
});

void test('an engine address of another form is refused naming it, not guessed as a TCP host', () => {
  for (const host of ['ssh://me@builder', 'not a url', 'npipe:////./pipe/docker_engine', 'tcp://'])
    assert.throws(
      () => parseDockerHost(host),
      (error: Error) =>
        error instanceof EngineAddressError &&
        error.message.startsWith(`engine address "${host}" is not supported`),
      host,
    );
});

void test('an image without a tag is pulled as :latest (never every tag)', () => {
  assert.equal(withDefaultTag('busybox'), 'busybox:latest');
  assert.equal(withDefaultTag('localhost:5000/team/app'), 'localhost:5000/team/app:latest');
  assert.equal(withDefaultTag('python:3.9-slim'), 'python:3.9-slim');
  assert.equal(withDefaultTag('app@sha256:abc'), 'app@sha256:abc');
});
