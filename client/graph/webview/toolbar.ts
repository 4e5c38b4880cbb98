import type { GraphModel } from '../../../protocol/graph-messages.js';
import type { ShownRun } from '../webview-messages.js';

export interface ToolbarActions {
  zoomIn: () => void;
  zoomOut: () => void;
  fit: () => void;
  exportSvg: () => void;
  showProblems: () => void;
}

export interface Toolbar {
  element: HTMLElement;
  showModel(model: GraphModel): void;
  showRun(run: ShownRun | undefined): void;
  showNotice(text: string | undefined): void;
}

/** The strip above the graph: the workflow's name, the run shown, its problems, and zoom, fit and export. */
export function createToolbar(actions: ToolbarActions): Toolbar {
  const element = document.createElement('div');
  element.className = 'toolbar';
  element.setAttribute('role', 'toolbar');
  const title = span('title');
  const run = span('run');
  const problems = document.createElement('button');
  problems.className = 'problems';
  problems.hidden = true;
  problems.addEventListener('click', () => actions.showProblems());
  const notice = span('notice');
  notice.setAttribute('role', 'status');
  const spacer = span('spacer');
  element.append(
    title,
    run,
    problems,
    notice,
    spacer,
    button('zoom-out', 'Zoom out (-)', actions.zoomOut),
    button('zoom-in', 'Zoom in (+)', actions.zoomIn),
    button('screen-full', 'Fit to window (F)', actions.fit),
    button('export', 'Export as SVG', actions.exportSvg),
  );
  return {
    element,
    showModel(model) {
      title.textContent = model.name ?? 'Workflow';
      const { errors, warnings } = model.problems;
      const count = errors + warnings;
      problems.hidden = count === 0;
      problems.className = `problems ${errors ? 'errors' : 'warnings'}`;
      problems.textContent = `${count} problem${count === 1 ? '' : 's'}`;
      problems.title = 'Show them in the Problems panel';
    },
    showNotice(text) {
      notice.textContent = text ?? '';
    },
    showRun(shown) {
      run.textContent = shown
        ? `run ${new Date(shown.startedAt).toLocaleTimeString()} · ${shown.status}`
        : '';
      run.className = `run ${shown ? `run-${shown.status}` : ''}`;
    },
  };
}

function span(className: string): HTMLElement {
  const element = document.createElement('span');
  element.className = className;
  return element;
}

function button(icon: string, label: string, onClick: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.className = `codicon codicon-${icon}`;
  element.title = label;
  element.setAttribute('aria-label', label);
  element.addEventListener('click', onClick);
  return element;
}
