// The plain data of a parsed YAML document, or a located problem. Converting is where YAML
// aliases are expanded, and the yaml library throws there (a ReferenceError) for an alias that
// names no anchor and for an "alias bomb" (a few lines of nested aliases that expand to millions
// of nodes); those must be reported at the alias, like every other inventory mistake.
import { isAlias, visit, type Alias, type Document, type LineCounter } from 'yaml';
import type { Problem, Result } from './problem.js';

/** More expansions than any hand-written inventory needs; the yaml library's own default. */
export const MAX_ALIAS_COUNT = 100;

export function documentData(doc: Document, counter: LineCounter, file: string): Result<unknown> {
  let error: Error;
  try {
    return { ok: true, value: doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) };
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    error = e;
  }
  // Only now, on the error path (a valid inventory does not pay for the extra pass), convert
  // again with every alias tagged, to learn which one failed.
  tagAliases(doc);
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    if (e instanceof Error) error = e;
  }
  const alias = aliasOf.get(error) ?? firstAlias(doc);
  const pos = alias?.range ? counter.linePos(alias.range[0]) : { line: 1, col: 1 };
  const name = alias ? `*${alias.source}` : 'an alias';
  const message = /Unresolved alias/.test(error.message)
    ? `YAML alias ${name} names no anchor (write &${alias?.source ?? 'name'} on a value above it, or write the value out)`
    : /Excessive alias count/.test(error.message)
      ? `YAML alias ${name} expands too many times (more than ${MAX_ALIAS_COUNT} copies of aliased values, as an "alias bomb" does); write the values out`
      : `YAML: ${error.message}`;
  const problem: Problem = { code: 'yaml', message, file, line: pos.line, col: pos.col, path: [] };
  return { ok: false, problems: [problem] };
}

/** The library's error does not say which alias failed: each alias node of this document (ours
 *  alone, parsed a moment ago) tags the error it throws, innermost first. */
function tagAliases(doc: Document): void {
  visit(doc, {
    Alias(_key, node) {
      const own = node.toJSON.bind(node);
      node.toJSON = (arg?: unknown, ctx?: unknown) => {
        try {
          return own(arg, ctx as never);
        } catch (e) {
          if (e instanceof Error && !aliasOf.has(e)) aliasOf.set(e, node);
          throw e;
        }
      };
    },
  });
}

const aliasOf = new WeakMap<Error, Alias>();

function firstAlias(doc: Document): Alias | undefined {
  let found: Alias | undefined;
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) {
        found = node;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}
