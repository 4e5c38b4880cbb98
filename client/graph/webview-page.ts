import { randomBytes } from 'node:crypto';
import type { StepStatus } from '../../core/model/run-state.js';
import { STEP_STATE_LOOKS } from '../views/state-looks.js';
import type { StateIcons } from './webview-messages.js';

/** What the page needs from its webview: the CSP source of its resources and their URIs. */
export interface PageResources {
  /** `webview.cspSource`. */
  cspSource: string;
  /** The webview URI of a file of dist/graph-webview/. */
  asset: (name: string) => string;
}

/**
 * The page of a graph panel. Its Content-Security-Policy allows only the extension's own files and the one script
 * carrying a fresh random nonce: no remote content, no inline script without the nonce, no eval.
 */
export function graphPageHtml(resources: PageResources, file: string): string {
  const nonce = randomBytes(18).toString('base64');
  const { cspSource, asset } = resources;
  const csp = [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${attribute(asset('codicon.css'))}">
<link rel="stylesheet" href="${attribute(asset('graph.css'))}">
<style nonce="${nonce}">${stateColoursCss()}</style>
<title>Workflow graph</title>
</head>
<body data-vscode-context='{"webviewSection":"graph","preventDefaultContextMenuItems":true}'>
<div id="graph" data-file="${attribute(file)}" data-icons="${attribute(JSON.stringify(stateIconClasses()))}"></div>
<script nonce="${nonce}" src="${attribute(asset('graph-webview.js'))}"></script>
</body>
</html>`;
}

/** Each state's colour as the Runs tree gives it (STEP_STATE_LOOKS), as the CSS variable of that theme colour. */
export function stateColoursCss(): string {
  return Object.entries(STEP_STATE_LOOKS)
    .filter(([, look]) => look.color)
    .map(([status, look]) => `.node.state-${status}{--state-color:var(${themeVariable(look.color ?? '')})}`)
    .join('\n');
}

/** Each state's codicon classes (`sync~spin` → the spinning modifier). */
export function stateIconClasses(): StateIcons {
  const icons = {} as StateIcons;
  for (const [status, look] of Object.entries(STEP_STATE_LOOKS) as [StepStatus, { codicon: string }][]) {
    const [name, modifier] = look.codicon.split('~');
    icons[status] = `codicon-${name}${modifier ? ` codicon-modifier-${modifier}` : ''}`;
  }
  return icons;
}

/** `testing.iconPassed` → `--vscode-testing-iconPassed`, the CSS variable a webview gets for a theme colour. */
function themeVariable(colour: string): string {
  return `--vscode-${colour.replace(/\./g, '-')}`;
}

function attribute(text: string): string {
  return text.replace(/[&"'<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
