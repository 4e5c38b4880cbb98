/** JSON schemas of the workflow routes: what GET /dagger/workflows lists. */

const diagnosticSchema = {
  type: 'object',
  properties: {
    code: { type: 'string' },
    severity: { type: 'string', enum: ['error', 'warning', 'info'] },
    message: { type: 'string' },
    range: {
      type: 'object',
      description: '0-based, as in LSP and `dagger-wf validate --format json`',
      properties: {
        start: { type: 'object', properties: { line: { type: 'integer' }, character: { type: 'integer' } } },
        end: { type: 'object', properties: { line: { type: 'integer' }, character: { type: 'integer' } } },
      },
    },
  },
} as const;

const inputDeclarationSchema = {
  type: 'object',
  properties: {
    description: { type: 'string' },
    default: { type: 'string', description: 'As written in the workflow file' },
    required: { type: 'boolean' },
    secret: { type: 'boolean', description: 'Never echoed: `***` in every response, log and event' },
  },
} as const;

export const workflowSchema = {
  type: 'object',
  required: ['id', 'name', 'description', 'inputs', 'valid'],
  properties: {
    id: { type: 'string', description: 'The file name without .dagger.yaml, .dagger.yml, .yaml or .yml' },
    name: { type: 'string' },
    description: { type: ['string', 'null'] },
    inputs: {
      type: ['object', 'null'],
      description: 'The declared inputs by name; null when the workflow declares none (any input is taken)',
      additionalProperties: inputDeclarationSchema,
    },
    valid: { type: 'boolean', description: 'False when the workflow has errors: executing it answers 422' },
    file: { type: 'string', description: 'The workflow file, relative to the served folder' },
    errors: { type: 'array', description: 'The errors of an invalid workflow', items: diagnosticSchema },
  },
} as const;

export const workflowListSchema = { type: 'array', items: workflowSchema } as const;

export const workflowParamsSchema = {
  type: 'object',
  required: ['workflow_id'],
  properties: { workflow_id: { type: 'string' } },
} as const;
