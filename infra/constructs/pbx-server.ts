// The Asterisk PBX guest: its first boot installs Asterisk and writes pjsip.conf,
// extensions.conf, manager.conf, voicemail.conf (and queues.conf with call flows) as rendered by voip/ from the inventory. The rendering is not
// done here: the stack passes the rendered files in, with secrets as variable markers only.
import { Construct, type ITerraformDependable } from '../proxmox/cdk.js';
import type { Host, Pbx } from '../inventory/index.js';
import { checkProps, type PropsRule } from './props-rules.js';
import type { GuestSite } from './guest-site.js';
import { ProvisionedGuest } from './provisioned-guest.js';
import type { WriteFile } from './cloud-init.js';

/** What voip/extensions/render.ts renderPbxConfig() returns. */
export type PbxConfigFiles = {
  readonly 'pjsip.conf': string;
  readonly 'extensions.conf': string;
  readonly 'manager.conf': string;
  readonly 'voicemail.conf': string;
  readonly 'queues.conf'?: string;
};

export interface PbxServerProps {
  /** The inventory host named by pbx.host. */
  readonly host: Host;
  readonly pbx: Pbx;
  readonly site: GuestSite;
  /** Rendered Asterisk configuration; secrets only as variableMarker()s, never values. */
  readonly config: PbxConfigFiles;
  /** Cloud image volume id on the host's node (when the host names no template). */
  readonly imageFileId?: string;
  /** @default none */
  readonly after?: readonly ITerraformDependable[];
  /** @default none */
  readonly timezone?: string;
  /**
   * The city's recorded prompts (voip/callflows/prompts.ts): path relative to Asterisk's sounds
   * directory with its format (custom/um-menu.wav), content base64. @default none
   */
  readonly prompts?: readonly { readonly soundPath: string; readonly base64: string }[];
}

const CONFIG_NAMES = ['pjsip.conf', 'extensions.conf', 'manager.conf', 'voicemail.conf'] as const;
/** Rendered only when the inventory has call flows. */
const OPTIONAL_NAMES = ['queues.conf'] as const;
const STAGING = '/etc/srw/asterisk';
const SOUNDS_STAGING = `${STAGING}/sounds`;

const rules: readonly PropsRule<PbxServerProps>[] = [
  { when: (p) => p.host.name !== p.pbx.host, message: (p) => `host ${p.host.name} is not the PBX host (pbx.host is ${p.pbx.host})` },
  { when: (p) => CONFIG_NAMES.some((n) => !p.config[n]?.trim()), message: () => 'pjsip.conf, extensions.conf, manager.conf and voicemail.conf must all be rendered' },
  // The path lands in a shell loop and under the sounds directory: no way out of either.
  { when: (p) => (p.prompts ?? []).some((f) => !/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*\.[a-z0-9]+$/.test(f.soundPath)), message: () => 'a prompt path must be a sound name with its format, such as custom/um-menu.wav' },
];

export class PbxServer extends Construct {
  readonly guest: ProvisionedGuest;

  constructor(scope: Construct, id: string, props: PbxServerProps) {
    super(scope, id);
    checkProps('PbxServer', props, rules);
    const names = [...CONFIG_NAMES, ...OPTIONAL_NAMES.filter((n) => props.config[n] !== undefined)];
    const files: WriteFile[] = [
      // Staged as root:root 0600: the asterisk user does not exist yet when cloud-init writes files.
      ...names.map((n) => ({ path: `${STAGING}/${n}`, content: props.config[n]!, permissions: '0600' })),
      ...(props.prompts ?? []).map((f) => ({ path: `${SOUNDS_STAGING}/${f.soundPath}`, content: f.base64, encoding: 'b64' as const, permissions: '0644' })),
      { path: '/usr/local/sbin/srw-install-asterisk', content: installScript(names, (props.prompts ?? []).map((f) => f.soundPath)), permissions: '0755' },
    ];
    this.guest = new ProvisionedGuest(this, 'guest', {
      host: props.host,
      site: props.site,
      files,
      packages: ['ca-certificates'],
      commands: ['/usr/local/sbin/srw-install-asterisk'],
      imageFileId: props.imageFileId,
      after: props.after,
      timezone: props.timezone,
    });
  }
}

/** Asterisk from the image or an apt source (never built here); then installs the staged config. */
export function installScript(names: readonly string[] = CONFIG_NAMES, prompts: readonly string[] = []): string {
  return `#!/bin/sh
# Installs Asterisk and the configuration srw rendered from the inventory.
set -eu
export DEBIAN_FRONTEND=noninteractive
if ! command -v asterisk >/dev/null 2>&1; then
  if apt-cache show asterisk >/dev/null 2>&1; then
    apt-get install -y asterisk
  else
    # srw never builds Asterisk: the guest's image or an apt repository of the site brings it.
    echo "srw: Asterisk is not installed and no apt source carries it: give the pbx host an image with Asterisk 22 installed, or an apt repository that has it, then run $0 again" >&2
    exit 1
  fi
fi
install -d -o asterisk -g asterisk /etc/asterisk
# srw voip apply rewrites these through Asterisk (UpdateConfig saves in place as the asterisk
# user); manager.conf stays root's, so no AMI user can rewrite the AMI users.
for f in ${names.join(' ')}; do
  owner=asterisk
  [ "$f" = manager.conf ] && owner=root
  install -m 0640 -o "$owner" -g asterisk "${STAGING}/$f" "/etc/asterisk/$f"
done
# srw voip apply's backup and staging copies: every SIP password, in files AMI creates 0644.
install -d -m 0700 -o asterisk -g asterisk /etc/asterisk/srw
${prompts.length === 0 ? '' : `# The city's recorded prompts, into the sounds directory asterisk.conf names (a Debian package
# says /usr/share/asterisk, a build from source /var/lib/asterisk).
datadir=$(sed -n 's/^[[:space:]]*astdatadir[[:space:]]*=>*[[:space:]]*//p' /etc/asterisk/asterisk.conf 2>/dev/null | head -n 1)
datadir=\${datadir:-/var/lib/asterisk}
for f in ${prompts.join(' ')}; do
  install -D -m 0644 "${SOUNDS_STAGING}/$f" "$datadir/sounds/$f"
done
`}systemctl enable asterisk
systemctl restart asterisk
`;
}
