import { Ajv } from 'ajv';
import type { FastifySchemaCompiler } from 'fastify';

/**
 * The route schemas are checked by the project's own Ajv (the one the workflow schema uses), in two
 * settings: query strings, parameters and headers are text, so their numbers and booleans are coerced;
 * a JSON body is taken as sent (no coercion: `["x"]` must not become "x", nor null become ""), nothing is
 * removed from it, and every problem is reported at once (a 1 MiB body bounds the work).
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const common = { allowUnionTypes: true, removeAdditional: false } as const;
  const textParts = new Ajv({ ...common, coerceTypes: true, useDefaults: true, allErrors: false });
  const jsonBody = new Ajv({ ...common, coerceTypes: false, useDefaults: false, allErrors: true });
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? jsonBody : textParts;
    return ajv.compile(schema as object);
  };
}
