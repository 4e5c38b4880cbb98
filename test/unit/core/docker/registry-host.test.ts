import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import {
  configKeyOfRegistry,
  loginCommand,
  registryOfConfigKey,
  registryOfImage,
} from '../../../../core/docker/registry-host.js';

void test('the registry of an image: Docker Hub unless the first part is a host, as the engine decides', () => {
  const cases: Record<string, string> = {
    busybox: 'docker.io',
    'busybox:1.36': 'docker.io',
    'library/busybox': 'docker.io',
    'team/app:1': 'docker.io',
    'docker.io/library/busybox': 'docker.io',
    'index.docker.io/team/app': 'docker.io',
    'localhost/app': 'localhost',
    'localhost:5000/team/app:1': 'localhost:5000',
    'ghcr.io/owner/app': 'ghcr.io',
    'registry.example.com:443/a/b@sha256:abc': 'registry.example.com:443',
    '[::1]:5000/app': '[::1]:5000',
    'MyRegistry/app': 'MyRegistry',
  };
  for (const [image, registry] of Object.entries(cases))
    assert.equal(registryOfImage(image), registry, image);
});

void test('config.json keys name their host whatever their form (scheme, path, port), Docker Hub as docker.io', () => {
  const cases: Record<string, string> = {
    'https://index.docker.io/v1/': 'docker.io',
    'docker.io': 'docker.io',
    'index.docker.io': 'docker.io',
    'https://registry-1.docker.io/v2/': 'docker.io',
    'localhost:5000': 'localhost:5000',
    'http://localhost:5000/v2/': 'localhost:5000',
    'https://registry.example.com': 'registry.example.com',
    'registry.example.com/some/path': 'registry.example.com',
    ' ghcr.io ': 'ghcr.io',
  };
  for (const [key, registry] of Object.entries(cases)) assert.equal(registryOfConfigKey(key), registry, key);
});

void test('the key the docker CLI writes for a registry, and the login that writes it', () => {
  assert.equal(configKeyOfRegistry('docker.io'), 'https://index.docker.io/v1/');
  assert.equal(configKeyOfRegistry('localhost:5000'), 'localhost:5000');
  assert.equal(loginCommand('docker.io'), 'docker login');
  assert.equal(loginCommand('ghcr.io'), 'docker login ghcr.io');
});
