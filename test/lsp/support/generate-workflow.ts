/**
 * Generated workflows for tests and benchmarks: `steps` steps of about 12 lines each (2,000 steps ≈ 24k lines),
 * with environment, interpolations, outputs and several dependencies per step. Deterministic for a given size.
 */
export function generateWorkflow(steps: number): string {
  const lines = [
    'name: Generated workflow',
    'description: A large generated workflow for tests and benchmarks',
    'inputs:',
    '  region:',
    '    description: Where to deploy',
    '    default: eu-west-1',
    'container_config:',
    '  image: python:3.9-slim',
    '  environment:',
    '    LOG_LEVEL: info',
    'steps:',
  ];
  for (let i = 0; i < steps; i++) {
    const deps = [i - 1, i - 3, i - 10].filter((d) => d >= 0);
    lines.push(
      `  - id: step-${i}`,
      `    name: Step ${i}`,
      `    image: ${i % 2 ? 'node:18-alpine' : 'python:3.9-slim'}`,
      `    command: ["sh", "-c", "echo result=${i} >> $DAGGER_OUTPUT"]`,
      '    environment:',
      `      REGION: "\${inputs.region}"`,
      `      INDEX: "${i}"`,
    );
    if (deps.length)
      lines.push(
        `      PREVIOUS: "\${steps.step-${deps[0]}.outputs.result}"`,
        '    depends_on:',
        ...deps.map((d) => `      - step-${d}`),
      );
    lines.push('    timeout_seconds: 300');
  }
  lines.push('outputs:', '  - name: last', `    value: "\${steps.step-${steps - 1}.outputs.result}"`, '');
  return lines.join('\n');
}
