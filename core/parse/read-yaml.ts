import { Composer, Document, isAlias, Parser, visit, YAMLParseError, type Node } from 'yaml';
import type { SyntaxProblem } from '../model/workflow.js';
import { findExcessiveNesting, MAX_FLOW_NESTING } from './nesting-depth.js';
import { firstLine } from './first-line.js';

/** One piece of a workflow's text read by the `yaml` library, with its problems as syntax problems. */
export interface YamlPiece {
  document: Document.Parsed;
  problems: SyntaxProblem[];
}

/**
 * Read `source` with `yaml` as if it stood at `offset` of a larger text: node ranges and problem positions come
 * out as offsets in that text, so nothing has to be moved afterwards. Never throws; text nested deeper than any
 * workflow is cut off before the parser sees it (see nesting-depth.ts).
 */
export function readYaml(source: string, offset = 0): YamlPiece {
  const tooDeep = findExcessiveNesting(source);
  const read = tooDeep === undefined ? source : source.slice(0, tooDeep);
  // No LineCounter: SourceText already indexes lines, and this is the hot path of every keystroke.
  const parser = new Parser();
  parser.offset = offset;
  const composer = new Composer({ strict: false });
  let document: Document.Parsed | undefined;
  for (const next of composer.compose(parser.parse(read), true, offset + read.length)) {
    if (!document) document = next;
    else {
      // As parseDocument does: the first document is read, a second one is a mistake.
      document.errors.push(
        new YAMLParseError(
          [next.range[0], next.range[1]],
          'MULTIPLE_DOCS',
          'Source contains multiple documents',
        ),
      );
      break;
    }
  }
  // `compose(…, true)` always ends with a document, even for an empty source.
  const parsed = document ?? (new Document() as Document.Parsed);
  const problems: SyntaxProblem[] = [...parsed.errors, ...parsed.warnings].map((problem) => ({
    message: firstLine(problem.message),
    code: problem.code,
    span: { start: problem.pos[0], end: Math.max(problem.pos[1], problem.pos[0]) },
  }));
  if (tooDeep !== undefined) {
    problems.unshift({
      message: `brackets nested more than ${MAX_FLOW_NESTING} levels deep; the rest of the file is not read`,
      code: 'NESTING_TOO_DEEP',
      span: { start: offset + tooDeep, end: offset + tooDeep + 1 },
    });
  }
  return { document: parsed, problems };
}

/**
 * Whether the document holds an alias whose anchor it does not hold: read on its own, a piece of a file cannot
 * resolve an anchor set in another piece, so such a file is read in one piece.
 */
export function hasForeignAlias(piece: YamlPiece, source: string): boolean {
  if (!source.includes('*')) return false;
  let foreign = false;
  visit(piece.document, {
    Alias(_key, alias) {
      if (isAlias(alias) && (alias.resolve(piece.document) as Node | undefined) === undefined) {
        foreign = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return foreign;
}
