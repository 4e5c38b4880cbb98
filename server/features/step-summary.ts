import type { Step, Workflow } from '../../core/model/workflow.js';
import { stepOutputKeys } from './completion/step-output-keys.js';

/** A step in markdown for hovers: name, image, command, dependencies and the outputs its command writes. */
export function stepSummaryMarkdown(workflow: Workflow, step: Step): string {
  const id = step.id?.value ?? `#${step.index + 1}`;
  const lines = [`**step \`${id}\`**${step.name ? ` — ${step.name.value}` : ''}`, ''];
  const image = step.image?.value ?? workflow.containerConfig?.image?.value;
  if (image !== undefined) lines.push(`- image: \`${image}\`${step.image ? '' : ' (from container_config)'}`);
  if (step.command?.items.length)
    lines.push(`- command: \`${step.command.items.map((item) => quoteArgument(item.value)).join(' ')}\``);
  const dependencies = step.dependsOn?.items.map((item) => `\`${item.value}\``) ?? [];
  lines.push(`- depends on: ${dependencies.length ? dependencies.join(', ') : 'nothing'}`);
  const outputs = stepOutputKeys(step);
  if (outputs.length) lines.push(`- outputs: ${outputs.map((key) => `\`${key}\``).join(', ')}`);
  return lines.join('\n');
}

function quoteArgument(argument: string): string {
  const shown = argument.replace(/`/g, "'");
  return /[\s"]/.test(shown) || shown === '' ? JSON.stringify(shown) : shown;
}
