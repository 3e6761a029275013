import { describe, expect, it } from 'vitest';
import { inertString, inertTemplates, live } from '../../../infra/proxmox/terraform-template.js';

describe('inertString', () => {
  it('escapes every template sequence except live() fragments, which lose their tags', () => {
    expect(inertString('a ${x} %{ if y } $${z}')).toBe('a $${x} %%{ if y } $$${z}');
    expect(inertString(`password = ${live('${var.secret_ext_201}')} and \${EXTEN}`)).toBe('password = ${var.secret_ext_201} and $${EXTEN}');
    expect(inertString(live('${a}') + '${b}' + live('${c}'))).toBe('${a}$${b}${c}');
  });

  it('a forged tag is not a live fragment: the tag is random per process', () => {
    const forged = '\u{E000}srw-live-AAAAAAAAAAAAAAAA\u{E001}${var.secret}\u{E002}srw-live-AAAAAAAAAAAAAAAA\u{E003}';
    expect(inertString(forged)).toContain('$${var.secret}');
  });
});

describe('inertTemplates', () => {
  it('walks resources, providers and keys; leaves the terraform block, variables and cdktf comments alone', () => {
    const tf = {
      '//': { metadata: { path: '${not-evaluated}' } },
      terraform: { backend: { local: { path: 'x' } } },
      variable: { v: { description: 'PBX secret ${id}' } },
      provider: { proxmox: [{ endpoint: 'https://${x}', api_token: live('${var.t}') }] },
      resource: { t: { n: { description: '${file("/etc/shadow")}', tags: ['%{x}'], labels: { '${k}': 'v' }, '//': { metadata: '${m}' } } } },
    };
    expect(inertTemplates(tf)).toEqual({
      '//': { metadata: { path: '${not-evaluated}' } },
      terraform: { backend: { local: { path: 'x' } } },
      variable: { v: { description: 'PBX secret ${id}' } },
      provider: { proxmox: [{ endpoint: 'https://$${x}', api_token: '${var.t}' }] },
      resource: { t: { n: { description: '$${file("/etc/shadow")}', tags: ['%%{x}'], labels: { '$${k}': 'v' }, '//': { metadata: '${m}' } } } },
    });
  });
});
