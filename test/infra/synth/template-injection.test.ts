// Terraform evaluates "${…}" and "%{…}" in every string of cdk.tf.json. Every free-text field of
// the inventory that validates with such a payload in it is given one, the whole inventory is
// synthesized, and every string of every stack is walked: the payloads add no live interpolation
// (the same ones as for the plain example remain), and the guest still gets the text byte for
// byte (issue 12, item 4).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { formatProblem, parseInventory, type Inventory } from '../../../infra/inventory/index.js';
import { synthInventory } from '../../../infra/synth/synth.js';
import { example, exampleDoc } from '../inventories.js';

const WITH_QUOTES = '${file("/etc/shadow")}%{ if true }x%{ endif }${var.secret_ami_monitor}';
// Extension names may not hold quotes and have 64 characters at most: the same attack, shorter.
const WITHOUT_QUOTES = '${var.secret_ami_monitor}%{if 1}';

const work = mkdtempSync(join(tmpdir(), 'srw-inject-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Path = (string | number)[];

function stringLeaves(v: unknown, path: Path = []): Path[] {
  if (typeof v === 'string') return [path];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringLeaves(x, [...path, i]));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => stringLeaves(x, [...path, k]));
  return [];
}

function setIn(doc: any, path: Path, value: string): void {
  let o = doc;
  for (const p of path.slice(0, -1)) o = o[p];
  o[path[path.length - 1]!] = value;
}

function getIn(doc: any, path: Path): string {
  return path.reduce((o, p) => o[p], doc) as string;
}

const load = (doc: unknown): ReturnType<typeof parseInventory> => parseInventory(stringify(doc, { lineWidth: 0 }), 'inventory.yaml');

/** Fields a construct refuses such text in (ConstructPropsError, nothing synthesized). */
const REFUSED_BY_CONSTRUCTS = new Set(['proxmox.defaults.bridge']);

/** The example with a payload appended to every string field that still validates with it. */
function hostileInventory(): { inventory: Inventory; fields: string[] } {
  const base = exampleDoc();
  const fields: string[] = [];
  const doc = exampleDoc();
  for (const path of stringLeaves(base)) {
    if (REFUSED_BY_CONSTRUCTS.has(path.join('.'))) continue;
    for (const payload of [WITH_QUOTES, WITHOUT_QUOTES]) {
      const one = exampleDoc();
      setIn(one, path, getIn(base, path) + payload);
      if (!load(one).ok) continue;
      setIn(doc, path, getIn(base, path) + payload);
      fields.push(path.join('.'));
      break;
    }
  }
  const r = load(doc);
  if (!r.ok) throw new Error(r.problems.map(formatProblem).join('\n'));
  return { inventory: r.value, fields };
}

/** Every string of a stack's JSON (keys too), with where it is. */
function strings(v: unknown, at = ''): { at: string; s: string }[] {
  if (typeof v === 'string') return [{ at, s: v }];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${at}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => [{ at: `${at}.${k} (key)`, s: k }, ...strings(x, `${at}.${k}`)]);
  return [];
}

/** The "${…}" and "%{…}" sequences Terraform would evaluate in `s` ($${ and %%{ are escapes). */
function liveSequences(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if ((s[i] === '$' || s[i] === '%') && s[i + 1] === s[i] && s[i + 2] === '{') {
      i += 2;
      continue;
    }
    if ((s[i] === '$' || s[i] === '%') && s[i + 1] === '{') {
      let depth = 0;
      let j = i + 1;
      for (; j < s.length; j++) {
        if (s[j] === '{') depth++;
        else if (s[j] === '}' && --depth === 0) break;
      }
      out.push(s.slice(i, j + 1));
      i = j;
    }
  }
  return out;
}

function synthStrings(inv: Inventory, name: string): Map<string, { at: string; s: string }[]> {
  const byStack = new Map<string, { at: string; s: string }[]>();
  synthInventory(inv, {
    outDir: join(work, name),
    dryRun: true,
    inspect: (dir) => {
      for (const stack of readdirSync(join(dir, 'stacks'))) {
        // Variable blocks are not templates (descriptions are literal): skip them.
        const { variable: _v, ...json } = JSON.parse(readFileSync(join(dir, 'stacks', stack, 'cdk.tf.json'), 'utf8')) as Record<string, unknown>;
        byStack.set(stack, strings(json));
      }
    },
  });
  return byStack;
}

const liveOf = (all: { s: string }[]) => all.flatMap((x) => liveSequences(x.s)).sort();

describe('no inventory text is evaluated by Terraform', () => {
  const hostile = hostileInventory();

  it('the payload went into every free-text field the schema lets it into', () => {
    // A sample of what the payload reached; the full list is whatever validates.
    expect(hostile.fields).toEqual(
      expect.arrayContaining([
        'site.name',
        'proxmox.sshUser',
        'networks.0.description',
        'roles.0.description',
        'roles.0.services.0.comment',
        'hosts.0.cloudInit.user',
        'hosts.0.cloudInit.sshKeys.0',
        'switches.0.model',
        'switches.0.snmp.authKey.file',
        'pbx.extensions.0.name',
        'pbx.extensions.0.department',
      ]),
    );
    expect(hostile.fields.length).toBeGreaterThan(100);
  });

  it('every synthesized string of every stack has only the live interpolations of the plain example', () => {
    const plain = synthStrings(example(), 'plain');
    const bad = synthStrings(hostile.inventory, 'hostile');
    expect([...bad.keys()].sort()).toEqual([...plain.keys()].sort());
    for (const [stack, all] of bad) {
      // The payload's own expressions, live anywhere: the injection itself.
      const leaks = all.filter((x) => liveSequences(x.s).some((l) => /file\(|if true|if 1/.test(l)));
      expect({ stack, leaks: leaks.map((x) => x.at) }).toEqual({ stack, leaks: [] });
      // ${var.secret_ami_monitor} is live where srw put it (manager.conf), and nowhere else.
      expect({ stack, live: liveOf(all) }).toEqual({ stack, live: liveOf(plain.get(stack)!) });
    }
  });

  it('the PBX cloud-init carries the hostile text byte for byte once Terraform unescapes it', () => {
    const bad = synthStrings(hostile.inventory, 'roundtrip');
    const userData = bad.get('voip')!.find((x) => x.at.endsWith('.source_raw.data') && x.s.includes('pjsip.conf'))!.s;
    const onGuest = userData.replaceAll('$${', '${').replaceAll('%%{', '%{');
    const name = hostile.inventory.pbx!.extensions[0]!.name;
    expect(name).toContain(WITHOUT_QUOTES);
    expect(onGuest).toContain(`callerid = "${name}" <${hostile.inventory.pbx!.extensions[0]!.number}>`);
  });
});
