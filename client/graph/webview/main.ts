// Entry of dist/graph-webview/graph-webview.js: the script of a graph panel's webview. It draws what the
// extension host sends (the model, its layout, run states) and sends back what the user asks for; it parses and
// lays out nothing itself.
import type { HostMessage } from '../webview-messages.js';
import { GraphView } from './graph-view.js';
import { vscodeApi } from './vscode-api.js';

const api = vscodeApi();
const root = document.getElementById('graph');
if (root) {
  const view = new GraphView(root, api);
  window.addEventListener('message', (event: MessageEvent<HostMessage>) => view.receive(event.data));
  api.postMessage({ type: 'ready' });
}
