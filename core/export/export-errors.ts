/**
 * A workflow that validates but cannot be exported as asked (a volume without a claim, two steps whose Argo names
 * collide, a secret where Argo would need a literal…). Each problem is one line naming the step, volume or input.
 */
export class ExportError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}

/**
 * The manifest built would break one of Argo's rules: a bug of the exporter, never the user's doing. It is
 * thrown instead of writing the manifest (an invalid export is never a file).
 */
export class InvalidExportError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the Argo manifest would be invalid (a bug of dagger-wf, please report it): ${problems.join('; ')}`,
    );
  }
}
