import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { PbxServer, type PbxConfigFiles } from '../../../infra/constructs/pbx-server.js';
import { guestSite } from '../../../infra/constructs/guest-site.js';
import { variableMarker } from '../../../infra/constructs/terraform-string.js';
import { example } from '../inventories.js';
import { only, synthScope } from '../synth-json.js';

const inv = example();
const host = inv.hosts.find((h) => h.name === 'pbx')!;
// A stand-in for voip/extensions/render.ts output: a dialplan variable and a secret marker.
const config: PbxConfigFiles = {
  'pjsip.conf': `[auth201]\ntype = auth\npassword = ${variableMarker('secret_ext_201')}\n`,
  'extensions.conf': '[internal]\nexten => _2XX,1,Dial(PJSIP/${EXTEN},20)\n',
  'manager.conf': `[srw-monitor]\nsecret = ${variableMarker('secret_ami_monitor')}\n`,
  'voicemail.conf': `[default]\n201 => ${variableMarker('secret_vm_201')},Anna Kowalska\n`,
};

const build = () => synthScope((s) => new PbxServer(s, 'pbx', { host, pbx: inv.pbx!, site: guestSite(inv), config, imageFileId: 'cephfs:iso/debian.img' }));

/** The user-data as Terraform will hand it to the guest: $${ unescaped, variables left as references. */
const userData = (doc: ReturnType<typeof build>) => only(doc, 'proxmox_virtual_environment_file').source_raw;

describe('PbxServer', () => {
  it('boots a VM whose cloud-init user-data is the uploaded snippet', () => {
    const doc = build();
    const vm = only(doc, 'proxmox_virtual_environment_vm');
    const snippet = only(doc, 'proxmox_virtual_environment_file');
    expect(snippet).toMatchObject({ node_name: 'pve1', datastore_id: 'cephfs', content_type: 'snippets' });
    expect(vm.initialization.user_data_file_id).toBe('cephfs:snippets/srw-pbx-user-data.yaml');
    expect(vm.depends_on).toEqual([expect.stringContaining('proxmox_virtual_environment_file.')]);
    expect(vm.network_device.map((n: any) => n.bridge)).toEqual(['vnet40', 'vnet10']);
  });

  it('writes the four Asterisk files (root-only while staged) and runs the installer, which installs voicemail.conf too', () => {
    const ud = parse(userData(build()).data);
    expect(ud.write_files.map((f: any) => f.path)).toEqual([
      '/etc/srw/asterisk/pjsip.conf',
      '/etc/srw/asterisk/extensions.conf',
      '/etc/srw/asterisk/manager.conf',
      '/etc/srw/asterisk/voicemail.conf',
      '/usr/local/sbin/srw-install-asterisk',
    ]);
    expect(ud.write_files.find((f: any) => f.path.endsWith('voicemail.conf')).permissions).toBe('0600');
    expect(ud.runcmd).toContain('/usr/local/sbin/srw-install-asterisk');
    const installer = ud.write_files.find((f: any) => f.path === '/usr/local/sbin/srw-install-asterisk');
    expect(installer.permissions).toBe('0755');
    const check = spawnSync('sh', ['-n'], { input: installer.content.replaceAll('$${', '${'), encoding: 'utf8' });
    expect(check.status).toBe(0);
    expect(installer.content).toMatch(/for f in pjsip\.conf extensions\.conf manager\.conf voicemail\.conf; do/);
    // srw voip apply needs the files writable by Asterisk and its private directory; manager.conf stays root's.
    expect(installer.content).toContain('[ "$f" = manager.conf ] && owner=root');
    expect(installer.content).toContain('install -d -m 0700 -o asterisk -g asterisk /etc/asterisk/srw');
    expect(ud.users[0].name).toBe('admin');
  });

  it('never builds Asterisk: without it in the image or an apt source the installer stops and says what to provide', () => {
    const ud = parse(userData(build()).data);
    const installer: string = ud.write_files.find((f: any) => f.path === '/usr/local/sbin/srw-install-asterisk').content.replaceAll('$${', '${');
    expect(installer).not.toMatch(/\bmake\b|configure|wget|downloads\.asterisk\.org|tar xzf/);
    // A guest whose apt sources have no asterisk package (stub apt-cache), and no asterisk binary.
    const bin = mkdtempSync(join(tmpdir(), 'srw-noasterisk-'));
    writeFileSync(join(bin, 'apt-cache'), '#!/bin/sh\nexit 100\n', { mode: 0o755 });
    const r = spawnSync('/bin/sh', ['-c', installer], { encoding: 'utf8', env: { PATH: bin } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Asterisk is not installed and no apt source carries it: give the pbx host an image with Asterisk 22 installed, or an apt repository that has it/);
  });

  it('keeps secrets as Terraform variable references and escapes Asterisk ${...} from Terraform', () => {
    const data: string = userData(build()).data;
    expect(data).toContain('password = ${var.secret_ext_201}');
    expect(data).toContain('secret = ${var.secret_ami_monitor}');
    expect(data).toContain('201 => ${var.secret_vm_201},Anna Kowalska');
    expect(data).toContain('Dial(PJSIP/$${EXTEN},20)');
    expect(data).not.toContain('@@srwvar');
  });

  it('a marker written into inventory text stays text: only srw\'s own markers become references (issue 12, item 5)', () => {
    // An extension named like a marker must not turn into the trunk password in its caller ID.
    const forged = '@@srwvar:secret_trunk_orange_trunk@@';
    const cfg = { ...config, 'pjsip.conf': `${config['pjsip.conf']}[299]\ntype = endpoint\ncallerid = "${forged}" <299>\n` };
    const data: string = userData(synthScope((s) => new PbxServer(s, 'pbx', { host, pbx: inv.pbx!, site: guestSite(inv), config: cfg, imageFileId: 'cephfs:iso/debian.img' }))).data;
    expect(data).toContain(`callerid = "${forged}" <299>`);
    expect(data).not.toContain('${var.secret_trunk_orange_trunk}');
    expect(data).toContain('password = ${var.secret_ext_201}');
  });

  it("carries the city's recorded prompts (base64) and installs them into the sounds directory asterisk.conf names", () => {
    const wav = Buffer.from('RIFF\0\0\0\0WAVEfmt binary \xff\x00 data', 'latin1');
    const prompts = [{ soundPath: 'custom/um-menu.wav', base64: wav.toString('base64') }];
    const doc = synthScope((s) => new PbxServer(s, 'pbx', { host, pbx: inv.pbx!, site: guestSite(inv), config, imageFileId: 'cephfs:iso/debian.img', prompts }));
    const ud = parse(userData(doc).data);
    const staged = ud.write_files.find((f: any) => f.path === '/etc/srw/asterisk/sounds/custom/um-menu.wav');
    expect(staged).toMatchObject({ encoding: 'b64', permissions: '0644' });
    expect(Buffer.from(staged.content, 'base64')).toEqual(wav);
    const installer: string = ud.write_files.find((f: any) => f.path === '/usr/local/sbin/srw-install-asterisk').content.replaceAll('$${', '${');
    expect(spawnSync('sh', ['-n'], { input: installer, encoding: 'utf8' }).status).toBe(0);
    // Run it on a guest that has Asterisk: every command it calls is a stub that logs its arguments.
    const bin = mkdtempSync(join(tmpdir(), 'srw-prompts-'));
    const log = join(bin, 'log');
    for (const c of ['asterisk', 'install', 'systemctl']) writeFileSync(join(bin, c), `#!/bin/sh\necho "${c} $*" >> ${log}\n`, { mode: 0o755 });
    const r = spawnSync('/bin/sh', ['-c', installer], { encoding: 'utf8', env: { PATH: `${bin}:/usr/bin:/bin` } });
    expect(r.status).toBe(0);
    // This machine has no /etc/asterisk/asterisk.conf: the default of a build from source.
    expect(readFileSync(log, 'utf8')).toContain('install -D -m 0644 /etc/srw/asterisk/sounds/custom/um-menu.wav /var/lib/asterisk/sounds/custom/um-menu.wav');
    // A Debian package's asterisk.conf: the directory it names is used.
    const conf = join(bin, 'asterisk.conf');
    writeFileSync(conf, '[directories](!)\nastetcdir => /etc/asterisk\n astdatadir => /usr/share/asterisk\n');
    const line = installer.split('\n').find((l) => l.startsWith('datadir=$(sed'))!.replace('/etc/asterisk/asterisk.conf', conf);
    expect(spawnSync('/bin/sh', ['-c', `${line}\necho "$datadir"`], { encoding: 'utf8' }).stdout).toBe('/usr/share/asterisk\n');
  });

  it('refuses a prompt path that would leave the sounds directory or break the installer', () => {
    for (const soundPath of ['../../etc/passwd.wav', 'custom/a b.wav', 'custom/x.wav; rm -rf /', 'custom/x']) {
      expect(() => synthScope((s) => new PbxServer(s, 'p', { host, pbx: inv.pbx!, site: guestSite(inv), config, prompts: [{ soundPath, base64: '' }] }))).toThrow(/prompt path must be a sound name/);
    }
  });

  it('refuses a host that is not pbx.host, and missing files', () => {
    const other = inv.hosts.find((h) => h.name === 'db')!;
    expect(() => synthScope((s) => new PbxServer(s, 'p', { host: other, pbx: inv.pbx!, site: guestSite(inv), config: { ...config, 'voicemail.conf': '' } }))).toThrow(
      /not the PBX host.*must all be rendered/,
    );
  });
});
