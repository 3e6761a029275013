// The inventory's `pjsip:` on an extension (written by import-pbx): refused where a value could
// escape its line of pjsip.conf or its AMI header, or put a password into the inventory; rendered
// verbatim otherwise, with the caller id following `ext set --name`.
import { describe, expect, it } from 'vitest';
import { parseInventory } from '../../../infra/inventory/index.js';
import { extensionCategories } from '../../../voip/extensions/pjsip.js';
import { exampleWithoutInbound } from '../extensions/fixture.js';

/** The example with extension 201's line replaced by `entry`. */
function withEntry(entry: string) {
  const text = exampleWithoutInbound().replace(/^ {4}- \{ number: 201,.*$/m, `    - ${entry}`);
  return { text, result: parseInventory(text, 'inventory.yaml') };
}
const pjsip = (endpoint: string) => `{ number: 201, name: "Anna Kowalska", voicemail: true, pjsip: { endpoint: [${endpoint}] } }`;

describe('pjsip: in the inventory', () => {
  it.each([
    ['a line break', '"context=internal\\nallow=all"'],
    ['a carriage return', '"context=internal\\r"'],
    ['an escape character', '"context=\\u001b[31minternal"'],
    ['a semicolon', '"context=internal;x"'],
    ['spaces around the value', '"context= internal"'],
    ['no name', '"=internal"'],
    ['a space in the name', '"con text=internal"'],
    ['another type=', '"type=aor"'],
  ])('refuses an endpoint option with %s, located at the field', (_what, line) => {
    const { result } = withEntry(pjsip(line));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]!.path.slice(0, 5)).toEqual(['pbx', 'extensions', 0, 'pjsip', 'endpoint']);
    expect(result.problems[0]!.line).toBeGreaterThan(0);
  });

  it('refuses a password written into authOptions: the inventory never holds one', () => {
    const { result } = withEntry(`{ number: 201, name: "A", voicemail: false, pjsip: { endpoint: ["auth=auth201"], authOptions: ["auth_type=userpass", "password=hunter2"] } }`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems.map((p) => p.message).join(' ')).toMatch(/`password` alone where the secret goes/);
  });

  it('renders the listed lines verbatim (repeated allow kept), the password from the secrets, the names it was given', () => {
    const { result } = withEntry(
      `{ number: 201, name: "Anna Kowalska", voicemail: false, pjsip: { endpoint: ["context=lab", "allow=alaw,ulaw", "allow=ulaw", "auth=201-auth", "aors=201", "callerid=Anna Kowalska <201>"], auth: "201-auth", authOptions: ["username=201", "password", "auth_type=userpass"], aorOptions: ["max_contacts=2"] } }`,
    );
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    const pbx = result.value.pbx!;
    const ext = pbx.extensions.find((e) => e.number === '201')!;
    const cats = extensionCategories(pbx, ext, (id) => (id === 'ext-201' ? 'S3cret-201' : 'x'));
    expect(cats.map((c) => [c.name, c.lines])).toEqual([
      ['201', [['type', 'endpoint'], ['context', 'lab'], ['allow', 'alaw,ulaw'], ['allow', 'ulaw'], ['auth', '201-auth'], ['aors', '201'], ['callerid', 'Anna Kowalska <201>']]],
      ['201-auth', [['type', 'auth'], ['username', '201'], ['password', 'S3cret-201'], ['auth_type', 'userpass']]],
      ['201', [['type', 'aor'], ['max_contacts', '2']]],
    ]);
    // After `ext set --name` the display name follows the inventory.
    const renamed = extensionCategories(pbx, { ...ext, name: 'Anna Nowak' }, () => 'S3cret-201');
    expect(renamed[0]!.lines.find(([k]) => k === 'callerid')).toEqual(['callerid', '"Anna Nowak" <201>']);
  });

  it('an extension may leave out its department', () => {
    const { result } = withEntry('{ number: 201, name: "Anna Kowalska", voicemail: true }');
    expect(result.ok).toBe(true);
  });
});
