/**
 * The `pattern`s of schemas/workflow.schema.json that restate a validation rule, built from the code that
 * enforces the rule, so other tools (ajv, python-jsonschema, yaml-language-server) refuse what `dagger-wf validate`
 * refuses. test/unit/validate/schema-patterns.test.ts checks that the schema holds exactly these; when a rule
 * changes, it prints the new pattern to paste into the schema.
 */
import {
  dollarTokens,
  END,
  INTERPOLABLE_PATTERN,
  INTERPOLATION,
  LITERAL_DOLLAR,
  NOT_TRIMMED_SPACE,
} from '../../interpolate/interpolation-pattern.js';
import { IMAGE_REFERENCE_PATTERN } from '../../model/image-reference.js';
import { CPU_AMOUNT_PATTERN, MEMORY_AMOUNT_PATTERN } from '../../model/resource-units.js';

const WELL_FORMED = `${dollarTokens(`${LITERAL_DOLLAR}|${INTERPOLATION}`)}${END}`;
/** Text that holds a `${` which is no escape: an interpolation (well-formed or not). */
const HAS_INTERPOLATION = `${dollarTokens(LITERAL_DOLLAR)}\\$\\{`;
/** A `/`, `.` and `..` path that names the container's root (`/`, `//`, `/./..`). */
const ROOT_ONLY = `(?:/|\\.\\.?(?=/|${END}))*${END}`;

/** Pattern by JSON pointer into the schema (to the string schema that holds it). */
export const SCHEMA_PATTERNS: Record<string, string> = {
  // DW020: every `${` opens a well-formed interpolation (command items, environment values, output values).
  '#/definitions/interpolable/anyOf/0': INTERPOLABLE_PATTERN,
  // DW024 for an image written out; with a `${…}` only DW020 (the rest is checked when the step starts).
  '#/definitions/image': `^(?:${IMAGE_REFERENCE_PATTERN}${END}|(?=${HAS_INTERPOLATION})${WELL_FORMED})`,
  // DW016 (not blank) and DW020.
  '#/definitions/volumes/items/properties/source': `^(?=[\\s\\S]*${NOT_TRIMMED_SPACE})${WELL_FORMED}`,
  // DW025 (absolute, not the root) unless a `${…}` opens it, DW016 and DW020.
  '#/definitions/volumes/items/properties/target': `^(?=${WELL_FORMED})(?:\\$\\{|/(?!${ROOT_ONLY}))`,
  // DW017/DW018, the engine's minimums included.
  '#/definitions/resources/properties/cpu/anyOf/0': CPU_AMOUNT_PATTERN,
  '#/definitions/resources/properties/memory/anyOf/0': MEMORY_AMOUNT_PATTERN,
};
