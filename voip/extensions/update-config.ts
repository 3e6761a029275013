// Asterisk's UpdateConfig, as plain data: what one AMI UpdateConfig message does to a config
// file's categories, with the rules of main/manager.c handle_updates() and main/config.c in
// 22.10.1, each pinned by a recording (test/fixtures/ami-transcripts):
// - the whole message is refused when it has more than 128 header lines, Action and ActionID
//   included (AST_MAX_MANHEADERS; updateconfig-128-lines-ok.txt / -129-lines-refused.txt);
// - steps apply to an in-memory copy that is saved only when every step succeeded
//   (updateconfig-multi-action-partial.txt: the 4th of 4 failing leaves the file byte-identical);
// - `catfilter=` keeps only the text up to the next `=` unless quoted, so `catfilter=type=endpoint`
//   never matches and `catfilter="type=endpoint"` does (updateconfig-catfilter-*.txt); the filter
//   is a pair of unanchored POSIX regular expressions, variable name and value;
// - category and variable names compare case-insensitively; Update changes the last matching
//   variable and never adds one (updateconfig-update-missing-var.txt: "Update did not complete
//   successfully"); a Delete that finds nothing answers the same message.
// Used twice with the same code: by `srw voip apply`, to run its whole plan against the
// GetConfig'ed files before anything is written, and by the AMI simulator, as the PBX.

/** One category as the engine sees it: GetConfig's view (no comments, templates expanded). */
export type EngineCategory = { name: string; lines: Array<[key: string, value: string]> };

/** One UpdateConfig step as read from the `Action-NNNNNN`, `Cat-`, `Var-`, … headers. */
export type RawStep = { action: string; cat?: string; var?: string; value?: string; match?: string; line?: string; options?: string };

export type UpdateOutcome = { ok: true; categories: EngineCategory[] } | { ok: false; message: string };

/** Header lines one AMI message may carry (AST_MAX_MANHEADERS), Action and ActionID included. */
export const MAX_MESSAGE_LINES = 128;
/** What Asterisk answers to a longer message (updateconfig-129-lines-refused.txt). */
export const TOO_MANY_LINES = 'Too many lines in message or allocation failure';

const MESSAGES = {
  unknownAction: 'Unknown action command',
  unknownCategory: 'Given category does not exist',
  noCategory: 'Category not specified',
  noArgument: 'Problem with category, value, or line (if required)',
  newcat: 'Create category did not complete successfully',
  update: 'Update did not complete successfully',
} as const;

/** Reads Action-NNNNNN / Cat- / Var- / Value- / Match- / Line- / Options- in index order, up to the first gap. */
export function readSteps(get: (name: string) => string | undefined): RawStep[] {
  const steps: RawStep[] = [];
  // manager.c stops at 100000 and at the first missing (or empty) Action-NNNNNN.
  for (let i = 0; i < 100_000; i++) {
    const n = String(i).padStart(6, '0');
    const action = get(`Action-${n}`);
    if (!action) break;
    const s: RawStep = { action };
    for (const [k, h] of [['cat', 'Cat'], ['var', 'Var'], ['value', 'Value'], ['match', 'Match'], ['line', 'Line'], ['options', 'Options']] as const) {
      const v = get(`${h}-${n}`);
      if (v !== undefined) s[k] = v;
    }
    steps.push(s);
  }
  return steps;
}

/**
 * ast_strsep(): the next piece up to `sep` outside single or double quotes, then (STRIP) with
 * surrounding blanks and one pair of quotes removed. Returns [piece, rest] (rest undefined when
 * no separator was found).
 */
function strsep(s: string, sep: string): [string, string | undefined] {
  let quote: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      if (quote.at(-1) === c) quote = quote.slice(0, -1);
      else quote.push(c);
    }
    if (c === sep && quote.length === 0) return [stripQuoted(s.slice(0, i)), s.slice(i + 1)];
  }
  return [stripQuoted(s), undefined];
}

/** ast_strip_quoted(): blanks off both ends, then one pair of matching quotes. */
function stripQuoted(s: string): string {
  const t = s.trim();
  return t.length >= 2 && (t[0] === '"' || t[0] === "'") && t.at(-1) === t[0] ? t.slice(1, -1) : t;
}

function splitAll(s: string, sep: string): string[] {
  const out: string[] = [];
  let rest: string | undefined = s;
  while (rest !== undefined && rest !== '') {
    const [piece, next]: [string, string | undefined] = strsep(rest, sep);
    out.push(piece);
    rest = next;
  }
  return out;
}

type Options = { allowdups: boolean; ignoreerror: boolean; catfilter?: string };

/** The Options-NNNNNN value as handle_updates() reads it. */
export function parseOptions(options: string | undefined): Options {
  const o: Options = { allowdups: false, ignoreerror: false };
  for (const token of splitAll(options ?? '', ',')) {
    const t = token.toLowerCase();
    if (t === 'allowdups') o.allowdups = true;
    else if (t === 'ignoreerror') o.ignoreerror = true;
    else if (t.startsWith('catfilter')) {
      // First piece "catfilter", second piece up to the next unquoted "=": the filter.
      const [, rest] = strsep(token, '=');
      if (rest !== undefined) o.catfilter = strsep(rest, '=')[0];
    }
  }
  return o;
}

const regex = (pattern: string): RegExp | undefined => {
  try {
    return new RegExp(pattern);
  } catch {
    // Asterisk logs "Regular expression … failed to compile" and matches nothing.
    return undefined;
  }
};

/** does_category_match() as a predicate: the name (case-insensitive) and every `name=value` regex pair of the filter. */
export function categoryMatcher(name: string, filter: string | undefined): (cat: EngineCategory) => boolean {
  const lower = name.toLowerCase();
  const byName = (cat: EngineCategory) => !name || cat.name.toLowerCase() === lower;
  if (!filter) return byName;
  const expressions = splitAll(filter, ',');
  const pairs: Array<[RegExp, RegExp]> = [];
  for (const expr of expressions) {
    const [n, rest] = strsep(expr, '=');
    // An expression without "=" ends the check: no category matches.
    if (rest === undefined) return () => false;
    const rn = regex(n);
    const rv = regex(strsep(rest, '=')[0]);
    if (!rn || !rv) return () => false;
    pairs.push([rn, rv]);
  }
  return (cat) => byName(cat) && pairs.every(([rn, rv]) => cat.lines.some(([k, v]) => rn.test(k) && rv.test(v)));
}

export function categoryMatches(cat: EngineCategory, name: string, filter: string | undefined): boolean {
  return categoryMatcher(name, filter)(cat);
}

// Shallow: a step never changes a lines array in place, it replaces it, so the caller's stay as they were.
const clone = (cats: ReadonlyArray<{ name: string; lines: ReadonlyArray<readonly [string, string]> }>): EngineCategory[] => cats.map((c) => ({ name: c.name, lines: c.lines as Array<[string, string]> }));
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** Runs one UpdateConfig's steps on a copy; the result replaces the file only when all succeed. */
export function applyUpdate(categories: ReadonlyArray<{ name: string; lines: ReadonlyArray<readonly [string, string]> }>, steps: readonly RawStep[]): UpdateOutcome {
  let cats = clone(categories);
  // Categories by lower-cased name, in file order: a step looks only at its namesakes (a first
  // apply of 500 extensions runs 10 000 steps over 1 500 categories).
  const index = new Map<string, EngineCategory[]>();
  const indexed = (n: string) => index.get(n.toLowerCase()) ?? [];
  const reindex = () => {
    index.clear();
    for (const c of cats) {
      const k = c.name.toLowerCase();
      const list = index.get(k);
      if (list) list.push(c);
      else index.set(k, [c]);
    }
  };
  reindex();
  const fail = (message: string): UpdateOutcome => ({ ok: false, message });
  for (const s of steps) {
    if (!s.cat) return fail(MESSAGES.noCategory);
    const o = parseOptions(s.options);
    const name = s.cat;
    const value = s.value?.startsWith('>') ? s.value.slice(1) : (s.value ?? '');
    const matches = categoryMatcher(name, o.catfilter);
    const hits = () => indexed(name).filter(matches);
    switch (s.action.toLowerCase()) {
      case 'newcat': {
        if (!o.allowdups && indexed(name).length) {
          if (o.ignoreerror) continue;
          return fail(MESSAGES.newcat);
        }
        const cat: EngineCategory = { name, lines: [] };
        if (s.match) {
          // Inserted before the first category of that name (ast_category_insert).
          const at = cats.findIndex((c) => same(c.name, s.match!));
          if (at < 0) return fail(MESSAGES.newcat);
          cats.splice(at, 0, cat);
          reindex();
        } else {
          cats.push(cat);
          const k = name.toLowerCase();
          index.set(k, [...indexed(k), cat]);
        }
        break;
      }
      case 'renamecat': {
        if (!value) return fail(MESSAGES.noArgument);
        const h = hits();
        if (!h.length) return fail(MESSAGES.unknownCategory);
        for (const c of h) c.name = value;
        reindex();
        break;
      }
      case 'delcat': {
        const h = hits();
        if (!h.length && !o.ignoreerror) return fail(MESSAGES.unknownCategory);
        if (!h.length) break;
        const gone = new Set(h);
        cats = cats.filter((c) => !gone.has(c));
        index.set(name.toLowerCase(), indexed(name).filter((c) => !gone.has(c)));
        break;
      }
      case 'emptycat': {
        const h = hits();
        if (!h.length) return fail(MESSAGES.unknownCategory);
        for (const c of h) c.lines = [];
        break;
      }
      case 'update': {
        if (!s.var) return fail(MESSAGES.noArgument);
        const h = hits();
        if (!h.length) return fail(MESSAGES.unknownCategory);
        let found = false;
        for (const c of h) {
          // The last matching variable (so a template's inherited value is not the one changed).
          let at = -1;
          c.lines.forEach(([k, v], i) => {
            if (same(k, s.var!) && (!s.match || same(v, s.match))) at = i;
          });
          if (at >= 0) {
            c.lines = c.lines.map((l, i): [string, string] => (i === at ? [l[0], value] : l));
            found = true;
          }
        }
        if (!found) return fail(MESSAGES.update);
        break;
      }
      case 'delete': {
        if (!s.var && !s.line) return fail(MESSAGES.noArgument);
        const h = hits();
        if (!h.length) return fail(MESSAGES.unknownCategory);
        const line = s.line ? Number.parseInt(s.line, 10) : -1;
        if (s.line && !(line >= 0)) return fail(MESSAGES.update);
        let found = false;
        for (const c of h) {
          const before = c.lines.length;
          c.lines = c.lines.filter(([k, v], i) => !(line >= 0 ? i === line : same(k, s.var!) && (!s.match || same(v, s.match))));
          found ||= c.lines.length !== before;
        }
        if (!found && !o.ignoreerror) return fail(MESSAGES.update);
        break;
      }
      case 'append': {
        if (!s.var) return fail(MESSAGES.noArgument);
        const h = hits();
        if (!h.length) return fail(MESSAGES.unknownCategory);
        for (const c of h) c.lines = [...c.lines, [s.var, value]];
        break;
      }
      case 'insert': {
        if (!s.var || !s.line) return fail(MESSAGES.noArgument);
        const h = hits();
        if (!h.length) return fail(MESSAGES.unknownCategory);
        const at = Number.parseInt(s.line, 10);
        for (const c of h) {
          const lines = [...c.lines];
          lines.splice(Number.isFinite(at) && at >= 0 ? at : lines.length, 0, [s.var, value]);
          c.lines = lines;
        }
        break;
      }
      default:
        return fail(MESSAGES.unknownAction);
    }
  }
  return { ok: true, categories: cats };
}
