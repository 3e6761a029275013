// Text from devices and the PBX reaches the terminal with its control characters shown, never
// obeyed: SGR (colour, blink), OSC 8 links, screen clears and C1 controls in ifAlias, LLDP
// sysName and AMI status text (issue 12, item 7).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { terminalLine, terminalSafe, terminalText } from '../../cli/terminal-text.js';
import { startAmiSimulator, type AmiSimulator } from '../../voip/lab/ami-simulator.js';
import { labPjsipConf } from '../../voip/lab/config-file.js';
import { PbxModel } from '../../voip/lab/pbx-model.js';
import { repoRoot } from '../helpers/run-srw.js';
import { labState, pbxState, port } from './tui/fixtures.js';
import { renderApp } from './tui/render-app.js';

const BLINK = '\x1b[5mBLINK\x1b[0m';
const LINK = '\x1b]8;;http://evil.example/\x07click me\x1b]8;;\x07';
const CLEAR = '\x1b[2J\x1b[H';
const CSI_C1 = '\u009b31m';
const HOSTILE = `${BLINK}${LINK}${CLEAR}${CSI_C1}\rX\x00`;
/** Any control character a terminal would act on (C0 but line feed, DEL, C1). */
const RAW_CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f]/;

describe('terminalText / terminalLine / terminalSafe', () => {
  it('show every control character as \\uXXXX; line feeds and tabs stay in whole output only', () => {
    expect(terminalLine('a\x1b[5mb\u009bc\rd\ne\tf\u202eg')).toBe('a\\u001b[5mb\\u009bc\\u000dd\\u000ae\\u0009f\\u202eg');
    expect(terminalText('line 1\n\tline 2\x1b]8;;x\x07')).toBe('line 1\n\tline 2\\u001b]8;;x\\u0007');
    expect(terminalText('Wójcik — zażółć')).toBe('Wójcik — zażółć');
  });

  it('keeps JSON valid and its meaning: a C1 character in a string becomes its JSON escape', () => {
    const json = JSON.stringify({ alias: `a${CSI_C1}\x7f` });
    expect(JSON.parse(terminalText(json))).toEqual({ alias: `a${CSI_C1}\x7f` });
    expect(terminalText(json)).not.toMatch(RAW_CONTROL);
  });

  it('converts snapshots once, keeps unchanged parts, and a peer key "__proto__" stays a key', () => {
    const state = labState();
    state.devices[0]!.interfaces[3] = port(4, { ifAlias: HOSTILE });
    const safe = terminalSafe(state);
    expect(terminalSafe(state)).toBe(safe);
    expect(safe.devices[1]).toBe(state.devices[1]);
    expect(safe.devices[0]!.interfaces[3]!.ifAlias).not.toMatch(RAW_CONTROL);
    expect(safe.devices[0]!.interfaces[3]!.inOctets).toBe(4000n);
    const keyed = terminalSafe(JSON.parse('{"__proto__": {"polluted": "\\u001b[2J"}}') as Record<string, unknown>);
    expect(Object.keys(keyed)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the dashboard', () => {
  it('shows a hostile ifAlias, LLDP sysName and PBX caller name as text', async () => {
    const state = labState();
    const core = state.devices[0]!;
    core.interfaces[0] = port(1, { ifAlias: HOSTILE });
    core.lldp = [{ localPort: 'Gi1/0/1', localIfIndex: 1, remoteSystem: `evil${LINK}`, remotePortId: `p${BLINK}`, remotePortDesc: HOSTILE }];
    const h = await renderApp({ state, columns: 160, rows: 60 });
    const pbx = pbxState();
    pbx.channels['PJSIP/201-00000001']!.callerIdName = `Anna${CLEAR}`;
    h.pbx.set(pbx);
    const frames: string[] = [];
    frames.push(h.screen());
    await h.press('\t'); // switch view: ports with alias and neighbour
    frames.push(h.screen());
    await h.press('\t', '\t'); // PBX view
    frames.push(h.screen());
    const all = frames.join('\n');
    expect(all).not.toMatch(RAW_CONTROL);
    expect(all).toContain('\\u001b');
    h.unmount();
  });
});

describe('srw voip status', () => {
  let dir: string;
  let sim: AmiSimulator;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'srw-term-'));
    // The caller name of a call comes from the PBX (here its pjsip.conf), not from the inventory.
    // An endpoint the inventory does not have: its name and contact come from the PBX alone.
    const rogue = `rogue${LINK}`;
    const model = new PbxModel({ config: labPjsipConf(['201', '202', rogue]) });
    model.register('201', { userAgent: `Phone ${HOSTILE}` });
    model.register(rogue, { port: 5199 });
    sim = await startAmiSimulator({ model, authFailDelayMs: 10, users: { 'srw-system': { secret: 'system-secret-1', read: ['system', 'call', 'reporting'], write: ['system', 'reporting'] } } });
    const example = readFileSync(join(repoRoot, 'examples/starachowice.yaml'), 'utf8');
    const i = example.indexOf('\npbx:');
    const pbx = example.slice(i).replace('address: 10.10.0.60', 'address: 127.0.0.1').replace('port: 5038', `port: ${sim.port}`).replace('mode: least-privilege', 'mode: system').replace('user: srw-monitor', 'user: srw-system');
    writeFileSync(join(dir, 'inventory.yaml'), example.slice(0, i) + pbx);
  });
  afterAll(async () => {
    await sim?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('prints PBX-supplied text with its control characters shown', async () => {
    const out = await new Promise<string>((res) =>
      execFile(process.execPath, [join(repoRoot, 'cli/bin/srw.js'), '-i', join(dir, 'inventory.yaml'), 'voip', 'status'], { cwd: repoRoot, env: { ...process.env, NO_COLOR: '1', SRW_AMI_MONITOR_SECRET: 'system-secret-1' } }, (_e, stdout, stderr) => res(stdout + stderr)),
    );
    expect(out).toContain('rogue');
    expect(out).toContain('\\u001b]8;;http://evil.example/');
    expect(out).not.toMatch(RAW_CONTROL);
  }, 60_000);
});
