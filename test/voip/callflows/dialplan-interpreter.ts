// A small interpreter of the dialplan subset srw renders, written from Asterisk's sources (tag
// 22.10.1), not from srw's renderer, so that `srw voip route` and the rendered extensions.conf can
// be run on the same calls and compared:
//   - main/pbx.c __ast_pbx_run/collect_digits: keys are read while a longer extension could still
//     match; no match → `i` (INVALID_EXTEN set), a priority that does not exist ends the call;
//   - main/pbx_builtins.c: Background's one-key shortcut, WaitExten's timeout (next priority if
//     there is one, else `t`), GotoIfTime honouring the TESTTIME variable;
//   - main/pbx_timing.c: time ranges include their end minute, weekday/month names and cyclic
//     ranges joined with &, the optional fifth field is the time zone;
//   - funcs: STRFTIME(epoch,zone,format), DB(family/key), DIALPLAN_EXISTS(context,exten,prio), IF;
//   - main/ast_expr2.y: $[…] with | & = != < > <= >= + - and parentheses; numbers compare as numbers.
// The world is simple: nobody answers a Dial or a queue (DIALSTATUS NOANSWER, QUEUESTATUS
// TIMEOUT), so the trace is everything a caller would meet, in order.
import { DateTime } from 'luxon';
import { parseConfText, type ConfigCategory } from '../../../voip/extensions/config-file.js';
import type { Hop } from '../../../voip/callflows/hops.js';

type Priority = { n: number; label?: string; app: string; args: string };
type Extension = { name: string; priorities: Priority[] };
type Context = { name: string; exts: Extension[] };

export type Call = {
  context: string;
  exten: string;
  /** The clock of the PBX when the call starts. */
  at: Date;
  /** What the caller types at each prompt ('' = nothing), as `srw voip route --press`. */
  press?: string[];
  /** AstDB contents, `family/key` → value. */
  db?: Record<string, string>;
  /** Channel variables set before the dialplan starts (e.g. TESTTIME). */
  vars?: Record<string, string>;
};

export type Trace = { hops: Hop[]; logs: { level: string; message: string }[]; visited: string[]; end: string };

export function parseDialplan(text: string): Map<string, Context> {
  const contexts = new Map<string, Context>();
  for (const cat of parseConfText(text)) {
    if (cat.name === 'general' || cat.name === 'globals') continue;
    const ctx = contexts.get(cat.name) ?? { name: cat.name, exts: [] };
    contexts.set(cat.name, ctx);
    let current: Extension | undefined;
    for (const [key, value] of cat.lines) {
      if (key === 'exten') {
        const m = /^([^,]+),([^,(]+)(?:\(([^)]+)\))?,(.*)$/.exec(value);
        if (!m) throw new Error(`[${cat.name}] cannot read exten => ${value}`);
        if (m[2] === 'hint') continue;
        current = ctx.exts.find((e) => e.name === m[1]) ?? { name: m[1]!, priorities: [] };
        if (!ctx.exts.includes(current)) ctx.exts.push(current);
        if (m[2] !== '1') throw new Error(`[${cat.name}] exten ${m[1]} starts at priority ${m[2]}`);
        current.priorities.push({ n: 1, ...(m[3] ? { label: m[3] } : {}), ...splitApp(m[4]!) });
      } else if (key === 'same') {
        const m = /^n(?:\(([^)]+)\))?,(.*)$/.exec(value);
        if (!m || !current) throw new Error(`[${cat.name}] cannot read same => ${value}`);
        current.priorities.push({ n: current.priorities.length + 1, ...(m[1] ? { label: m[1] } : {}), ...splitApp(m[2]!) });
      } else if (key !== 'include') throw new Error(`[${cat.name}] unexpected ${key}`);
    }
  }
  return contexts;
}

function splitApp(s: string): { app: string; args: string } {
  const open = s.indexOf('(');
  if (open < 0 || !s.endsWith(')')) return { app: s, args: '' };
  return { app: s.slice(0, open), args: s.slice(open + 1, -1) };
}

/** `_X.` style patterns (main/pbx.c ext_cmp): X Z N [set], `.` one or more, `!` zero or more. */
const compiled = new Map<string, RegExp>();
function patternRegex(p: string): RegExp {
  const known = compiled.get(p);
  if (known) return known;
  let re = '';
  for (let i = 1; i < p.length; i++) {
    const c = p[i]!;
    if (c === 'X') re += '[0-9]';
    else if (c === 'Z') re += '[1-9]';
    else if (c === 'N') re += '[2-9]';
    else if (c === '.') re += '.+';
    else if (c === '!') re += '.*';
    else if (c === '[') {
      const j = p.indexOf(']', i);
      re += `[${p.slice(i + 1, j)}]`;
      i = j;
    } else re += c.replace(/[+*#]/g, '\\$&');
  }
  const out = new RegExp(`^${re}$`);
  compiled.set(p, out);
  return out;
}

function findExten(ctx: Context | undefined, exten: string): Extension | undefined {
  if (!ctx) return undefined;
  return ctx.exts.find((e) => e.name === exten) ?? ctx.exts.find((e) => e.name.startsWith('_') && patternRegex(e.name).test(exten));
}

function matchMore(ctx: Context | undefined, buf: string): boolean {
  return (ctx?.exts ?? []).some((e) => (e.name.startsWith('_') ? /[.!]$/.test(e.name) && patternRegex(e.name.slice(0, -1) + '!').test(buf) : e.name.length > buf.length && e.name.startsWith(buf)));
}

/** queues.conf members per queue, for the queue hop. */
export function queueMembers(text: string): Map<string, string[]> {
  return new Map(parseConfText(text).map((c: ConfigCategory) => [c.name, c.lines.filter(([k]) => k === 'member').map(([, v]) => v.split(',')[0]!.replace(/^PJSIP\//, ''))]));
}

class Hangup extends Error {}

export function runCall(dialplan: Map<string, Context>, queues: Map<string, string[]>, call: Call): Trace {
  const vars = new Map<string, string>(Object.entries(call.vars ?? {}));
  const press = [...(call.press ?? [])];
  const trace: Trace = { hops: [], logs: [], visited: [], end: '' };
  const epoch = Math.floor(call.at.getTime() / 1000);
  let ctx = call.context;
  let exten = call.exten;
  let prio = 1;
  let silentPrompt = false;

  const start = findExten(dialplan.get(ctx), exten);
  if (!start) return { ...trace, end: `no extension ${exten} in [${ctx}]` };
  exten = start.name;

  const jump = (target: string) => {
    const parts = target.split(',').map((s) => s.trim());
    const [c, e, p] = parts.length === 3 ? parts : parts.length === 2 ? [ctx, parts[0]!, parts[1]!] : [ctx, exten, parts[0]!];
    const ext = findExten(dialplan.get(c!), e!);
    if (!ext) throw new Error(`Goto to a missing extension ${c},${e},${p}`);
    const byNumber = /^\d+$/.test(p!) ? Number(p) : ext.priorities.find((x) => x.label === p)?.n;
    if (byNumber === undefined) throw new Error(`Goto to a missing label ${c},${e},${p}`);
    ctx = c!;
    exten = ext.name;
    prio = byNumber;
  };
  /** Keys typed: the first one, then more while a longer extension could match (pbx.c collect_digits). */
  const keys = (entry: string) => {
    const here = dialplan.get(ctx);
    let buf = entry[0]!;
    let i = 1;
    while (matchMore(here, buf) && i < entry.length) buf += entry[i++];
    const ext = findExten(here, buf);
    if (ext) {
      exten = ext.name;
      prio = 1;
    } else {
      vars.set('INVALID_EXTEN', buf);
      if (!here?.exts.some((e) => e.name === 'i')) throw new Hangup(`invalid ${buf} and no i`);
      exten = 'i';
      prio = 1;
    }
  };

  const sub = (s: string): string => substitute(s, { vars, epoch, db: call.db ?? {}, dialplan });

  for (let steps = 0; steps < 2000; steps++) {
    const ext = findExten(dialplan.get(ctx), exten)!;
    const p = ext.priorities.find((x) => x.n === prio);
    if (!p) {
      trace.end = `fell off [${ctx}] ${exten} at priority ${prio}`;
      return trace;
    }
    trace.visited.push(`${ctx},${exten},${prio}`);
    prio++;
    try {
      switch (p.app) {
        case 'NoOp':
        case 'Answer':
        case 'Wait':
          break;
        case 'Set': {
          const eq = p.args.indexOf('=');
          vars.set(p.args.slice(0, eq), sub(p.args.slice(eq + 1)));
          break;
        }
        case 'Log': {
          const [level, ...rest] = sub(p.args).split(',');
          trace.logs.push({ level: level!, message: rest.join(',') });
          break;
        }
        case 'Goto':
          jump(sub(p.args));
          break;
        case 'GotoIf': {
          const [cond, branches = ''] = splitOnce(p.args, '?');
          const [yes, no] = splitOnce(branches, ':');
          const target = truthy(sub(cond)) ? yes : no;
          if (target) jump(sub(target));
          break;
        }
        case 'GotoIfTime': {
          const [spec, branches = ''] = splitOnce(p.args, '?');
          const [yes, no] = splitOnce(branches, ':');
          const testtime = vars.get('TESTTIME');
          const t = testtime && /^\d+$/.test(testtime) ? Number(testtime) : epoch;
          const target = checkTiming(sub(spec), t) ? yes : no;
          if (target) jump(sub(target));
          break;
        }
        case 'Background': {
          trace.hops.push({ kind: 'prompt', sounds: sub(p.args).split('&') });
          const entry = press.shift();
          silentPrompt = !entry;
          if (entry) {
            // Background's shortcut: a one-key extension that nothing longer could match is taken at once.
            const here = dialplan.get(ctx);
            if (here?.exts.some((e) => e.name === entry[0]) && !matchMore(here, entry[0]!)) {
              exten = entry[0]!;
              prio = 1;
            } else keys(entry);
          }
          break;
        }
        case 'WaitExten': {
          const entry = silentPrompt ? '' : press.shift();
          silentPrompt = false;
          if (entry) {
            keys(entry);
            break;
          }
          if (ext.priorities.some((x) => x.n === prio)) break;
          if (!dialplan.get(ctx)?.exts.some((e) => e.name === 't')) throw new Hangup('timeout and no t');
          exten = 't';
          prio = 1;
          break;
        }
        case 'Playback':
          trace.hops.push({ kind: 'play', sound: sub(p.args) });
          break;
        case 'Dial': {
          const [targets, seconds] = sub(p.args).split(',');
          trace.hops.push({ kind: 'ring', numbers: targets!.split('&').map((t) => t.replace(/^PJSIP\//, '')), seconds: Number(seconds) });
          vars.set('DIALSTATUS', 'NOANSWER');
          break;
        }
        case 'Queue': {
          const a = sub(p.args).split(',');
          const members = queues.get(a[0]!);
          if (!members) throw new Error(`Queue(${a[0]}): no such queue in queues.conf`);
          trace.hops.push({ kind: 'queue', queue: a[0]!.replace(/^srw-/, ''), members, maxWaitSeconds: Number(a[4]) });
          vars.set('QUEUESTATUS', 'TIMEOUT');
          break;
        }
        case 'VoiceMail': {
          const [box, opts] = sub(p.args).split(',');
          trace.hops.push({ kind: 'voicemail', box: box!.replace(/@.*$/, ''), greeting: opts?.includes('b') ? 'busy' : 'unavailable' });
          break;
        }
        case 'Hangup': {
          const cause = sub(p.args);
          trace.hops.push(cause ? { kind: 'hangup', cause: Number(cause) } : { kind: 'hangup' });
          throw new Hangup('Hangup()');
        }
        default:
          throw new Error(`the interpreter does not know ${p.app}()`);
      }
    } catch (e) {
      if (e instanceof Hangup) {
        trace.end = e.message;
        return trace;
      }
      throw e;
    }
  }
  trace.end = 'too many steps';
  return trace;
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + 1)];
}

/** pbx_checkcondition: empty is false, a number is its value, other text is true. */
function truthy(s: string): boolean {
  const t = s.trim();
  if (t === '') return false;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) !== 0 : true;
}

type Env = { vars: Map<string, string>; epoch: number; db: Record<string, string>; dialplan: Map<string, Context> };

/** ${…} and $[…], innermost first, as pbx_substitute_variables does. */
export function substitute(s: string, env: Env): string {
  let out = '';
  for (let i = 0; i < s.length; ) {
    if (s[i] === '$' && (s[i + 1] === '{' || s[i + 1] === '[')) {
      const open = s[i + 1]!;
      const close = open === '{' ? '}' : ']';
      let depth = 1;
      let j = i + 2;
      for (; j < s.length && depth > 0; j++) {
        if (s[j] === open) depth++;
        else if (s[j] === close) depth--;
      }
      const inner = substitute(s.slice(i + 2, j - 1), env);
      out += open === '{' ? lookup(inner, env) : evaluate(inner);
      i = j;
    } else out += s[i++];
  }
  return out;
}

function lookup(expr: string, env: Env): string {
  const fn = /^([A-Z_]+)\((.*)\)$/.exec(expr);
  if (fn) {
    const args = fn[2]!;
    switch (fn[1]) {
      case 'IF': {
        const [cond, branches = ''] = splitOnce(args, '?');
        const [yes = '', no = ''] = splitOnce(branches, ':');
        return truthy(cond) ? yes : no;
      }
      case 'STRFTIME': {
        const [epoch, zone, format] = args.split(',');
        const t = DateTime.fromSeconds(Number(epoch || env.epoch), { zone: zone || 'UTC' });
        return format!.replace(/%([YmdHM])/g, (_m, c: string) => t.toFormat({ Y: 'yyyy', m: 'LL', d: 'dd', H: 'HH', M: 'mm' }[c]!));
      }
      case 'DB':
        return env.db[args] ?? '';
      case 'DIALPLAN_EXISTS': {
        const [c, e, p] = args.split(',');
        const ext = findExten(env.dialplan.get(c!), e!);
        return ext && ext.priorities.some((x) => x.n === Number(p ?? 1)) ? '1' : '0';
      }
      default:
        throw new Error(`the interpreter does not know ${fn[1]}()`);
    }
  }
  const [name, offset, length] = expr.split(':');
  const value = name === 'EPOCH' ? String(env.epoch) : (env.vars.get(name!) ?? '');
  if (offset === undefined) return value;
  const from = Number(offset);
  return length === undefined ? value.slice(from) : value.slice(from, from + Number(length));
}

// --- $[…] expressions --------------------------------------------------------------------------

function evaluate(text: string): string {
  const tokens = text.match(/"[^"]*"|>=|<=|!=|[()=<>&|+-]|[^\s()=<>&|+!"-]+/g) ?? [];
  let pos = 0;
  const peek = () => tokens[pos];
  const unquote = (t: string) => (t.startsWith('"') ? t.slice(1, -1) : t);
  const num = (v: string) => (/^-?\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);
  const primary = (): string => {
    const t = tokens[pos++];
    if (t === '(') {
      const v = or();
      pos++; // )
      return v;
    }
    return t === undefined ? '' : unquote(t);
  };
  const additive = (): string => {
    let v = primary();
    while (peek() === '+' || peek() === '-') {
      const op = tokens[pos++];
      const r = primary();
      v = String(op === '+' ? Number(v) + Number(r) : Number(v) - Number(r));
    }
    return v;
  };
  const compare = (): string => {
    let v = additive();
    while (['=', '!=', '<', '>', '<=', '>='].includes(peek() ?? '')) {
      const op = tokens[pos++]!;
      const r = additive();
      const [a, b] = [num(v), num(r)];
      const c = a !== undefined && b !== undefined ? a - b : v < r ? -1 : v > r ? 1 : 0;
      v = ({ '=': c === 0, '!=': c !== 0, '<': c < 0, '>': c > 0, '<=': c <= 0, '>=': c >= 0 } as Record<string, boolean>)[op] ? '1' : '0';
    }
    return v;
  };
  const and = (): string => {
    let v = compare();
    while (peek() === '&') {
      pos++;
      const r = compare();
      v = truthy(v) && truthy(r) ? v : '0';
    }
    return v;
  };
  const or = (): string => {
    let v = and();
    while (peek() === '|') {
      pos++;
      const r = and();
      v = truthy(v) ? v : r;
    }
    return v;
  };
  return or();
}

// --- GotoIfTime ----------------------------------------------------------------------------------

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function rangeMask(src: string, max: number, names?: string[]): Set<number> {
  const all = new Set(Array.from({ length: max }, (_, i) => i));
  if (src === '' || src === '*') return all;
  const out = new Set<number>();
  const look = (s: string) => (names && s > '9' ? names.indexOf(s.toLowerCase()) : Number(s) - 1);
  for (const part of src.split('&')) {
    const [a, b] = part.split('-');
    let start = look(a!);
    const end = b === undefined ? start : look(b);
    out.add(end);
    while (start !== end) {
      out.add(start);
      start = (start + 1) % max;
    }
  }
  return out;
}

function checkTiming(spec: string, epoch: number): boolean {
  const fields = spec.split(',');
  const [times = '*', days = '*', mdays = '*', months = '*', zone] = fields;
  const t = DateTime.fromSeconds(epoch, { zone: fields.length === 5 ? zone! : 'UTC' });
  if (!rangeMask(months, 12, MONTHS).has(t.month - 1)) return false;
  if (!rangeMask(mdays, 31).has(t.day - 1)) return false;
  if (!rangeMask(days, 7, DAYS).has(t.weekday % 7)) return false;
  if (times === '*' || times === '') return true;
  const minute = t.hour * 60 + t.minute;
  return times.split('&').some((r) => {
    const [a, b] = r.split('-');
    const m = (x: string) => Number(x.split(':')[0]) * 60 + Number(x.split(':')[1]);
    const from = m(a!);
    if (b === undefined) return minute === from;
    const to = m(b);
    // The end minute is included; a range may wrap past midnight.
    return from <= to ? minute >= from && minute <= to : minute >= from || minute <= to;
  });
}
