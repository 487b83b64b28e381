/**
 * White space, handled one way everywhere: a run of spaces, tabs or line breaks is one gap. Two
 * helpers instead of the same pattern written at every call site.
 */
const SPACE_RUN = /\s+/g;

/** The text's pieces between runs of white space (as `text.split(/\s+/)`: leading space gives an empty first piece). */
export function splitOnSpaces(text: string): string[] {
  return text.split(SPACE_RUN);
}

/** The text with every run of white space made one space (not trimmed). */
export function collapseSpaces(text: string): string {
  return text.replace(SPACE_RUN, ' ');
}
