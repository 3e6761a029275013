// Bounds checked before the YAML parser sees a file. The yaml library recurses once per level of
// nesting and overflows the stack at about 1000 levels ("[[[[…", "- - - …", indentation that
// keeps growing); it reports that as a syntax error, but a process that has been through several
// such overflows is not in a state to trust (the inventory fuzz suite saw V8 abort on the next
// regular expression). A city hall's inventory is a few hundred lines, six levels deep: these
// limits are far above any real file and far below the parser's.

import type { Problem } from './problem.js';

export const MAX_INVENTORY_BYTES = 8 * 1024 * 1024;
/** Unclosed "[" and "{" (counted without regard to quotes: a real file has a handful). */
export const MAX_FLOW_DEPTH = 128;
/** Columns of indentation, counting each leading "- " of a compact nested list as two. */
export const MAX_INDENT = 512;

export function yamlLimitProblem(text: string, file: string): Problem | undefined {
  const at = (line: number, col: number, message: string): Problem => ({ code: 'yaml', message, file, line, col, path: [] });
  if (text.length > MAX_INVENTORY_BYTES) return at(1, 1, `the file is ${Math.round(text.length / 1024 / 1024)} MB; an inventory larger than ${MAX_INVENTORY_BYTES / 1024 / 1024} MB is not read`);
  let depth = 0;
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 /* \n */) {
      line++;
      lineStart = i + 1;
      const indent = leadingIndent(text, lineStart);
      if (indent > MAX_INDENT) return at(line, 1, `YAML nested deeper than srw reads (indentation of ${indent} columns, at most ${MAX_INDENT})`);
    } else if (c === 91 /* [ */ || c === 123 /* { */) {
      if (++depth > MAX_FLOW_DEPTH) return at(line, i - lineStart + 1, `YAML nested deeper than srw reads (more than ${MAX_FLOW_DEPTH} levels of [ and {)`);
    } else if ((c === 93 /* ] */ || c === 125) /* } */ && depth > 0) depth--;
  }
  const first = leadingIndent(text, 0);
  if (first > MAX_INDENT) return at(1, 1, `YAML nested deeper than srw reads (indentation of ${first} columns, at most ${MAX_INDENT})`);
  return undefined;
}

/** Spaces and tabs at `from`, plus two for every "- " (or "? ") that opens a nested block entry. */
function leadingIndent(text: string, from: number): number {
  let i = from;
  let n = 0;
  for (;;) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      n++;
      i++;
    } else if ((c === '-' || c === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      n += 2;
      i += 2;
    } else return n;
  }
}
