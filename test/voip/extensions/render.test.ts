import { describe, expect, it } from 'vitest';
import { parseInventory, type Inventory } from '../../../infra/inventory/index.js';
import { ConfigValueError } from '../../../voip/extensions/config-file.js';
import { sipWarnings } from '../../../voip/extensions/pjsip.js';
import { renderPbxConfig } from '../../../voip/extensions/render.js';
import { exampleText } from './fixture.js';

function inventory(edit: (t: string) => string = (t) => t): Inventory {
  const r = parseInventory(edit(exampleText()), 'inventory.yaml');
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.value;
}
/** Terraform-variable placeholders, as the infra stack passes them. */
const placeholder = (id: string) => `\${var.${id.replace(/-/g, '_')}}`;

/** `[name]` blocks of an Asterisk file as { name, lines }. */
function sections(text: string) {
  const out: { name: string; lines: string[] }[] = [];
  for (const line of text.split('\n')) {
    const m = /^\[([^\]]+)\]$/.exec(line);
    if (m) out.push({ name: m[1]!, lines: [] });
    else if (line && !line.startsWith(';') && out.length) out.at(-1)!.lines.push(line);
  }
  return out;
}

describe('renderPbxConfig: pjsip.conf', () => {
  const files = renderPbxConfig(inventory(), { secret: placeholder });
  const pj = sections(files['pjsip.conf']);

  it('has [global], the transport and an endpoint, auth and aor per extension', () => {
    // events-reregister-contactstatus-*.txt: without the option a refresh is invisible to the monitor.
    expect(pj[0]).toEqual({ name: 'global', lines: ['type = global', 'send_contact_status_on_update_registration = yes'] });
    expect(pj[1]).toEqual({ name: 'transport-udp', lines: ['type = transport', 'protocol = udp', 'bind = 10.40.0.10:5060'] });
    expect(pj.filter((s) => s.lines[0] === 'type = endpoint' && /^\d+$/.test(s.name))).toHaveLength(39);
    expect(pj.filter((s) => s.lines[0] === 'type = aor' && /^\d+$/.test(s.name))).toHaveLength(39);
    expect(pj.filter((s) => s.lines[0] === 'type = auth' && s.name.startsWith('auth'))).toHaveLength(39);
  });

  it('renders extension 201 with callerid, codecs, mailbox and the secret placeholder', () => {
    const ep = pj.find((s) => s.name === '201' && s.lines[0] === 'type = endpoint')!;
    expect(ep.lines).toEqual([
      'type = endpoint',
      'transport = transport-udp',
      'context = internal',
      'disallow = all',
      'allow = g722,alaw,ulaw',
      'auth = auth201',
      'aors = 201',
      'callerid = "Anna Kowalska" <201>',
      'mailboxes = 201@default',
    ]);
    expect(pj.find((s) => s.name === 'auth201')!.lines).toEqual(['type = auth', 'auth_type = userpass', 'username = 201', 'password = ${var.ext_201}']);
    expect(pj.find((s) => s.name === '201' && s.lines[0] === 'type = aor')!.lines).toEqual(['type = aor', 'max_contacts = 1', 'remove_existing = yes', 'qualify_frequency = 30']);
    // 203 has no voicemail: no mailbox
    expect(pj.find((s) => s.name === '203' && s.lines[0] === 'type = endpoint')!.lines).not.toContain('mailboxes = 203@default');
  });

  it('renders the trunk with outbound auth, registration and identify', () => {
    const t = pj.filter((s) => s.name.startsWith('orange-trunk'));
    expect(t.map((s) => `${s.name}/${s.lines[0]}`)).toEqual([
      'orange-trunk/type = endpoint',
      'orange-trunk-auth/type = auth',
      'orange-trunk/type = aor',
      'orange-trunk-reg/type = registration',
      'orange-trunk-identify/type = identify',
    ]);
    expect(t[1]!.lines).toContain('password = ${var.trunk_orange_trunk}');
    expect(t[3]!.lines).toEqual(expect.arrayContaining(['server_uri = sip:sip.operator.invalid:5060', 'client_uri = sip:48412345678@sip.operator.invalid:5060', 'outbound_auth = orange-trunk-auth']));
    expect(t[4]!.lines).toEqual(['type = identify', 'endpoint = orange-trunk', 'match = sip.operator.invalid']);
  });

  it('asks only for the documented secret ids', () => {
    const ids = new Set<string>();
    renderPbxConfig(inventory(), { secret: (id) => (ids.add(id), '24680') });
    expect([...ids].filter((i) => !i.startsWith('ext-') && !i.startsWith('vm-'))).toEqual(['trunk-orange-trunk', 'ami-monitor', 'ami-admin']);
    expect([...ids].filter((i) => i.startsWith('ext-'))).toHaveLength(39);
    const withVoicemail = inventory().pbx!.extensions.filter((e) => e.voicemail).map((e) => `vm-${e.number}`);
    expect([...ids].filter((i) => i.startsWith('vm-'))).toEqual(withVoicemail);
  });
});

describe('renderPbxConfig: extensions.conf', () => {
  const text = renderPbxConfig(inventory(), { secret: placeholder })['extensions.conf'];
  it('has a hint and a Dial for every extension, voicemail only where enabled', () => {
    for (const n of [201, 203, 239]) {
      expect(text).toContain(`exten => ${n},hint,PJSIP/${n}\n`);
      expect(text).toMatch(new RegExp(`exten => ${n},1,NoOp\\([^)]*\\)\\n same => n,Dial\\(PJSIP/${n},20\\)`));
    }
    expect(text).toContain('VoiceMail(201@default,u)');
    expect(text).toContain('VoiceMail(201@default,b)');
    expect(text).not.toContain('VoiceMail(203@default');
    expect(text).toContain('[internal]');
    expect(text).toContain('exten => _0X.,1,Dial(PJSIP/${EXTEN:1}@orange-trunk,60)');
  });

  it("rings the trunk's inbound extensions together, then the mailbox the inventory names", () => {
    const ctx = sections(text).find((s) => s.name === 'from-trunk-orange-trunk')!;
    expect(ctx.lines).toEqual([
      'exten => _X.,1,Goto(s,1)',
      'exten => _+X.,1,Goto(s,1)',
      'exten => s,1,Dial(PJSIP/201&PJSIP/202,25)',
      ' same => n,VoiceMail(201@default,u)',
      ' same => n,Hangup()',
    ]);
    const ep = sections(renderPbxConfig(inventory(), { secret: placeholder })['pjsip.conf']).find((s) => s.name === 'orange-trunk' && s.lines[0] === 'type = endpoint')!;
    expect(ep.lines).toContain('context = from-trunk-orange-trunk');
  });

  it('includes the hand-written contexts the inventory names in [internal], after its extensions', () => {
    const withInclude = renderPbxConfig(inventory((t) => t.replace('  secretsFile: secrets/pbx.env', '  dialplanInclude: [konferencje, ivr-1]\n  secretsFile: secrets/pbx.env')), { secret: placeholder })['extensions.conf'];
    const internal = sections(withInclude).find((s) => s.name === 'internal')!.lines;
    expect(internal.slice(0, 2)).toEqual(['include => konferencje', 'include => ivr-1']);
    expect(sections(text).find((s) => s.name === 'internal')!.lines.filter((l) => l.startsWith('include'))).toEqual([]);
  });

  it('refuses calls on a trunk without an inbound route, and hangs up when no mailbox is named', () => {
    const noRoute = renderPbxConfig(inventory((t) => t.replace(/^ +inbound: .*\n/m, '')), { secret: placeholder })['extensions.conf'];
    expect(sections(noRoute).find((s) => s.name === 'from-trunk-orange-trunk')!.lines).toEqual(['exten => _X.,1,Hangup(21)', 'exten => _+X.,1,Hangup(21)', 'exten => s,1,Hangup(21)']);
    const noMailbox = renderPbxConfig(inventory((t) => t.replace(', voicemail: 201 }', ' }')), { secret: placeholder })['extensions.conf'];
    expect(sections(noMailbox).find((s) => s.name === 'from-trunk-orange-trunk')!.lines.slice(2)).toEqual(['exten => s,1,Dial(PJSIP/201&PJSIP/202,25)', ' same => n,Hangup()']);
  });
});

describe('renderPbxConfig: manager.conf least privilege', () => {
  it('has a monitor user with write=reporting and an admin with config,system, each deny-all + permit', () => {
    const m = sections(renderPbxConfig(inventory(), { secret: placeholder })['manager.conf']);
    expect(m.map((s) => s.name)).toEqual(['general', 'srw-monitor', 'srw-admin']);
    expect(m[0]!.lines).toContain('bindaddr = 10.10.0.60');
    expect(m[1]!.lines).toEqual([
      'secret = ${var.ami_monitor}',
      'deny = 0.0.0.0/0.0.0.0',
      'permit = 10.10.0.0/255.255.255.0',
      'read = system,call,reporting,agent',
      'write = reporting',
      'writetimeout = 5000',
    ]);
    expect(m[2]!.lines).toEqual(expect.arrayContaining(['secret = ${var.ami_admin}', 'deny = 0.0.0.0/0.0.0.0', 'permit = 10.10.0.0/255.255.255.0', 'write = config,system']));
    // deny comes before permit: Asterisk evaluates the ACL in order, the last match wins
    expect(m[2]!.lines.indexOf('deny = 0.0.0.0/0.0.0.0')).toBeLessThan(m[2]!.lines.indexOf('permit = 10.10.0.0/255.255.255.0'));
    const classes = m.slice(1).flatMap((s) => s.lines.filter((l) => /^(read|write) = /.test(l)).flatMap((l) => l.split(' = ')[1]!.split(',')));
    for (const dangerous of ['originate', 'command', 'all', 'user']) expect(classes).not.toContain(dangerous);
    // read=agent only lets the monitor see queue events; write=agent would let it pause, add and
    // remove queue members (QueuePause, QueueAdd, QueueRemove are EVENT_FLAG_AGENT actions).
    const writes = m.slice(1).flatMap((s) => s.lines.filter((l) => l.startsWith('write = ')).flatMap((l) => l.split(' = ')[1]!.split(',')));
    expect(writes).not.toContain('agent');
  });

  it('mode system gives the monitor write=system,reporting (system alone is refused the state lists); no permit list means the AMI address /32', () => {
    const inv = inventory((t) => t.replace('mode: least-privilege', 'mode: system').replace('permit: [10.10.0.0/24]', 'permit: []'));
    const m = sections(renderPbxConfig(inv, { secret: placeholder })['manager.conf']);
    expect(m[1]!.lines).toEqual(expect.arrayContaining(['write = system,reporting', 'permit = 10.10.0.60/255.255.255.255']));
  });

  it('pbx.sip.bind is the transport address; without it render warns that SIP listens on every address', () => {
    const bound = inventory((t) => t);
    expect(renderPbxConfig(bound, { secret: placeholder })['pjsip.conf']).toContain('bind = 10.40.0.10:5060');
    expect(sipWarnings(bound.pbx!, 'inventory.yaml')).toEqual([]);
    const open = inventory((t) => t.replace('port: 5060, bind: 10.40.0.10 }', 'port: 5060 }'));
    expect(renderPbxConfig(open, { secret: placeholder })['pjsip.conf']).toContain('bind = 0.0.0.0:5060');
    expect(sipWarnings(open.pbx!, 'inventory.yaml')[0]).toMatchObject({ severity: 'warning', path: ['pbx', 'sip'], message: expect.stringMatching(/every address \(0\.0\.0\.0:5060\)/) });
  });

  it('refuses a trunk user name with a space (Asterisk would keep the old trunk: from_user, client URI)', () => {
    const r = parseInventory(exampleText().replace('username: "48412345678"', 'username: "484 123 45678"'), 'inventory.yaml');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0]!.message).toMatch(/SIP user name .*spaces/);
  });

  it('without an admin user renders only the monitor and says apply cannot run', () => {
    const inv = inventory((t) => t.replace(/^ {4}admin: .*\n/m, ''));
    const text = renderPbxConfig(inv, { secret: placeholder })['manager.conf'];
    expect(sections(text).map((s) => s.name)).toEqual(['general', 'srw-monitor']);
    expect(text).toContain('`srw voip apply` cannot run');
  });
});

describe('renderPbxConfig: values that would break a line are refused', () => {
  it.each([
    { id: 'ext-201', value: 'abc\r\nAction: Originate', msg: /extension 201 secret: contains a line break or another control character/ },
    { id: 'ami-admin', value: 'abc\nread=all', msg: /AMI user srw-admin secret: contains a line break/ },
    { id: 'trunk-orange-trunk', value: 'pa;ss', msg: /trunk orange-trunk secret: contains ";"/ },
    { id: 'ext-202', value: 'x\u0007y', msg: /control character/ },
  ])('$id = $value', ({ id, value, msg }) => {
    const call = () => renderPbxConfig(inventory(), { secret: (i) => (i === id ? value : 'fine-secret') });
    expect(call).toThrow(ConfigValueError);
    expect(call).toThrow(msg);
  });
});
