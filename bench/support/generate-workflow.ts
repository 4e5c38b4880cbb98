/**
 * Deterministic large workflows for the benchmarks: about 12 lines per step (2,000 steps ≈ 24k lines), each step with
 * environment, `${…}` interpolations (an input, a host variable with a default, an upstream step's output) and up
 * to three dependencies on earlier steps, so the document is valid and the graph is a real DAG.
 */

export interface GeneratedWorkflow {
  text: string;
  /** Number of steps. */
  steps: number;
  /** 0-based line of each step's `- id:` line, by step index. */
  stepLines: number[];
  /** 0-based line of each step's `depends_on:` key (−1 for step 0, which has none). */
  dependsOnLines: number[];
}

/** The id of step `index`. */
export function stepId(index: number): string {
  return `step-${index}`;
}

/** The earlier steps step `index` depends on: its predecessor and two further back (no duplicates). */
export function dependenciesOf(index: number): number[] {
  return [...new Set([index - 1, index - 7, index - 13].filter((dependency) => dependency >= 0))];
}

/** Generate a workflow with `steps` steps. */
export function generateWorkflow(steps: number): GeneratedWorkflow {
  const lines = [
    'name: Generated benchmark workflow',
    'description: Generated for the benchmarks; every step depends on earlier ones.',
    'inputs:',
    '  region:',
    '    description: Where to run',
    '    default: eu-west-1',
    'container_config:',
    '  image: python:3.9-slim',
    '  environment:',
    '    LOG_LEVEL: info',
    'steps:',
  ];
  const stepLines: number[] = [];
  const dependsOnLines: number[] = [];
  for (let index = 0; index < steps; index++) {
    const dependencies = dependenciesOf(index);
    stepLines.push(lines.length);
    lines.push(
      `  - id: ${stepId(index)}`,
      `    name: Step ${index}`,
      `    image: ${index % 3 === 0 ? 'node:18-alpine' : 'python:3.9-slim'}`,
      `    command: ["sh", "-c", "echo result=${index} >> $DAGGER_OUTPUT"]`,
      '    environment:',
      '      REGION: "${inputs.region}"',
      '      BASE_URL: "${BASE_URL:-https://api.example.com}"',
    );
    if (dependencies.length > 0) {
      lines.push(`      UPSTREAM: "\${steps.${stepId(dependencies[0])}.outputs.result}"`);
      dependsOnLines.push(lines.length);
      lines.push('    depends_on:', ...dependencies.map((dependency) => `      - ${stepId(dependency)}`));
    } else {
      dependsOnLines.push(-1);
    }
    lines.push('    timeout_seconds: 300');
  }
  return { text: lines.join('\n') + '\n', steps, stepLines, dependsOnLines };
}
