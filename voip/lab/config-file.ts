// An Asterisk config file held in memory for the simulator: its categories (what GetConfig and
// UpdateConfig see, through voip/extensions/update-config.ts: the same engine `srw voip apply`
// checks its plans with) and, where the recordings pin it, its text on disk:
// - a zero-action UpdateConfig copies the source's text with a fresh 6-line `;!` header naming
//   the destination (updateconfig-copy-after-createconfig.txt, updateconfig-copy-recopy.txt: an
//   old header is replaced, never stacked);
// - a copy with actions rewrites the text; the simulator writes it as `key = value` categories,
//   which is close to but not byte for byte what Asterisk writes (comments, blank lines);
// - CreateConfig makes an empty file, mode 0644 (the simulator records the mode).
import { applyUpdate as engineUpdate, type EngineCategory, type RawStep, readSteps } from '../extensions/update-config.js';

/** `templates`: the templates a category inherits from, as GetConfig names them (`Templates-NNNNNN`). */
export type Category = EngineCategory & { templates?: string[] };
export type ConfigFile = {
  categories: Category[];
  /** The file's bytes on disk when known; undefined: never written, text not modelled. */
  text?: string;
  /** Octal mode, as the recordings show it (pjsip.conf 0600, CreateConfig 0644). */
  mode?: number;
  /** How many times Asterisk wrote the file (tests prove a file was never touched). */
  writes?: number;
  /** Asterisk cannot write it (chattr +i, a read-only mount, another owner): updateconfig-save-failed.txt. */
  unwritable?: boolean;
};

export type UpdateResult = { ok: true; file: ConfigFile } | { ok: false; message: string };

/**
 * Text → categories as Asterisk's config engine holds them for GetConfig
 * (updateconfig-copy-include-templates.txt): a template `[phone-tpl](!)` is not a category of its
 * own (GetConfig never lists it), and `[201](phone-tpl)` starts with the template's lines, then
 * its own (a repeated name such as `allow` appears twice). Only the forms that recording shows are
 * read — `(!)` and one template name — anything else in the parentheses is refused, so a test
 * cannot make the simulator answer what no Asterisk was seen to answer.
 */
export function parseConf(text: string): ConfigFile {
  const categories: Category[] = [];
  const templates = new Map<string, Category>();
  let cur: Category | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/;.*$/, '').trim();
    if (!line) continue;
    const head = /^\[([^\]]+)\](?:\(([^)]*)\))?$/.exec(line) ?? /^\[([^\]]+)\]/.exec(line);
    if (head?.[1]) {
      const opts = head[2];
      cur = { name: head[1], lines: [] };
      if (opts === '!') templates.set(cur.name, cur);
      else if (opts !== undefined) {
        const tpl = templates.get(opts);
        if (!/^[A-Za-z0-9_-]+$/.test(opts) || !tpl) throw new Error(`simulator: [${cur.name}](${opts}): only (!) and one earlier template are modelled`);
        cur.templates = [opts];
        cur.lines.push(...tpl.lines.map(([k, v]): [string, string] => [k, v]));
        categories.push(cur);
      } else categories.push(cur);
      continue;
    }
    const eq = line.indexOf('=');
    if (cur && eq > 0) {
      const value = line.slice(eq + 1);
      cur.lines.push([line.slice(0, eq).trim(), (value.startsWith('>') ? value.slice(1) : value).trim()]);
    }
  }
  return { categories, text };
}

/** Asterisk's own rewrite format (updateconfig-add-204-and-reload.txt): `key = value`. */
export function renderConf(file: Pick<ConfigFile, 'categories'>): string {
  return file.categories.map((c) => `[${c.name}]\n${c.lines.map(([k, v]) => `${k} = ${v}\n`).join('')}`).join('\n');
}

/** The header Asterisk writes at the top of every file it saves (main/config.c gen_header). */
export function generatedHeader(name: string, configDir: string, now: Date): string {
  const date = now.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, (_m, wd: string, d: string, mon: string, y: string, t: string) => `${wd} ${mon} ${d.replace(/^0/, ' ')} ${t} ${y}`);
  return `;!\n;! Automatically generated configuration file\n;! Filename: ${name} (${configDir}/${name})\n;! Generator: Manager\n;! Creation Date: ${date}\n;!\n`;
}

/** The text below an Asterisk-written header (a header is replaced on save, not kept). */
export function bodyOf(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length - 1 && lines[i]!.startsWith(';!')) i++;
  return lines.slice(i).join('\n');
}

/** GetConfig answer headers (Category-NNNNNN / Line-NNNNNN-NNNNNN), optionally one category name. */
export function getConfigHeaders(file: Pick<ConfigFile, 'categories'>, category?: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let n = 0;
  for (const c of file.categories) {
    if (category && c.name !== category) continue;
    const cn = String(n).padStart(6, '0');
    out.push([`Category-${cn}`, c.name]);
    if (c.templates?.length) out.push([`Templates-${cn}`, c.templates.join(',')]);
    c.lines.forEach(([k, v], i) => out.push([`Line-${cn}-${String(i).padStart(6, '0')}`, `${k}=${v}`]));
    n++;
  }
  return out;
}

/** Reads Action-NNNNNN / Cat- / Var- / Value- / Match- / Options- headers in index order. */
export function updateSteps(get: (name: string) => string | undefined): RawStep[] {
  return readSteps(get);
}

/** One UpdateConfig's steps on a copy of the file's categories (all or nothing). */
export function applyUpdate(file: Pick<ConfigFile, 'categories'>, steps: readonly RawStep[]): UpdateResult {
  const r = engineUpdate(file.categories, steps);
  return r.ok ? { ok: true, file: { categories: r.categories } } : r;
}

/**
 * What UpdateConfig writes to `dst`: the source's categories after the steps; with no step the
 * source's text (below its header) under a new header, else the categories rendered.
 */
export function savedCopy(src: ConfigFile, steps: readonly RawStep[], dst: { name: string; existing?: ConfigFile; configDir: string; now: Date }): UpdateResult {
  const r = applyUpdate(src, steps);
  if (!r.ok) return r;
  const header = generatedHeader(dst.name, dst.configDir, dst.now);
  const file: ConfigFile = { categories: r.file.categories, mode: dst.existing?.mode ?? 0o644, writes: (dst.existing?.writes ?? 0) + 1 };
  if (steps.length === 0 && src.text !== undefined) file.text = header + bodyOf(src.text);
  else {
    // Rendered when someone reads it: a staged 500-extension file is written 300 times by apply.
    let text: string | undefined;
    Object.defineProperty(file, 'text', { enumerable: true, get: () => (text ??= header + renderConf(file)) });
  }
  return { ok: true, file };
}

/** The pjsip.conf of the recording lab (README "Lab configuration") for a set of extensions. */
export function labPjsipConf(exts: string[], context = 'lab'): ConfigFile {
  const categories: Category[] = [
    { name: 'global', lines: [['type', 'global'], ['user_agent', 'Asterisk-Lab']] },
    { name: 'transport-udp', lines: [['type', 'transport'], ['protocol', 'udp'], ['bind', '127.0.0.1:5060']] },
  ];
  for (const e of exts) {
    categories.push(
      { name: e, lines: [['type', 'endpoint'], ['context', context], ['disallow', 'all'], ['allow', 'ulaw,alaw'], ['auth', `auth${e}`], ['aors', e], ['callerid', `"Lab ${e}" <${e}>`], ['direct_media', 'no'], ['media_address', '127.0.0.1'], ['bind_rtp_to_media_address', 'yes']] },
      { name: `auth${e}`, lines: [['type', 'auth'], ['auth_type', 'userpass'], ['username', e], ['password', `pass${e}`]] },
      { name: e, lines: [['type', 'aor'], ['max_contacts', '1'], ['remove_existing', 'yes'], ['qualify_frequency', '10']] },
    );
  }
  return { categories };
}

/**
 * The recording lab's extensions.conf (README "Lab configuration"): context [lab] with a hint per
 * phone, `_2XX` dialling, 600 Echo, 601 Milliwatt, 602 Wait. GetConfig shows `exten => …` as
 * `exten=…`, which is how it is stored here.
 */
export function labDialplanConf(exts: string[], context = 'lab'): ConfigFile {
  const lines: Array<[string, string]> = exts.map((e) => ['exten', `${e},hint,PJSIP/${e}`]);
  lines.push(
    ['exten', '_2XX,1,Dial(PJSIP/${EXTEN},30)'],
    ['exten', '600,1,Answer()'],
    ['same', 'n,Echo()'],
    ['exten', '601,1,Answer()'],
    ['same', 'n,Milliwatt()'],
    ['exten', '602,1,Answer()'],
    ['same', 'n,Wait(3600)'],
  );
  return { categories: [{ name: 'general', lines: [['static', 'yes'], ['writeprotect', 'no']] }, { name: context, lines }] };
}
