import * as vscode from 'vscode';
import type { InputQuestion } from './input-questions.js';

const STATE_KEY = 'daggerWorkflows.lastInputs';

/**
 * Ask for each input with an input box: the last value used for this workflow (or the default) filled in,
 * secrets as password boxes and never remembered. Returns undefined when the user cancels.
 */
export async function askForInputs(
  questions: InputQuestion[],
  workflowFile: string,
  state: vscode.Memento,
): Promise<Record<string, string> | undefined> {
  const remembered = state.get<Record<string, Record<string, string>>>(STATE_KEY, {});
  const last = remembered[workflowFile] ?? {};
  const answers: Record<string, string> = {};
  for (const [index, question] of questions.entries()) {
    const value = await vscode.window.showInputBox({
      title: `Workflow input ${index + 1}/${questions.length}: ${question.name}`,
      prompt: question.description ?? `Value of \${inputs.${question.name}}`,
      value: question.secret ? '' : (last[question.name] ?? question.defaultValue ?? ''),
      placeHolder:
        question.secret && question.defaultValue === undefined ? 'secret (not remembered)' : undefined,
      password: question.secret,
      ignoreFocusOut: true,
      // What `dagger-wf run` would refuse, the box refuses first, in the same words.
      validateInput: (text) => (text === '' ? question.refusesEmpty : undefined),
    });
    if (value === undefined) return undefined;
    // An empty answer is no value: the default when there is one, else the input stays unset (as without
    // --input on the command line) — never an empty string the run would go on with.
    if (value === '') continue;
    answers[question.name] = value;
  }
  const kept = Object.fromEntries(
    questions
      .filter((question) => !question.secret && question.name in answers)
      .map((q) => [q.name, answers[q.name]]),
  );
  await state.update(STATE_KEY, { ...remembered, [workflowFile]: kept });
  return answers;
}
