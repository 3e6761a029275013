// Test helper: parses the Prometheus text exposition format into comparable samples.

export type ParsedSample = { name: string; labels: Record<string, string>; value: number };

function unescape(s: string): string {
  return s.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

export function parseExposition(text: string): { samples: ParsedSample[]; types: Map<string, string>; helps: Map<string, string> } {
  const samples: ParsedSample[] = [];
  const types = new Map<string, string>();
  const helps = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('# HELP ')) {
      const rest = line.slice('# HELP '.length);
      const sp = rest.indexOf(' ');
      helps.set(rest.slice(0, sp), unescape(rest.slice(sp + 1)));
      continue;
    }
    if (line.startsWith('# TYPE ')) {
      const [, , name, type] = line.split(' ');
      types.set(name!, type!);
      continue;
    }
    if (line === '' || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) throw new Error(`unparsable exposition line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[3] ?? '';
    for (const l of body.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = unescape(l[2]!);
    samples.push({ name: m[1]!, labels, value: Number(m[4]) });
  }
  return { samples, types, helps };
}

/** `name{a="1",b="2"}` with labels sorted: a stable key for set comparisons. */
export function sampleKey(s: ParsedSample): string {
  const l = Object.keys(s.labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(s.labels[k])}`)
    .join(',');
  return `${s.name}{${l}}`;
}
