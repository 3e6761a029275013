// An Asterisk config file held in memory, with GetConfig/UpdateConfig semantics as recorded in
// ../shared/ami-transcripts (getconfig-pjsip*.txt, updateconfig-*.txt):
// - categories may share a name ([201] endpoint and [201] aor), GetConfig lists both;
// - NewCat on an existing name fails unless `allowdups`;
// - Append/Update/Delete/DelCat act on EVERY category of that name unless `catfilter=` narrows;
// - a failing UpdateConfig leaves the file untouched (Asterisk saves only when all steps pass).

export type Category = { name: string; lines: Array<[key: string, value: string]> };
export type ConfigFile = { categories: Category[] };

export type UpdateResult = { ok: true; file: ConfigFile } | { ok: false; message: string };

export function parseConf(text: string): ConfigFile {
  const categories: Category[] = [];
  let cur: Category | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/;.*$/, '').trim();
    if (!line) continue;
    const head = /^\[([^\]]+)\]/.exec(line);
    if (head?.[1]) {
      cur = { name: head[1], lines: [] };
      categories.push(cur);
      continue;
    }
    const eq = line.indexOf('=');
    if (cur && eq > 0) cur.lines.push([line.slice(0, eq).replace(/>$/, '').trim(), line.slice(eq + 1).trim()]);
  }
  return { categories };
}

/** Asterisk's own rewrite format (updateconfig-add-204-and-reload.txt): `key = value`. */
export function renderConf(file: ConfigFile): string {
  return file.categories.map((c) => `[${c.name}]\n${c.lines.map(([k, v]) => `${k} = ${v}\n`).join('')}`).join('\n');
}

/** GetConfig answer headers (Category-NNNNNN / Line-NNNNNN-NNNNNN), optionally one category name. */
export function getConfigHeaders(file: ConfigFile, category?: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let n = 0;
  for (const c of file.categories) {
    if (category && c.name !== category) continue;
    const cn = String(n).padStart(6, '0');
    out.push([`Category-${cn}`, c.name]);
    c.lines.forEach(([k, v], i) => out.push([`Line-${cn}-${String(i).padStart(6, '0')}`, `${k}=${v}`]));
    n++;
  }
  return out;
}

const clone = (f: ConfigFile): ConfigFile => ({ categories: f.categories.map((c) => ({ name: c.name, lines: c.lines.map(([k, v]) => [k, v]) })) });

type Step = { action: string; cat?: string; var?: string; value?: string; match?: string; options: string };

/** Reads Action-NNNNNN / Cat- / Var- / Value- / Match- / Options- headers in index order. */
export function updateSteps(get: (name: string) => string | undefined): Step[] {
  const steps: Step[] = [];
  for (let i = 0; i < 100000; i++) {
    const n = String(i).padStart(6, '0');
    const action = get(`Action-${n}`);
    if (action === undefined) break;
    steps.push({ action, cat: get(`Cat-${n}`), var: get(`Var-${n}`), value: get(`Value-${n}`), match: get(`Match-${n}`), options: get(`Options-${n}`) ?? '' });
  }
  return steps;
}

function filterOf(options: string): { allowdups: boolean; catfilter?: [string, string] } {
  let allowdups = false;
  let catfilter: [string, string] | undefined;
  for (const tok of options.split(',').map((t) => t.trim())) {
    if (tok.toLowerCase() === 'allowdups') allowdups = true;
    const m = /^catfilter\s*=\s*"?([^=]+)=([^"]*)"?$/i.exec(tok);
    if (m?.[1] && m[2] !== undefined) catfilter = [m[1].trim(), m[2].trim()];
  }
  return catfilter ? { allowdups, catfilter } : { allowdups };
}

export function applyUpdate(file: ConfigFile, steps: Step[]): UpdateResult {
  const f = clone(file);
  for (const s of steps) {
    if (!s.cat) return { ok: false, message: 'Category not specified' };
    const { allowdups, catfilter } = filterOf(s.options);
    const cats = f.categories.filter((c) => c.name === s.cat && (!catfilter || c.lines.some(([k, v]) => k === catfilter[0] && v === catfilter[1])));
    switch (s.action.toLowerCase()) {
      case 'newcat':
        if (!allowdups && f.categories.some((c) => c.name === s.cat)) return { ok: false, message: 'Create category did not complete successfully' };
        f.categories.push({ name: s.cat, lines: [] });
        break;
      case 'delcat':
        if (!cats.length) return { ok: false, message: 'Delete category did not complete successfully' };
        f.categories = f.categories.filter((c) => !cats.includes(c));
        break;
      case 'emptycat':
        if (!cats.length) return { ok: false, message: 'Given category does not exist' };
        for (const c of cats) c.lines = [];
        break;
      case 'append':
        if (!s.var) return { ok: false, message: 'Problem with category, value, or line (if required)' };
        if (!cats.length) return { ok: false, message: 'Given category does not exist' };
        for (const c of cats) c.lines.push([s.var, s.value ?? '']);
        break;
      case 'update': {
        if (!s.var) return { ok: false, message: 'Problem with category, value, or line (if required)' };
        if (!cats.length) return { ok: false, message: 'Given category does not exist' };
        let hit = false;
        for (const c of cats) for (const l of c.lines) if (l[0] === s.var && (s.match === undefined || l[1] === s.match)) ((l[1] = s.value ?? ''), (hit = true));
        if (!hit) return { ok: false, message: 'Update did not complete successfully' };
        break;
      }
      case 'delete': {
        if (!s.var) return { ok: false, message: 'Problem with category, value, or line (if required)' };
        if (!cats.length) return { ok: false, message: 'Given category does not exist' };
        let hit = false;
        for (const c of cats) {
          const before = c.lines.length;
          c.lines = c.lines.filter(([k, v]) => !(k === s.var && (s.match === undefined || v === s.match)));
          hit ||= c.lines.length !== before;
        }
        if (!hit) return { ok: false, message: 'Delete did not complete successfully' };
        break;
      }
      default:
        return { ok: false, message: 'Unknown action command' };
    }
  }
  return { ok: true, file: f };
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
