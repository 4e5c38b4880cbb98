/** The text up to its first line break (all of it when there is none): error messages are shown on one line. */
export function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end === -1 ? text : text.slice(0, end);
}
