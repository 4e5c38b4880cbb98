import { dirname } from 'node:path/posix';
import { OUTPUT_FILE_IN_CONTAINER } from '../run/run-step.js';
import type { ContainerNode } from './argo-types.js';

/** The folder of `$DAGGER_OUTPUT` in every step's pod: an emptyDir, so each pod (each attempt) has its own. */
export const OUTPUT_DIR = dirname(OUTPUT_FILE_IN_CONTAINER);
/** Where the splitter writes one file per output key that the workflow uses. */
export const SPLIT_DIR = `${OUTPUT_DIR}/outputs`;
/** The name of the emptyDir volume mounted at OUTPUT_DIR. */
export const OUTPUT_VOLUME = 'dagger-wf-output';
/** The default image of the splitter container: any image with a POSIX `sh`, `mkdir` and `printf` will do. */
export const DEFAULT_OUTPUT_IMAGE = 'busybox:1.37.0';

/**
 * The splitter: reads `$DAGGER_OUTPUT` in the grammar of core/run/parse-output-file.ts (GitHub's `$GITHUB_OUTPUT`:
 * `key=value`, `key<<DELIMITER` … `DELIMITER`; whichever of `=` and `<<` comes first decides; blank lines ignored;
 * a later key wins) and writes each wanted key to `$dir/<key>`, plus one newline that Argo trims when it reads
 * an output parameter. A malformed file or a wanted key never written fails the step, as a run does.
 * Arguments: the output file, the folder, the wanted keys. The line number is the length of `$n` (one character
 * per line), so the script holds neither `$(` nor `$$`, which Kubernetes would rewrite in a container's command.
 */
export const SPLIT_SCRIPT = [
  'set -u',
  'src=$1 dir=$2',
  'shift 2',
  'keys=" $* "',
  'wanted() { case $keys in *" $1 "*) return 0 ;; esac; return 1; }',
  'fail() { echo "dagger-wf: DAGGER_OUTPUT line $1: $2" >&2; exit 1; }',
  'mkdir -p "$dir" || exit 1',
  '[ -f "$src" ] || src=/dev/null',
  "cr=`printf '\\r'`",
  'n= delim= key= start= out=/dev/null first=',
  'while IFS= read -r line || [ -n "$line" ]; do',
  '  n=$n.',
  '  case $line in *"$cr") line=${line%"$cr"} ;; esac',
  '  if [ -n "$delim" ]; then',
  '    if [ "$line" = "$delim" ]; then delim=; printf \'\\n\' >> "$out"; continue; fi',
  '    if [ -n "$first" ]; then first=; else printf \'\\n\' >> "$out"; fi',
  '    printf \'%s\' "$line" >> "$out"',
  '    continue',
  '  fi',
  '  [ -z "$line" ] && continue',
  '  eq=${line%%=*} hd=${line%%<<*}',
  '  if [ "$eq" != "$line" ] && { [ "$hd" = "$line" ] || [ ${#eq} -lt ${#hd} ]; }; then',
  '    [ -n "$eq" ] || fail ${#n} "empty output name in \\"$line\\""',
  '    if wanted "$eq"; then printf \'%s\\n\' "${line#*=}" > "$dir/$eq"; fi',
  '  elif [ "$hd" != "$line" ]; then',
  '    key=$hd delim=${line#*<<} start=${#n} first=1 out=/dev/null',
  '    [ -n "$key" ] && [ -n "$delim" ] || fail ${#n} "\\"$line\\" needs both a name and a delimiter"',
  '    if wanted "$key"; then out=$dir/$key; : > "$out"; fi',
  '  else',
  '    fail ${#n} "expected \\"name=value\\" or \\"name<<DELIMITER\\", got \\"$line\\""',
  '  fi',
  'done < "$src"',
  '[ -z "$delim" ] || fail $start "no closing delimiter \\"$delim\\" for output \\"$key\\""',
  'for k in $keys; do',
  '  [ -f "$dir/$k" ] || { echo "dagger-wf: the step wrote no output \\"$k\\" to DAGGER_OUTPUT, and this workflow uses it" >&2; exit 1; }',
  'done',
].join('\n');

/** The splitter's command, the same in every step; the arguments that differ go in `args`. */
const SPLIT_COMMAND: readonly string[] = ['sh', '-c', SPLIT_SCRIPT, 'dagger-wf-split-outputs'];

/**
 * The container that runs after the step's own container, in the same pod, and splits its `$DAGGER_OUTPUT` into
 * one file per wanted key, because Argo reads each output parameter from its own file. It is named `main`: Argo
 * takes a container set's outputs from the container of that name. The step's container itself runs unchanged.
 */
export function splitterContainer(
  stepContainer: string,
  image: string,
  keys: readonly string[],
): ContainerNode {
  return {
    name: 'main',
    image,
    command: [...SPLIT_COMMAND],
    args: [OUTPUT_FILE_IN_CONTAINER, SPLIT_DIR, ...keys],
    dependencies: [stepContainer],
    resources: { limits: { cpu: '100m', memory: '32Mi' }, requests: { cpu: '10m', memory: '16Mi' } },
  };
}
