// voip: the Asterisk PBX guest with its configuration rendered by voip/ from the inventory.
import type { Construct } from '../proxmox/cdk.js';
import { renderPbxConfig } from '../../voip/extensions/render.js';
import { guestSite } from '../constructs/guest-site.js';
import { PbxServer, type PbxServerProps } from '../constructs/pbx-server.js';
import { GuestFirewall } from '../constructs/firewall.js';
import { imageFor, pbxHost } from './placement.js';
import { secretVariableName, secretVariables } from './secret-variables.js';
import { SrwStack, type SrwStackProps } from './srw-stack.js';
import { live } from '../proxmox/terraform-template.js';

export interface VoipStackProps extends SrwStackProps {
  /** The city's recorded prompts (voip/callflows/prompts.ts promptPayloads). @default none */
  readonly prompts?: PbxServerProps['prompts'];
}

export class VoipStack extends SrwStack {
  readonly pbx?: PbxServer;

  constructor(scope: Construct, name: string, props: VoipStackProps) {
    super(scope, name, props);
    const inv = props.inventory;
    const host = pbxHost(inv);
    if (!inv.pbx || !host) return;
    const config = renderPbxConfig(inv, { secret: secretVariables(this) });
    this.pbx = new PbxServer(this, 'pbx', { host, pbx: inv.pbx, site: guestSite(inv), config, imageFileId: imageFor(inv, host), timezone: inv.site.timezone, prompts: props.prompts });
    this.checkVoicemailPins(this.pbx, inv.pbx.extensions.filter((e) => e.voicemail).map((e) => e.number));
    new GuestFirewall(this, 'firewall', { host, guest: this.pbx.guest.guest.resource });
  }

  /**
   * PINs reach voicemail.conf as TF_VAR_secret_vm_<n>, never through srw, so srw cannot check
   * them: Terraform does, before it uploads the user-data that carries voicemail.conf, with the
   * rule `srw voip render` applies (4-10 digits, not the mailbox number).
   *
   * A precondition on the upload, not a `validation` block on the variable: Terraform (1.11) and
   * OpenTofu print the failing value of every variable a validation condition names, sensitive
   * or not ("var.secret_vm_201 is \"12ab\"", opentofu/opentofu#2219); a failed precondition
   * prints only its error message.
   */
  private checkVoicemailPins(server: PbxServer, numbers: readonly string[]): void {
    if (numbers.length === 0) return;
    const upload = server.guest.snippet.resource;
    const precondition = numbers.map((n) => {
      const v = `var.${secretVariableName(`vm-${n}`)}`;
      return {
        condition: live(`\${can(regex("^[0-9]{4,10}$", ${v})) && ${v} != "${n}"}`),
        errorMessage: `The voicemail PIN of extension ${n} (TF_VAR_${secretVariableName(`vm-${n}`)}) must be 4 to 10 digits and differ from the mailbox number.`,
      };
    });
    upload.lifecycle = { ...upload.lifecycle, precondition: [...(upload.lifecycle?.precondition ?? []), ...precondition] };
  }
}
