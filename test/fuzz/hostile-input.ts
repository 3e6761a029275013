// Generators of hostile input for the parser fuzz suite: text a careless or malicious author (or
// a CSV exported from somewhere) can put in front of srw's parsers.
import fc from 'fast-check';

/** YAML that parsers get wrong or that turns into unexpected data. */
export const yamlTrap = fc.constantFrom(
  '__proto__', 'constructor', 'prototype', '{ __proto__: { polluted: yes } }', '{ constructor: { prototype: { polluted: yes } } }',
  '&a x', '*a', '*undefined_anchor', '<<: *a', '<<: { polluted: yes }', '? [a, b] : c', '? { x: 1 } : y',
  '!!binary AAAA', '!!js/function "function(){}"', '!!set { a, b }', '!!omap [ a: 1 ]', '!!python/object:os.system x', '!custom x', '!<tag:yaml.org,2002:str> x',
  '.inf', '-.inf', '.nan', '0x7fffffffffffffff', '1e309', '-0', '0o17', '1_000', '9'.repeat(400), '12:30:00', '2001-12-14t21:59:43.10-05:00',
  '~', 'null', 'Null', 'y', 'no', 'on', 'off', '[]', '{}', '[', ']', '{', '}', "'", '"', '|', '>-', '- ', ': ', '? ', '#', '%YAML 1.1', '%TAG ! tag:x,1:', '---', '...',
  '"\\u0000\\u001b[2J\\u009b"', '"\\x00"', '"\\U0001F600"', 'a\u2028b', '\uFEFF', '\u202Eevil', '\t', '\r', '\r\n', '\u0085',
  '${file("/etc/shadow")}', '%{ for x in y }', '${TfToken[TOKEN.1]}', '@@srwvar:secret_ami_monitor@@',
  "x: &a [*a]", '[*a, *a, *a, *a]',
);

/** Arbitrary text, from printable to any code unit (lone surrogates included). */
export const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001b', '\r', '\n', '\t', '\u0085', '\u009b', '\u2028', '\uFEFF', '\uD800', '"', "'", ':', '-', '#', '&', '*', '!', '|', '>', '[', ']', '{', '}', ',', '?', '%', '@', '`', ' '), maxLength: 30 }),
);

export type TextEdit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace-value'; line: number; text: string }
  | { kind: 'duplicate-line'; line: number }
  | { kind: 'swap-lines'; a: number; b: number }
  | { kind: 'indent'; line: number; by: number };

export const textEdit: fc.Arbitrary<TextEdit> = fc.oneof(
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(yamlTrap, anyText) }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 60 }) }),
  fc.record({ kind: fc.constant('replace-value' as const), line: fc.nat(), text: fc.oneof(yamlTrap, anyText) }),
  fc.record({ kind: fc.constant('duplicate-line' as const), line: fc.nat() }),
  fc.record({ kind: fc.constant('swap-lines' as const), a: fc.nat(), b: fc.nat() }),
  fc.record({ kind: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -4, max: 4 }) }),
);

/** Applies edits to a text; positions are taken modulo its length so every edit lands somewhere. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let t = text;
  for (const e of edits) {
    const lines = t.split('\n');
    const li = (n: number) => n % Math.max(1, lines.length);
    switch (e.kind) {
      case 'insert': {
        const at = e.at % (t.length + 1);
        t = t.slice(0, at) + e.text + t.slice(at);
        break;
      }
      case 'delete': {
        const at = e.at % (t.length + 1);
        t = t.slice(0, at) + t.slice(at + e.length);
        break;
      }
      case 'replace-value': {
        const i = li(e.line);
        const colon = lines[i]!.indexOf(': ');
        lines[i] = colon >= 0 ? `${lines[i]!.slice(0, colon + 2)}${e.text}` : `${lines[i]}${e.text}`;
        t = lines.join('\n');
        break;
      }
      case 'duplicate-line': {
        const i = li(e.line);
        lines.splice(i, 0, lines[i]!);
        t = lines.join('\n');
        break;
      }
      case 'swap-lines': {
        const [a, b] = [li(e.a), li(e.b)];
        [lines[a], lines[b]] = [lines[b]!, lines[a]!];
        t = lines.join('\n');
        break;
      }
      case 'indent': {
        const i = li(e.line);
        lines[i] = e.by >= 0 ? ' '.repeat(e.by) + lines[i] : lines[i]!.replace(new RegExp(`^ {0,${-e.by}}`), '');
        t = lines.join('\n');
        break;
      }
    }
  }
  return t;
}

/** Values to put anywhere in an inventory's data: any JSON, with hostile keys and strings. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.dictionary(fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'name', 'number', 'vlan'), anyText), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  yamlTrap,
  anyText,
);

/** Nested anchors and aliases: from harmless reuse to an "alias bomb". */
export const aliasNest = fc.record({ depth: fc.integer({ min: 1, max: 6 }), fanout: fc.integer({ min: 1, max: 12 }) }).map(({ depth, fanout }) => {
  const lines = [`x0: &a0 [${Array.from({ length: fanout }, () => 'lol').join(', ')}]`];
  for (let d = 1; d <= depth; d++) lines.push(`x${d}: &a${d} [${Array.from({ length: fanout }, () => `*a${d - 1}`).join(', ')}]`);
  return `${lines.join('\n')}\n`;
});

/** Snapshot of what prototype pollution would change. */
export function prototypeState(): string {
  const probe = {} as Record<string, unknown>;
  return JSON.stringify([Object.getOwnPropertyNames(Object.prototype).sort(), Object.getOwnPropertyNames(Array.prototype).sort(), probe.polluted, ([] as unknown as Record<string, unknown>).polluted]);
}
