// Entry of dist/debugger.js: the debug adapter and the runner it drives, loaded on the first debug session
// (load-debugger.ts), so activation does not pay for them.
export { WorkflowDebugSession } from '../../debug-adapter/workflow-debug-session.js';
