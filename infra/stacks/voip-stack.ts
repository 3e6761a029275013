// voip: the Asterisk PBX guest with its configuration rendered by voip/ from the inventory.
import type { Construct } from '../proxmox/cdk.js';
import { renderPbxConfig } from '../../voip/extensions/render.js';
import { guestSite } from '../constructs/guest-site.js';
import { PbxServer } from '../constructs/pbx-server.js';
import { GuestFirewall } from '../constructs/firewall.js';
import { imageFor, pbxHost } from './placement.js';
import { secretVariables } from './secret-variables.js';
import { SrwStack, type SrwStackProps } from './srw-stack.js';

export class VoipStack extends SrwStack {
  readonly pbx?: PbxServer;

  constructor(scope: Construct, name: string, props: SrwStackProps) {
    super(scope, name, props);
    const inv = props.inventory;
    const host = pbxHost(inv);
    if (!inv.pbx || !host) return;
    const config = renderPbxConfig(inv, { secret: secretVariables(this) });
    this.pbx = new PbxServer(this, 'pbx', { host, pbx: inv.pbx, site: guestSite(inv), config, imageFileId: imageFor(inv, host), timezone: inv.site.timezone });
    new GuestFirewall(this, 'firewall', { host, guest: this.pbx.guest.guest.resource });
  }
}
