import { stringify } from 'yaml';

/**
 * The workflows Dagger: New Workflow starts from. They are also the source of examples/: each example is its
 * template rendered with the local test image (test/unit/core/templates/examples.test.ts keeps them identical).
 */
export interface WorkflowTemplate {
  id: 'empty' | 'diamond' | 'gate' | 'build-test';
  /** The quick pick's label and detail. */
  label: string;
  detail: string;
  /** The example rendered from it: file name under examples/ and workflow name. */
  example: { file: string; name: string };
  /** The YAML after `name:` and its comment lines, with IMAGE where the image goes. */
  body: string;
}

/** What a rendering fills in. */
export interface TemplateValues {
  /** The workflow's `name:`. */
  name: string;
  image: string;
  /** Comment lines on top (without `# `). */
  header: string[];
}

/** The image a new workflow starts with: small, with a shell, on Docker Hub. */
export const DEFAULT_TEMPLATE_IMAGE = 'busybox:1.36';

const EMPTY = `description: A first step to build on. Type "step" in the list of steps to add another.

container_config:
  image: IMAGE

steps:
  - id: hello
    name: Say hello
    command: ["echo", "Hello from a Dagger workflow"]
`;

const DIAMOND = `description: Parallel steps, step outputs chained into later steps, and environment from container_config.

inputs:
  who:
    description: Whom to greet
    default: world

container_config:
  image: IMAGE
  environment:
    GREETING: Hello
  timeout_seconds: 60

steps:
  # \`greet\` fans out to two steps that run in parallel; \`report\` waits for both.
  - id: greet
    name: Greet
    command: ["sh", "-c", 'echo "$GREETING, $WHO!"; echo "message=$GREETING, $WHO" >> "$DAGGER_OUTPUT"']
    environment:
      WHO: \${inputs.who}

  - id: count-letters
    name: Count letters (in parallel with shout)
    command: ["sh", "-c", 'sleep 1; n=$(printf %s "$MESSAGE" | wc -c); echo "$n letters"; echo "letters=$n" >> "$DAGGER_OUTPUT"']
    environment:
      MESSAGE: \${steps.greet.outputs.message}
    depends_on: [greet]

  - id: shout
    name: Shout (in parallel with count-letters)
    command: ["sh", "-c", 'sleep 1; loud=$(echo "$MESSAGE" | tr a-z A-Z); echo "$loud"; echo "loud=$loud" >> "$DAGGER_OUTPUT"']
    environment:
      MESSAGE: \${steps.greet.outputs.message}
    depends_on: [greet]

  - id: report
    name: Report
    command: ["echo", "\${steps.shout.outputs.loud} has \${steps.count-letters.outputs.letters} letters (user \${USER:-somebody})"]
    depends_on: [count-letters, shout]

outputs:
  - name: shout
    description: The greeting, loud
    value: \${steps.shout.outputs.loud}
  - name: letters
    value: \${steps.count-letters.outputs.letters}
`;

const GATE = `description: A gate step decides whether the tests run; a closed gate skips them without failing the run.

inputs:
  run_tests:
    description: '"true" runs the tests; anything else skips them'
    default: "true"

container_config:
  image: IMAGE
  timeout_seconds: 60

steps:
  # Exits 0 only when run_tests is "true". allow_failure: its failure skips its dependents, not the run.
  - id: check-condition
    name: Check condition
    command: ["test", "\${inputs.run_tests}", "=", "true"]
    allow_failure: true

  - id: run-tests
    name: Run tests (when the gate is open)
    command: ["sh", "-c", 'echo "running the tests"; echo "passed=12" >> "$DAGGER_OUTPUT"']
    depends_on: [check-condition]

  - id: build
    name: Build (whatever the gate says)
    command: ["echo", "building"]

outputs:
  - name: tests_passed
    description: How many tests passed (unset when the gate was closed)
    value: \${steps.run-tests.outputs.passed}
`;

const BUILD_TEST = `description: Build writes outputs (a version, an artifact name); test reads them in its environment.

container_config:
  image: IMAGE
  timeout_seconds: 120

steps:
  # Each \`key=value\` line a step appends to $DAGGER_OUTPUT becomes one of its outputs.
  - id: build
    name: Build
    command:
      - sh
      - -c
      - |
        echo "building version 1.2.3"
        echo "version=1.2.3" >> "$DAGGER_OUTPUT"
        echo "artifact=app-1.2.3.tar.gz" >> "$DAGGER_OUTPUT"

  - id: test
    name: Test
    command: ["sh", "-c", 'echo "testing $ARTIFACT (version $VERSION)"; echo "passed=42" >> "$DAGGER_OUTPUT"']
    environment:
      VERSION: \${steps.build.outputs.version}
      ARTIFACT: \${steps.build.outputs.artifact}
    depends_on: [build]

outputs:
  - name: version
    value: \${steps.build.outputs.version}
  - name: tests_passed
    value: \${steps.test.outputs.passed}
`;

/** The templates, in the order New Workflow offers them. */
export const WORKFLOW_TEMPLATES: readonly WorkflowTemplate[] = [
  {
    id: 'empty',
    label: 'Empty',
    detail: 'One step to start from',
    example: { file: 'template-empty.dagger.yaml', name: 'Starter' },
    body: EMPTY,
  },
  {
    id: 'diamond',
    label: 'Diamond of dependencies',
    detail: 'One step fans out to two parallel steps that a last one joins, passing outputs along',
    example: { file: 'template-diamond.dagger.yaml', name: 'Diamond' },
    body: DIAMOND,
  },
  {
    id: 'gate',
    label: 'Conditional gate',
    detail: 'A gate step (allow_failure) decides from an input whether the tests run',
    example: { file: 'template-gate.dagger.yaml', name: 'Conditional gate' },
    body: GATE,
  },
  {
    id: 'build-test',
    label: 'Build → test with outputs',
    detail: 'Build writes outputs through $DAGGER_OUTPUT; test reads them',
    example: { file: 'template-build-test.dagger.yaml', name: 'Build and test' },
    body: BUILD_TEST,
  },
];

/** The workflow file's text: header comments, `name:`, then the template with the image filled in. */
export function renderTemplate(template: WorkflowTemplate, values: TemplateValues): string {
  const header = values.header.map((line) => (line ? `# ${line}` : '#')).join('\n');
  // stringify quotes a name YAML would read as something else (`1.0`, `true`, `null`).
  const name = stringify(values.name).trimEnd();
  const body = template.body.replace(/\bIMAGE\b/g, values.image);
  return `${header}${header ? '\n' : ''}name: ${name}\n${body}`;
}
