// Reads a GetConfig answer into categories. GetConfig keeps every category, also two with the
// same name (endpoint [201] and aor [201]); GetConfigJSON does not — its object keys collide
// and JSON.parse keeps the last (../shared/ami-transcripts/getconfigjson-pjsip.txt vs
// getconfig-pjsip.txt), so apply never uses it.
import type { ConfigCategory } from './config-file.js';

type Header = readonly [name: string, value: string];

/** `Category-000002: 201`, `Line-000002-000004: auth=auth201` → categories in file order. */
export function parseGetConfig(headers: readonly Header[]): ConfigCategory[] {
  const byIndex = new Map<string, ConfigCategory>();
  const order: ConfigCategory[] = [];
  for (const [name, value] of headers) {
    const cat = /^Category-(\d+)$/i.exec(name);
    if (cat) {
      const c: ConfigCategory = { name: value, lines: [] };
      byIndex.set(cat[1]!, c);
      order.push(c);
      continue;
    }
    const line = /^Line-(\d+)-(\d+)$/i.exec(name);
    if (line) {
      const c = byIndex.get(line[1]!);
      if (!c) continue;
      const eq = value.indexOf('=');
      // Asterisk prints `name=value` with both already trimmed by its own parser.
      c.lines.push(eq < 0 ? [value, ''] : [value.slice(0, eq), value.slice(eq + 1)]);
    }
  }
  return order;
}
