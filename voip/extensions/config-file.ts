// Asterisk's .conf files as plain data: an ordered list of [categories], each an ordered list of
// `key=value` lines. pjsip.conf reuses one name for several objects (endpoint [201] and aor
// [201]), so a category is identified by name AND its `type=` line, never by name alone.

export type ConfigLine = readonly [key: string, value: string];

export type ConfigCategory = {
  name: string;
  lines: ConfigLine[];
  /** A comment printed above the category (render only; AMI GetConfig does not return comments). */
  comment?: string;
};

/** Thrown for a value that would break the file or the AMI message carrying it. */
export class ConfigValueError extends Error {
  constructor(
    readonly where: string,
    message: string,
  ) {
    super(`${where}: ${message}`);
    this.name = 'ConfigValueError';
  }
}

/**
 * Refuses what would let a value escape its line: CR/LF/control characters (a new line in
 * pjsip.conf, or a new header in the AMI UpdateConfig that carries it — header injection), and
 * `;`, which starts a comment in Asterisk config files and would silently cut the value.
 */
export function checkValue(where: string, value: string): string {
  if (/[\x00-\x1f\x7f]/.test(value)) throw new ConfigValueError(where, 'contains a line break or another control character');
  if (value.includes(';')) throw new ConfigValueError(where, 'contains ";", which starts a comment in Asterisk config files');
  if (value !== value.trim()) throw new ConfigValueError(where, 'has leading or trailing spaces, which Asterisk drops');
  return value;
}

/** The `type=` line of a category ('' when it has none, e.g. [general] in manager.conf). */
export function typeOf(cat: Pick<ConfigCategory, 'lines'>): string {
  return cat.lines.find(([k]) => k === 'type')?.[1] ?? '';
}

/** `201/endpoint`: the identity apply and diff use. */
export function categoryKey(cat: Pick<ConfigCategory, 'name' | 'lines'>): string {
  return `${cat.name}/${typeOf(cat)}`;
}

/** Prints categories the way a person would write them (`key = value`, a blank line between). */
export function formatConfig(header: string, categories: readonly ConfigCategory[]): string {
  const parts = [header.trimEnd() + '\n'];
  for (const cat of categories) {
    let block = '';
    if (cat.comment) block += cat.comment.split('\n').map((l) => `; ${l}`.trimEnd()).join('\n') + '\n';
    block += `[${cat.name}]\n`;
    for (const [k, v] of cat.lines) block += `${k} = ${v}\n`;
    parts.push(block);
  }
  return parts.join('\n');
}

/**
 * Rendered text → categories, as Asterisk's config engine stores them and GetConfig returns them
 * (`Line-…: exten=201,hint,PJSIP/201`): comments dropped, `name => value` and `name = value`
 * both become [name, value] (the `>` only marks the variable as an "object", which GetConfig
 * does not show), name and value trimmed, line order kept (`same => n,…` depends on it).
 * Only for srw's own rendered files: no `#include`, templates or `\;` escapes.
 */
export function parseConfText(text: string): ConfigCategory[] {
  const cats: ConfigCategory[] = [];
  let cur: ConfigCategory | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/;.*$/, '').trim();
    if (!line) continue;
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) {
      cur = { name: head[1]!, lines: [] };
      cats.push(cur);
      continue;
    }
    const eq = line.indexOf('=');
    if (!cur || eq <= 0) throw new ConfigValueError('rendered config', `cannot read the line "${line.slice(0, 40)}"`);
    const value = line.slice(eq + 1);
    cur.lines.push([line.slice(0, eq).trim(), (value.startsWith('>') ? value.slice(1) : value).trim()]);
  }
  return cats;
}
