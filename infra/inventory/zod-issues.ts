// Turns zod issues into inventory problems that say what was expected and what was found.
import type { z } from 'zod';
import type { Problem } from './problem.js';
import { closest } from './closest.js';

type Issue = z.core.$ZodIssue & { input?: unknown };
type Located = Omit<Problem, 'file'> & { atKey?: string; guess?: string; missing?: boolean };

export function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (an empty value)';
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}…` : v);
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${String(v)}`;
}

export function issuesToProblems(issues: readonly Issue[], schema: z.ZodType): Located[] {
  const out: Located[] = [];
  // A misspelt key can also trip its object's own check (a destination that names no kind): the
  // typo is the mistake to report.
  const typoAt = new Set(issues.filter((i) => i.code === 'unrecognized_keys').map((i) => i.path.map(String).join('\u0000')));
  for (const issue of issues) if (!(issue.code === 'custom' && typoAt.has(issue.path.map(String).join('\u0000')))) out.push(...issueToProblems(issue, schema));
  // A misspelt required field shows up twice (unknown "vlna", missing "vlan"); keep the one
  // that names the typo, since fixing it fixes both.
  const guessed = new Set(out.filter((p) => p.guess !== undefined).map((p) => [...p.path.slice(0, -1), p.guess].join('\u0000')));
  return out.filter((p) => !(p.missing && guessed.has(p.path.join('\u0000')))).map(({ guess: _g, missing: _m, ...p }) => p);
}

function issueToProblems(issue: Issue, schema: z.ZodType): Located[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const found = describeValue(issue.input);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const allowed = allowedKeys(schema, path);
      return issue.keys.map((key) => {
        const guess = closest(key, allowed);
        const hint = guess ? `did you mean "${guess}"?` : `expected one of: ${allowed.join(', ')}`;
        return { code: 'schema', message: `unknown field "${key}" (${hint})`, path: [...path, key], atKey: key, ...(guess ? { guess } : {}) };
      });
    }
    case 'invalid_type':
      if (issue.input === undefined) {
        const field = path[path.length - 1];
        return [{ code: 'schema', message: `required field "${String(field)}" is missing (expected ${issue.expected})`, path, missing: true }];
      }
      return [{ code: 'schema', message: `expected ${issue.expected === 'int' ? 'a whole number' : issue.expected}, found ${found}`, path }];
    case 'invalid_value':
      return [{ code: 'schema', message: `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, found ${found}`, path }];
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const op = issue.code === 'too_small' ? (issue.inclusive === false ? '>' : '>=') : issue.inclusive === false ? '<' : '<=';
      const what = issue.origin === 'array' ? 'number of entries' : issue.origin === 'string' ? 'length' : 'a value';
      const actual = issue.origin === 'array' && Array.isArray(issue.input) ? String(issue.input.length) : found;
      const range = issue.origin === 'number' || issue.origin === 'int' ? `expected a value ${op} ${String(bound)}` : `expected ${what} ${op} ${String(bound)}`;
      return [{ code: 'schema', message: `${range}, found ${actual}`, path }];
    }
    case 'invalid_format':
      if (issue.message.startsWith('expected')) return [{ code: 'schema', message: `${issue.message}, found ${found}`, path }];
      return [{ code: 'schema', message: `expected ${issue.format === 'url' ? 'a URL such as https://pve1:8006/' : `a ${issue.format}`}, found ${found}`, path }];
    case 'invalid_union':
    case 'custom':
    default: {
      const message = issue.message.startsWith('expected') ? `${issue.message}, found ${found}` : issue.message;
      return [{ code: 'schema', message, path }];
    }
  }
}

/** Keys of the object schema at `path`, for "did you mean" hints on typos. */
function allowedKeys(schema: z.ZodType, path: readonly (string | number)[]): string[] {
  let s: unknown = schema;
  for (const part of path) {
    s = unwrap(s);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return [];
    if (def.type === 'array' && typeof part === 'number') s = def.element;
    else if (def.type === 'object' && typeof part === 'string') s = (def.shape as Record<string, unknown>)[part];
    // A record's keys are the user's (menu options, weekdays): step into its value schema.
    else if (def.type === 'record' && typeof part === 'string') s = def.valueType;
    else return [];
  }
  const def = (unwrap(s) as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  return def?.type === 'object' ? Object.keys(def.shape as object) : [];
}

function unwrap(s: unknown): unknown {
  for (;;) {
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return s;
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable') s = def.innerType;
    else if (def.type === 'pipe') s = def.in;
    else return s;
  }
}
