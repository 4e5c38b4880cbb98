/** JSON schemas of the execution routes: the execute body, an execution, the list, the accepted answer. */

export const EXECUTION_STATUSES = ['queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;

const STEP_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'timed_out', 'cancelled'];

const stringMap = { type: 'object', additionalProperties: { type: 'string' } } as const;

/** One step of an execution: the `steps.<id>` object of `dagger-wf run --json`. */
const stepResultSchema = {
  type: 'object',
  required: ['status', 'exit_code', 'attempts', 'started_at', 'finished_at', 'outputs'],
  properties: {
    status: { type: 'string', enum: STEP_STATUSES },
    exit_code: { type: ['integer', 'null'] },
    attempts: { type: 'integer' },
    started_at: { type: ['string', 'null'], description: 'ISO 8601 with milliseconds' },
    finished_at: { type: ['string', 'null'] },
    outputs: { ...stringMap, description: 'Secrets masked' },
    reason: { type: 'string' },
  },
  additionalProperties: true,
} as const;

/** GET /dagger/executions/{id}: the `run --json` object plus the execution's own fields. */
export const executionSchema = {
  type: 'object',
  required: [
    'execution_id',
    'workflow_id',
    'status',
    'outputs',
    'steps',
    'inputs',
    'created_at',
    'finished_at',
  ],
  properties: {
    execution_id: { type: 'string' },
    run_id: { type: 'string', description: 'The run folder of the execution; the same as execution_id' },
    workflow_id: { type: 'string' },
    status: {
      type: 'string',
      enum: EXECUTION_STATUSES,
      description: '`queued` or `running` until the run ends',
    },
    reason: { type: 'string', description: 'Why it ended so, when no step says it (e.g. `interrupted`)' },
    outputs: { ...stringMap, description: "The workflow's outputs (secrets masked)" },
    steps: { type: 'object', additionalProperties: stepResultSchema },
    inputs: {
      ...stringMap,
      description: 'The inputs it runs with, defaults filled in; secret inputs as ***',
    },
    secret_inputs: { type: 'array', items: { type: 'string' } },
    created_at: { type: 'string', description: 'When the execution was accepted' },
    finished_at: { type: ['string', 'null'] },
  },
} as const;

/** The 202 of execute and cancel. */
export const acceptedSchema = {
  type: 'object',
  required: ['execution_id', 'status'],
  properties: {
    execution_id: { type: 'string' },
    status: { type: 'string', enum: EXECUTION_STATUSES },
  },
} as const;

const executionSummarySchema = {
  type: 'object',
  required: ['execution_id', 'workflow_id', 'status', 'created_at', 'finished_at'],
  properties: {
    execution_id: { type: 'string' },
    workflow_id: { type: 'string' },
    status: { type: 'string', enum: EXECUTION_STATUSES },
    reason: { type: 'string' },
    created_at: { type: 'string' },
    finished_at: { type: ['string', 'null'] },
  },
} as const;

export const executionListSchema = {
  type: 'object',
  required: ['executions', 'next_cursor'],
  properties: {
    executions: { type: 'array', items: executionSummarySchema, description: 'Newest first' },
    next_cursor: {
      type: ['string', 'null'],
      description: 'Pass as `cursor` for the next page; null on the last page',
    },
  },
} as const;

export const executionListQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    workflow: { type: 'string', description: 'Only executions of this workflow id' },
    status: { type: 'string', enum: EXECUTION_STATUSES },
    limit: { type: 'integer', minimum: 1, maximum: 500, default: 50 },
    cursor: { type: 'string', description: 'The `next_cursor` of the previous page' },
  },
} as const;

/** The value of an input: JSON strings, numbers and booleans are taken (as their text); nothing else. */
export const INPUT_VALUE_TYPES = ['string', 'number', 'boolean'] as const;

export const executeBodySchema = {
  type: ['object', 'null'],
  description: 'Optional; `{}` or no body runs with the defaults',
  additionalProperties: false,
  properties: {
    inputs: {
      type: 'object',
      description: 'Input values by name, checked against the inputs the workflow declares',
      additionalProperties: { type: [...INPUT_VALUE_TYPES] },
    },
  },
} as const;

export const executeQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    wait: {
      type: 'number',
      minimum: 0,
      maximum: 3600,
      description: 'Wait up to this many seconds: 200 with the execution if it ends in time, else 202',
    },
  },
} as const;

export const executeHeadersSchema = {
  type: 'object',
  properties: {
    'idempotency-key': {
      type: 'string',
      minLength: 1,
      maxLength: 255,
      description: 'The same key with the same body gives the same execution (a key with another body: 422)',
    },
  },
} as const;

export const executionParamsSchema = {
  type: 'object',
  required: ['execution_id'],
  properties: { execution_id: { type: 'string' } },
} as const;

export const stepLogParamsSchema = {
  type: 'object',
  required: ['execution_id', 'step_id'],
  properties: { execution_id: { type: 'string' }, step_id: { type: 'string' } },
} as const;

export const stepLogQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    offset: { type: 'integer', minimum: 0, default: 0, description: 'Byte offset to read from' },
  },
} as const;

export const cancelQuerySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    force: {
      type: 'boolean',
      default: false,
      description: 'Kill the containers at once instead of stopping them',
    },
  },
} as const;
