// The simulated PBX keeps several config files: GetConfig/UpdateConfig per file, CreateConfig,
// and Reload of pbx_config.so / app_voicemail.so loading the dialplan and the mailboxes, the way
// `srw voip apply` drives them. (Bytes of the recorded actions: simulator-bytes.test.ts.)
import { afterEach, describe, expect, it } from 'vitest';
import { AmiClient } from '../../../voip/ami/client.js';
import { startAmiSimulator, labUsers, type AmiSimulator } from '../../../voip/lab/ami-simulator.js';
import { PbxModel } from '../../../voip/lab/pbx-model.js';

let sim: AmiSimulator | undefined;
let client: AmiClient | undefined;
afterEach(async () => {
  await client?.close();
  await sim?.stop();
  client = sim = undefined;
});

async function start(model = new PbxModel()) {
  sim = await startAmiSimulator({ model, users: labUsers });
  client = new AmiClient({ host: '127.0.0.1', port: sim.port, username: 'monitor', secret: () => 'monitorpass', events: 'off', reconnect: false, keepaliveMs: 0 });
  await client.connect();
  return { model, ami: client };
}

describe('simulated PBX config files', () => {
  it("serves the recording lab's extensions.conf next to pjsip.conf; voicemail.conf does not exist", async () => {
    const { ami } = await start();
    const r = await ami.action({ Action: 'GetConfig', Filename: 'extensions.conf', Category: 'lab' });
    expect(r.response.fields['line-000000-000000']).toBe('exten=201,hint,PJSIP/201');
    expect(r.response.fields['category-000000']).toBe('lab');
    await expect(ami.action({ Action: 'GetConfig', Filename: 'voicemail.conf' })).rejects.toThrow(/Config file not found/);
  });

  it('CreateConfig, UpdateConfig and Reload app_voicemail.so make a mailbox exist', async () => {
    const { model, ami } = await start();
    await ami.action({ Action: 'CreateConfig', Filename: 'voicemail.conf' });
    // An empty file, mode 0644 (updateconfig-copy-after-createconfig.txt); a second CreateConfig: File exists.
    expect(model.files.get('voicemail.conf')).toEqual({ categories: [], text: '', mode: 0o644, writes: 0 });
    await expect(ami.action({ Action: 'CreateConfig', Filename: 'voicemail.conf' })).rejects.toThrow(/File exists/);
    await ami.action({
      Action: 'UpdateConfig', SrcFilename: 'voicemail.conf', DstFilename: 'voicemail.conf',
      'Action-000000': 'NewCat', 'Cat-000000': 'default',
      'Action-000001': 'Append', 'Cat-000001': 'default', 'Var-000001': '201', 'Value-000001': '4829,Lab 201', 'Match-000001': 'object',
    });
    expect(model.mailboxes.has('201@default')).toBe(false);
    const r = await ami.action({ Action: 'Reload', Module: 'app_voicemail.so' });
    expect(r.response.fields.message).toBe('Module Reloaded');
    expect(model.mailboxes.has('201@default')).toBe(true);
  });

  it('the dialplan follows extensions.conf only after Reload pbx_config.so', async () => {
    const { model, ami } = await start();
    await ami.action({ Action: 'UpdateConfig', SrcFilename: 'extensions.conf', DstFilename: 'extensions.conf', 'Action-000000': 'Append', 'Cat-000000': 'lab', 'Var-000000': 'exten', 'Value-000000': '204,hint,PJSIP/204' });
    expect(model.dialplan.get('lab')).not.toContainEqual(['exten', '204,hint,PJSIP/204']);
    await ami.action({ Action: 'Reload', Module: 'pbx_config.so' });
    expect(model.dialplan.get('lab')).toContainEqual(['exten', '204,hint,PJSIP/204']);
    // pjsip.conf was not touched by the extensions.conf update.
    expect(model.config.categories.some((c) => c.name === '204')).toBe(false);
  });

  it('a zero-action UpdateConfig copies the text under a new header; a copy of a copy has one header', async () => {
    const model = new PbxModel({ now: () => Date.parse('2026-12-04T16:57:00Z') });
    model.files.set('pjsip.conf', { ...model.config, text: '; hand-written\n[global]\ntype = global\n', mode: 0o600 });
    const { ami } = await start(model);
    await ami.action({ Action: 'CreateConfig', Filename: 'copy-a' });
    await ami.action({ Action: 'UpdateConfig', SrcFilename: 'pjsip.conf', DstFilename: 'copy-a' });
    await ami.action({ Action: 'CreateConfig', Filename: 'copy-b' });
    await ami.action({ Action: 'UpdateConfig', SrcFilename: 'copy-a', DstFilename: 'copy-b' });
    const header = (n: string) => `;!\n;! Automatically generated configuration file\n;! Filename: ${n} (/etc/asterisk/${n})\n;! Generator: Manager\n;! Creation Date: Fri Dec  4 16:57:00 2026\n;!\n`;
    expect(model.files.get('copy-a')!.text).toBe(header('copy-a') + '; hand-written\n[global]\ntype = global\n');
    expect(model.files.get('copy-b')!.text).toBe(header('copy-b') + '; hand-written\n[global]\ntype = global\n');
    expect(model.files.get('copy-b')!.mode).toBe(0o644);
    // The source is never written by a copy to another file.
    expect(model.files.get('pjsip.conf')!.writes).toBeUndefined();
  });

  it('refuses to reload a module it does not have, and UpdateConfig of a missing file', async () => {
    const { ami } = await start();
    await expect(ami.action({ Action: 'Reload', Module: 'pbx_nosuch.so' })).rejects.toThrow(/No such module/);
    // A missing source or destination: realpath() fails (updateconfig-copy-src-missing.txt, -to-new-file.txt).
    await expect(ami.action({ Action: 'UpdateConfig', SrcFilename: 'voicemail.conf', DstFilename: 'voicemail.conf', 'Action-000000': 'NewCat', 'Cat-000000': 'default' })).rejects.toThrow(/File requires escalated privileges/);
    await expect(ami.action({ Action: 'UpdateConfig', SrcFilename: 'pjsip.conf', DstFilename: 'pjsip.conf.srw-backup' })).rejects.toThrow(/File requires escalated privileges/);
  });
});
