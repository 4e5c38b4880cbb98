// Child process of `npm run bench` (bench/validate.bench.ts): validates one file the way `dagger-wf validate`
// does and prints what it cost as one JSON line, its peak memory included (a fresh process per file, so one
// file's garbage does not count against the next).
import { readWorkflowFile } from '../../core/parse/read-workflow-file.js';
import { validateWorkflow } from '../../core/validate/validate-workflow.js';

const file = process.argv[2];
if (!file) throw new Error('usage: measure-validate.ts FILE');
const cpuStart = process.cpuUsage();
const start = performance.now();
const diagnostics = validateWorkflow(readWorkflowFile(file));
const wallMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
process.stdout.write(
  `${JSON.stringify({
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssKb: process.resourceUsage().maxRSS,
    diagnostics: diagnostics.length,
  })}\n`,
);
