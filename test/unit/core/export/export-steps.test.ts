// How a step maps to its Argo template: argv, environment, inputs, secrets, resources, timeouts, retries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exportYaml, taskNamed, templateNamed } from './support/export-workflow.js';

void test('the argv becomes command (argv[0]) and args, with no shell around it; no command keeps the image default', () => {
  const exported = exportYaml(`
steps:
  - id: build
    image: alpine:3.19
    command: ["make", "-C", "src", "all"]
  - id: idle
    image: alpine:3.19
`);
  const build = templateNamed(exported, 'build').container;
  assert.deepEqual(build?.command, ['make']);
  assert.deepEqual(build?.args, ['-C', 'src', 'all']);
  assert.equal(templateNamed(exported, 'idle').container?.command, undefined);
  assert.equal(templateNamed(exported, 'idle').container?.args, undefined);
  assert.ok(exported.notes.some((note) => note.includes(`"idle" run the image's own command`)));
});

void test('environment: container_config defaults merged under the step (step wins), DAGGER_OUTPUT set by the export', () => {
  const exported = exportYaml(`
container_config:
  image: alpine:3.19
  environment: { LEVEL: info, REGION: eu }
steps:
  - id: a
    environment: { LEVEL: debug, DAGGER_OUTPUT: /tmp/mine }
`);
  assert.deepEqual(templateNamed(exported, 'a').container?.env, [
    { name: 'LEVEL', value: 'debug' },
    { name: 'REGION', value: 'eu' },
    { name: 'DAGGER_OUTPUT', value: '/dagger-wf/output' },
  ]);
  assert.equal(templateNamed(exported, 'a').container?.image, 'alpine:3.19');
});

void test('inputs become workflow parameters: defaults as values, a required or used one without default has none', () => {
  const exported = exportYaml(`
inputs:
  who: { description: Whom to greet, default: world }
  tag: { required: true }
  used: {}
  unused: {}
steps:
  - id: a
    image: "registry.example/app:\${inputs.tag}"
    command: ["echo", "\${inputs.who} \${inputs.used}"]
`);
  assert.deepEqual(exported.manifest.spec.arguments?.parameters, [
    { name: 'who', value: 'world', description: 'Whom to greet' },
    { name: 'tag' },
    { name: 'used' },
    { name: 'unused', value: '' },
  ]);
  const container = templateNamed(exported, 'a').container;
  assert.equal(container?.image, 'registry.example/app:{{workflow.parameters.tag}}');
  assert.deepEqual(container?.args, ['{{workflow.parameters.who}} {{workflow.parameters.used}}']);
});

void test('braces in titles and descriptions are spaced out; a default is data and stays as it is', () => {
  const exported = exportYaml(`
name: "Render {{ .Values }}"
description: "Uses {{x}}"
inputs:
  template: { description: "a {{go}} template", default: "{{.Id}}" }
steps:
  - id: a
    image: alpine:3.19
    command: [echo, "\${inputs.template}"]
`);
  assert.deepEqual(exported.manifest.metadata.annotations, {
    'workflows.argoproj.io/title': 'Render { { .Values }}',
    'workflows.argoproj.io/description': 'Uses { {x}}',
  });
  assert.deepEqual(exported.manifest.spec.arguments?.parameters, [
    { name: 'template', value: '{{.Id}}', description: 'a { {go}} template' },
  ]);
});

void test('without an inputs section, every ${inputs.x} read becomes a parameter Argo asks for', () => {
  const exported = exportYaml(`
steps:
  - id: a
    image: alpine:3.19
    environment: { URL: "\${inputs.base_url}/v1" }
`);
  assert.deepEqual(exported.manifest.spec.arguments?.parameters, [{ name: 'base_url' }]);
});

void test('secret inputs come from a Kubernetes Secret and never appear in the manifest', () => {
  const exported = exportYaml(
    `
inputs:
  token: { secret: true, default: do-not-leak-this }
steps:
  - id: call
    image: curlimages/curl:8.5.0
    command: ["curl", "-H", "Authorization: Bearer \${inputs.token}", "https://example.com"]
    environment:
      TOKEN: "\${inputs.token}"
      HEADER: "token=\${inputs.token}"
`,
    { secretName: 'api-credentials' },
  );
  assert.doesNotMatch(exported.yaml, /do-not-leak-this/);
  assert.equal(exported.manifest.spec.arguments, undefined, 'a secret is no workflow parameter');
  const container = templateNamed(exported, 'call').container;
  const secretRef = { secretKeyRef: { name: 'api-credentials', key: 'token' } };
  assert.deepEqual(container?.env, [
    { name: 'DAGGER_WF_SECRET_token', valueFrom: secretRef },
    { name: 'TOKEN', valueFrom: secretRef },
    { name: 'HEADER', value: 'token=$(DAGGER_WF_SECRET_token)' },
    { name: 'DAGGER_OUTPUT', value: '/dagger-wf/output' },
  ]);
  assert.deepEqual(container?.args, [
    '-H',
    'Authorization: Bearer $(DAGGER_WF_SECRET_token)',
    'https://example.com',
  ]);
  const note = exported.notes.find((line) => line.startsWith('secret inputs'));
  assert.equal(
    note,
    'secret inputs token are read from the Kubernetes Secret "api-credentials"; create it first: kubectl create secret generic api-credentials --from-literal=token=…',
  );
});

void test('the Secret is named after the workflow file unless told otherwise', () => {
  const exported = exportYaml(`
inputs: { key: { secret: true } }
steps: [{ id: a, image: alpine:3.19, environment: { KEY: "\${inputs.key}" } }]
`);
  assert.match(exported.yaml, /name: wf-inputs\n\s+key: key/);
});

void test('a secret where Kubernetes cannot read one (the image) is refused, naming step and input', () => {
  assert.throws(
    () =>
      exportYaml(`
inputs: { registry: { secret: true } }
steps: [{ id: pull, image: "\${inputs.registry}/app:1" }]
`),
    /step "pull": its image uses the secret input "registry"/,
  );
});

void test('resources: limits and requests, 512M as 512Mi, cpu as cores or millicores', () => {
  const exported = exportYaml(`
container_config:
  image: alpine:3.19
  resources: { cpu: "0.5", memory: 512M }
steps:
  - id: small
  - id: big
    resources: { cpu: "2", memory: 4G }
`);
  assert.deepEqual(templateNamed(exported, 'small').container?.resources, {
    limits: { cpu: '500m', memory: '512Mi' },
    requests: { cpu: '500m', memory: '512Mi' },
  });
  assert.deepEqual(templateNamed(exported, 'big').container?.resources?.limits, { cpu: '2', memory: '4Gi' });
});

void test('a cpu amount finer than Kubernetes allows is refused, naming the step', () => {
  assert.throws(
    () => exportYaml('steps: [{ id: tiny, image: alpine:3.19, resources: { cpu: "0.0105" } }]'),
    /step "tiny": resources.cpu "0.0105" is finer than Kubernetes' smallest unit/,
  );
});

void test('timeouts: the step, else container_config, else the default (3600 or as given) as activeDeadlineSeconds strings', () => {
  const yaml = `
container_config: { image: alpine:3.19, timeout_seconds: 120 }
steps:
  - id: own
    timeout_seconds: 5
  - id: inherited
`;
  const exported = exportYaml(yaml);
  assert.equal(templateNamed(exported, 'own').activeDeadlineSeconds, '5');
  assert.equal(templateNamed(exported, 'inherited').activeDeadlineSeconds, '120');
  const plain = exportYaml('steps: [{ id: a, image: alpine:3.19 }]');
  assert.equal(templateNamed(plain, 'a').activeDeadlineSeconds, '3600');
  const configured = exportYaml('steps: [{ id: a, image: alpine:3.19 }]', { defaultTimeoutSeconds: 90 });
  assert.equal(templateNamed(configured, 'a').activeDeadlineSeconds, '90');
});

void test('retries: a retryStrategy of that many retries, any failure, a fixed delay (no factor)', () => {
  const exported = exportYaml(`
container_config: { image: alpine:3.19, retries: 1 }
steps:
  - id: flaky
    retries: 3
    retry_delay: 5
  - id: once-more
  - id: never
    retries: 0
  - id: quick
    retries: 1
    retry_delay: 1.5
`);
  assert.deepEqual(templateNamed(exported, 'flaky').retryStrategy, {
    limit: '3',
    retryPolicy: 'Always',
    backoff: { duration: '5s' },
  });
  assert.deepEqual(templateNamed(exported, 'once-more').retryStrategy, { limit: '1', retryPolicy: 'Always' });
  assert.equal(templateNamed(exported, 'never').retryStrategy, undefined);
  assert.deepEqual(templateNamed(exported, 'quick').retryStrategy?.backoff, { duration: '1500ms' });
});

void test('host variables are resolved at export time, .env included, and .env values are pointed out', () => {
  const exported = exportYaml(
    `
steps:
  - id: a
    image: alpine:3.19
    environment:
      FROM_HOST: "\${HOST_ONLY}"
      FROM_FILE: "\${FILE_ONLY}"
      DEFAULTED: "\${UNSET:-fallback}"
`,
    { hostEnv: { HOST_ONLY: 'h' } },
    { '.env': 'FILE_ONLY=f\n' },
  );
  const env = templateNamed(exported, 'a').container?.env ?? [];
  assert.deepEqual(env.slice(0, 3), [
    { name: 'FROM_HOST', value: 'h' },
    { name: 'FROM_FILE', value: 'f' },
    { name: 'DEFAULTED', value: 'fallback' },
  ]);
  assert.ok(exported.notes.some((note) => note.startsWith('${FILE_ONLY} came from the .env file')));
});

void test('task names are the step ids made valid for Argo, and each pod says which step it runs', () => {
  const exported = exportYaml(`
steps:
  - id: Build_Image
    image: alpine:3.19
  - id: 2nd
    image: alpine:3.19
    depends_on: [Build_Image]
`);
  assert.equal(taskNamed(exported, 'step-2nd').depends, 'build-image');
  assert.deepEqual(templateNamed(exported, 'build-image').metadata, {
    annotations: { 'dagger-wf.step': 'Build_Image' },
  });
});
