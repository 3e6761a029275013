// Figures for voip/extensions: CSV import into the inventory, render, and apply over AMI against
// the simulator on a loopback port. Prints medians; no pass/fail. No peer tool does the same
// job, so the yardstick is the yaml library's own Document.toString() edit of the same file.
//   node cli/bin/run-ts.js test/bench/voip-extensions.ts [--quick]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { parseInventory } from '../../infra/inventory/index.js';
import { AmiClient } from '../../voip/ami/client.js';
import { applyPbxConfig, applyPjsip, type ApplyResult } from '../../voip/extensions/apply.js';
import { importExtensionsCsv } from '../../voip/extensions/extension-store.js';
import { renderPbxConfig } from '../../voip/extensions/render.js';
import { startAmiSimulator } from '../../voip/lab/ami-simulator.js';
import { labPjsipConf } from '../../voip/lab/config-file.js';
import { PbxModel } from '../../voip/lab/pbx-model.js';

const quick = process.argv.includes('--quick');
const runs = quick ? 3 : 7;
const root = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const example = readFileSync(resolve(root, 'examples/starachowice.yaml'), 'utf8').replace('extensionRange: { from: 200, to: 299 }', 'extensionRange: { from: 200, to: 9999 }');

async function median(fn: () => unknown | Promise<unknown>): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)]!;
}
const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

function csvOf(n: number): string {
  const rows = ['number,name,department,voicemail'];
  for (let i = 0; i < n; i++) rows.push(`${3000 + i},Osoba ${i},Dział ${i % 7},${i % 2 ? 'tak' : 'nie'}`);
  return rows.join('\n') + '\n';
}

console.log(`voip/extensions benchmark (${runs} runs each, median)`);
for (const n of quick ? [100] : [100, 1000]) {
  const dir = mkdtempSync(join(tmpdir(), 'srw-bench-ext-'));
  const inv = join(dir, 'inventory.yaml');
  writeFileSync(join(dir, 'rows.csv'), csvOf(n));
  const ours = await median(() => {
    writeFileSync(inv, example);
    const r = importExtensionsCsv(inv, join(dir, 'rows.csv'));
    if (!r.ok) throw new Error(JSON.stringify(r.problems[0]));
  });
  // Yardstick: the same rows added through the Document API and re-printed (loses the layout).
  const lib = await median(() => {
    const doc = parseDocument(example);
    const seq = doc.getIn(['pbx', 'extensions']) as { items: unknown[] };
    for (let i = 0; i < n; i++) seq.items.push(doc.createNode({ number: 3000 + i, name: `Osoba ${i}`, department: 'x', voicemail: true }));
    parseInventory(doc.toString(), 'inventory.yaml');
  });
  console.log(`ext import ${n} rows: ${fmt(ours)} (validated, byte-preserving, 2 atomic writes)  vs yaml Document.toString edit + validate ${fmt(lib)}  ratio ${(ours / lib).toFixed(2)}`);
  rmSync(dir, { recursive: true, force: true });
}

const base = parseInventory(example, 'inventory.yaml');
if (!base.ok) throw new Error('example');
const big = parseInventory(readFileSync(resolve(root, 'examples/starachowice.yaml'), 'utf8').replace('extensionRange: { from: 200, to: 299 }', 'extensionRange: { from: 200, to: 9999 }').replace(/(number: 239.*\n)/, (m) => m + Array.from({ length: 961 }, (_, i) => `    - { number: ${3000 + i}, name: "Osoba ${i}", department: "D" }\n`).join('')), 'inventory.yaml');
if (!big.ok) throw new Error('big');
for (const [label, inv] of [['39 extensions', base.value], ['1000 extensions', big.value]] as const) {
  const ms = await median(() => renderPbxConfig(inv, { secret: (id) => `\${var.${id}}` }));
  console.log(`render ${label}: ${fmt(ms)}`);
}

const users = { 'srw-admin': { secret: 'bench-admin', read: ['system', 'config'], write: ['config', 'system'] } };
const connectTo = (port: number) => async () => {
  const c = new AmiClient({ host: '127.0.0.1', port, username: 'srw-admin', secret: 'bench-admin', events: 'off', reconnect: false, keepaliveMs: 0 });
  await c.connect();
  return c;
};
const secret = (id: string) => `pw-${id}`;
const big500 = parseInventory(
  readFileSync(resolve(root, 'examples/starachowice.yaml'), 'utf8')
    .replace('extensionRange: { from: 200, to: 299 }', 'extensionRange: { from: 200, to: 9999 }')
    .replace(/(number: 239.*\n)/, (m) => m + Array.from({ length: 461 }, (_, i) => `    - { number: ${3000 + i}, name: "Osoba ${i}", department: "D", voicemail: ${i % 2 === 0} }\n`).join('')),
  'inventory.yaml',
);
if (!big500.ok) throw new Error('big500');
/**
 * One apply against a fresh lab PBX (the recording lab's pjsip.conf and dialplan, srw's private
 * directory): what `srw voip apply` does, or pjsip.conf alone. Every AMI action is one round trip
 * (apply waits for each answer).
 */
const applyOnce = async (inv: typeof base.value, all: boolean): Promise<ApplyResult> => {
  const sim = await startAmiSimulator({ model: new PbxModel({ config: labPjsipConf(['201', '202', '203']), directories: ['srw'] }), users });
  try {
    const opts = { dryRun: false, connect: connectTo(sim.port) };
    return all ? await applyPbxConfig(inv, secret, opts) : await applyPjsip(inv.pbx!, secret, opts);
  } finally {
    await sim.stop();
  }
};
for (const [label, inv] of [['39 extensions + trunk', base.value], ['500 extensions + trunk', big500.value]] as const) {
  for (const all of [true, false]) {
    let r: ApplyResult | undefined;
    const ms = await median(async () => void (r = await applyOnce(inv, all)));
    const t = r!.traffic;
    const steps = r!.files.reduce((n, f) => n + f.steps, 0);
    const what = all ? 'pjsip.conf + voicemail.conf + extensions.conf (srw voip apply)' : 'pjsip.conf alone';
    console.log(
      `apply lab PBX → ${label} over AMI (simulator), ${what}: ${fmt(ms)}; ${t.actions} actions = round trips (${t.updateConfigs} UpdateConfig, ${steps} steps in ≤128-line messages), ` +
        `${(t.bytesSent / 1024).toFixed(0)} KiB sent, ${(t.bytesReceived / 1024).toFixed(0)} KiB received, ${r!.verified.length} endpoints verified`,
    );
  }
}
const sim = await startAmiSimulator({ model: new PbxModel({ config: labPjsipConf(['201']), directories: ['srw'] }), users });
await applyPbxConfig(base.value, secret, { dryRun: false, connect: connectTo(sim.port) });
const noop = await median(() => applyPbxConfig(base.value, secret, { dryRun: true, connect: connectTo(sim.port) }));
console.log(`apply --dry-run with nothing to do (login, GetConfig of three files, diff, running transport): ${fmt(noop)}`);
await sim.stop();
