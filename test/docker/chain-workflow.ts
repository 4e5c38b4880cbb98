// No imports: the bench uses it too.

/** A chain of `length` cached steps, each adding one to the number the one before wrote. */
export function chainWorkflow(length: number, image: string): string {
  const steps = Array.from({ length }, (_, index) => {
    const previous = index === 0 ? '0' : `\${steps.s${index - 1}.outputs.n}`;
    const depends = index === 0 ? '' : `\n    depends_on: [s${index - 1}]`;
    return `  - id: s${index}
    command: [sh, -c, 'n=$(($1 + 1)); echo "step $n"; echo "n=$n" >> "$DAGGER_OUTPUT"', sh, "${previous}"]${depends}`;
  });
  return `name: chain
container_config: { image: ${image}, cache: true }
steps:
${steps.join('\n')}
outputs:
  - { name: last, value: "\${steps.s${length - 1}.outputs.n}" }
`;
}
