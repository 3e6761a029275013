// voicemail.conf as Asterisk's app_voicemail reads it: `<box> => <pin>,<full name>,<email>,…`
// split at every comma, [general] settings, and values that would break a line refused.
import { describe, expect, it } from 'vitest';
import { parseInventory, type Inventory } from '../../../infra/inventory/index.js';
import { ConfigValueError } from '../../../voip/extensions/config-file.js';
import { renderPbxConfig } from '../../../voip/extensions/render.js';
import { mailboxFullName, renderVoicemail } from '../../../voip/extensions/voicemail.js';
import { parseConf } from '../../../voip/lab/config-file.js';
import { PbxModel } from '../../../voip/lab/pbx-model.js';
import { exampleText } from './fixture.js';

function inventory(edit: (t: string) => string = (t) => t): Inventory {
  const r = parseInventory(edit(exampleText()), 'inventory.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}
const placeholder = (id: string) => `\${var.${id.replace(/-/g, '_')}}`;

/** Settings of one [category]: key → value, `=>` and `=` alike (Asterisk reads both the same). */
function category(text: string, name: string): [string, string][] {
  const out: [string, string][] = [];
  let inside = false;
  for (const line of text.split('\n')) {
    const head = /^\[([^\]]+)\]$/.exec(line);
    if (head) inside = head[1] === name;
    else if (inside && line.trim() && !line.startsWith(';')) {
      const m = /^(\S+)\s*=>?\s*(.*)$/.exec(line)!;
      out.push([m[1]!, m[2]!]);
    }
  }
  return out;
}

describe('voicemail.conf for examples/starachowice.yaml', () => {
  const inv = inventory();
  const text = renderPbxConfig(inv, { secret: placeholder })['voicemail.conf'];

  it('has exactly the voicemail-enabled extensions, in inventory order, with the PIN placeholder and the name', () => {
    const boxes = category(text, 'default');
    const enabled = inv.pbx!.extensions.filter((e) => e.voicemail);
    expect(enabled).toHaveLength(30);
    expect(boxes.map(([n]) => n)).toEqual(enabled.map((e) => e.number));
    expect(boxes[0]).toEqual(['201', '${var.vm_201},Anna Kowalska']);
    // 203 and 214 have no voicemail in the example: no mailbox, so VoiceMail() is never sent there
    expect(boxes.map(([n]) => n)).not.toContain('203');
    for (const [n, value] of boxes) {
      const [pin, name, ...rest] = value.split(',');
      expect(pin).toBe(`\${var.vm_${n}}`);
      expect(name).toBe(inv.pbx!.extensions.find((e) => e.number === n)!.name);
      expect(rest).toEqual([]);
    }
  });

  it('every mailbox the dialplan and pjsip.conf name exists here', () => {
    const files = renderPbxConfig(inv, { secret: placeholder });
    const referenced = new Set([...files['extensions.conf'].matchAll(/VoiceMail\((\d+)@default,[ub]\)/g)].map((m) => m[1]));
    const endpoints = new Set([...files['pjsip.conf'].matchAll(/^mailboxes = (\d+)@default$/gm)].map((m) => m[1]));
    const boxes = new Set(category(text, 'default').map(([n]) => n));
    expect(referenced).toEqual(boxes);
    expect(endpoints).toEqual(boxes);
  });

  it('[general] keeps wav49 + wav, limits message count and length, and drops empty messages', () => {
    const general = Object.fromEntries(category(text, 'general'));
    expect(general).toMatchObject({ format: 'wav49|wav', maxmsg: '50', maxsecs: '180', minsecs: '2', maxlogins: '3' });
    expect(Number(general.minsecs)).toBeLessThan(Number(general.maxsecs));
  });

  it('app_voicemail loads it without "maxsilence should be less than minsecs" (reload-app-voicemail-and-pbx-config.txt)', () => {
    const model = new PbxModel({ files: { 'voicemail.conf': parseConf(text) } });
    model.reload('app_voicemail.so');
    expect(model.log.filter((l) => l.includes('maxsilence'))).toEqual([]);
    expect(model.mailboxes.size).toBeGreaterThan(0);
    // The same check on the lab's earlier file (maxsilence 10, minsecs 2) warns, as the real PBX did.
    const old = new PbxModel({ files: { 'voicemail.conf': parseConf(text.replace('minsecs = 2', 'minsecs = 2\nmaxsilence = 10')) } });
    old.reload('app_voicemail.so');
    expect(old.log).toContain('WARNING app_voicemail.c: maxsilence should be less than minsecs or you may get empty messages');
  });
});

describe('the mailbox line survives any valid display name', () => {
  it.each([
    { name: 'Kowalski, Jan', shown: 'Kowalski Jan' },
    { name: 'Biuro Rady,Sala 2 , parter', shown: 'Biuro Rady Sala 2 parter' },
    { name: 'Ewa Wiśniewska', shown: 'Ewa Wiśniewska' },
    { name: 'Referat = Podatki | Opłaty', shown: 'Referat = Podatki | Opłaty' },
  ])('$name → $shown', ({ name, shown }) => {
    const inv = inventory((t) => t.replace('name: "Anna Kowalska"', `name: ${JSON.stringify(name)}`));
    const [, value] = category(renderVoicemail(inv.pbx!, () => '482913'), 'default')[0]!;
    // app_voicemail: strsep(",") → password, fullname, email, pager, options
    expect(value.split(',')).toEqual(['482913', shown]);
  });

  it('cuts a name longer than the 80-byte fullname buffer on a character boundary', () => {
    const long = 'Żółć '.repeat(12).trim(); // 59 characters, 107 bytes in UTF-8
    const cut = mailboxFullName(long);
    expect(Buffer.byteLength(cut, 'utf8')).toBeLessThanOrEqual(79);
    expect(long.startsWith(cut)).toBe(true);
    expect(cut).not.toMatch(/\uFFFD|\s$/);
  });
});

describe('a PIN that would break the line is refused', () => {
  it.each([
    { value: '1234,evil@example.org', msg: /extension 201 voicemail PIN: contains ","/ },
    { value: '1234\n[other]', msg: /extension 201 voicemail PIN: contains a line break/ },
    { value: '1234;x', msg: /contains ";"/ },
    { value: '*1234', msg: /starts with "\*"/ },
  ])('$value', ({ value, msg }) => {
    const call = () => renderPbxConfig(inventory(), { secret: (id) => (id === 'vm-201' ? value : '24680') });
    expect(call).toThrow(ConfigValueError);
    expect(call).toThrow(msg);
  });
});

it('an inventory without voicemail boxes still renders a loadable file with an empty [default]', () => {
  // The trunk's inbound route ends in 201's mailbox: without mailboxes it must hang up instead.
  const inv = inventory((t) => t.replace(/voicemail: true/g, 'voicemail: false').replace(', voicemail: 201 }', ' }'));
  const ids: string[] = [];
  const text = renderPbxConfig(inv, { secret: (id) => (ids.push(id), 'x-secret') })['voicemail.conf'];
  expect(category(text, 'default')).toEqual([]);
  expect(text).toContain('[default]\n; 0 mailboxes');
  expect(ids.filter((i) => i.startsWith('vm-'))).toEqual([]);
});
