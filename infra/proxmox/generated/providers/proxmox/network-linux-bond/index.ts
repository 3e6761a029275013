// @ts-nocheck
// https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface NetworkLinuxBondConfig extends cdktf.TerraformMetaArguments {
  /**
  * The interface IPv4/CIDR address.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#address NetworkLinuxBond#address}
  */
  readonly address?: string;
  /**
  * The interface IPv6/CIDR address.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#address6 NetworkLinuxBond#address6}
  */
  readonly address6?: string;
  /**
  * Automatically start interface on boot (defaults to `true`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#autostart NetworkLinuxBond#autostart}
  */
  readonly autostart?: boolean | cdktf.IResolvable;
  /**
  * The bonding mode. Possible values are `balance-rr`, `active-backup`, `balance-xor`, `broadcast`, `802.3ad`, `balance-tlb`, `balance-alb`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#bond_mode NetworkLinuxBond#bond_mode}
  */
  readonly bondMode?: string;
  /**
  * The primary interface for `active-backup` bond mode. Specifies which slave interface should be the active one.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#bond_primary NetworkLinuxBond#bond_primary}
  */
  readonly bondPrimary?: string;
  /**
  * The transmit hash policy for `balance-xor` and `802.3ad` bond modes. Possible values are `layer2`, `layer2+3`, `layer3+4`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#bond_xmit_hash_policy NetworkLinuxBond#bond_xmit_hash_policy}
  */
  readonly bondXmitHashPolicy?: string;
  /**
  * Comment for the interface.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#comment NetworkLinuxBond#comment}
  */
  readonly comment?: string;
  /**
  * Default gateway address.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#gateway NetworkLinuxBond#gateway}
  */
  readonly gateway?: string;
  /**
  * Default IPv6 gateway address.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#gateway6 NetworkLinuxBond#gateway6}
  */
  readonly gateway6?: string;
  /**
  * The interface MTU.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#mtu NetworkLinuxBond#mtu}
  */
  readonly mtu?: number;
  /**
  * The interface name. Must be `bond[N]`, where 0 ≤ N (e.g. bond0, bond1), or any alphanumeric string that starts with a character and is at most 10 characters long.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#name NetworkLinuxBond#name}
  */
  readonly name: string;
  /**
  * The name of the node.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#node_name NetworkLinuxBond#node_name}
  */
  readonly nodeName: string;
  /**
  * The interface bond slaves (member interfaces).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#slaves NetworkLinuxBond#slaves}
  */
  readonly slaves: string[];
  /**
  * Timeout for network reload operations in seconds (defaults to `100`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#timeout_reload NetworkLinuxBond#timeout_reload}
  */
  readonly timeoutReload?: number;
}

/**
* Represents a {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond proxmox_network_linux_bond}
*/
export class NetworkLinuxBond extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "proxmox_network_linux_bond";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a NetworkLinuxBond resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the NetworkLinuxBond to import
  * @param importFromId The id of the existing NetworkLinuxBond that should be imported. Refer to the {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the NetworkLinuxBond to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "proxmox_network_linux_bond", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/network_linux_bond proxmox_network_linux_bond} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options NetworkLinuxBondConfig
  */
  public constructor(scope: Construct, id: string, config: NetworkLinuxBondConfig) {
    super(scope, id, {
      terraformResourceType: 'proxmox_network_linux_bond',
      terraformGeneratorMetadata: {
        providerName: 'proxmox',
        providerVersion: '0.111.1',
        providerVersionConstraint: '0.111.1'
      },
      provider: config.provider,
      dependsOn: config.dependsOn,
      count: config.count,
      lifecycle: config.lifecycle,
      provisioners: config.provisioners,
      connection: config.connection,
      forEach: config.forEach
    });
    this._address = config.address;
    this._address6 = config.address6;
    this._autostart = config.autostart;
    this._bondMode = config.bondMode;
    this._bondPrimary = config.bondPrimary;
    this._bondXmitHashPolicy = config.bondXmitHashPolicy;
    this._comment = config.comment;
    this._gateway = config.gateway;
    this._gateway6 = config.gateway6;
    this._mtu = config.mtu;
    this._name = config.name;
    this._nodeName = config.nodeName;
    this._slaves = config.slaves;
    this._timeoutReload = config.timeoutReload;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // address - computed: false, optional: true, required: false
  private _address?: string; 
  public get address() {
    return this.getStringAttribute('address');
  }
  public set address(value: string) {
    this._address = value;
  }
  public resetAddress() {
    this._address = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get addressInput() {
    return this._address;
  }

  // address6 - computed: false, optional: true, required: false
  private _address6?: string; 
  public get address6() {
    return this.getStringAttribute('address6');
  }
  public set address6(value: string) {
    this._address6 = value;
  }
  public resetAddress6() {
    this._address6 = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get address6Input() {
    return this._address6;
  }

  // autostart - computed: true, optional: true, required: false
  private _autostart?: boolean | cdktf.IResolvable; 
  public get autostart() {
    return this.getBooleanAttribute('autostart');
  }
  public set autostart(value: boolean | cdktf.IResolvable) {
    this._autostart = value;
  }
  public resetAutostart() {
    this._autostart = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get autostartInput() {
    return this._autostart;
  }

  // bond_mode - computed: true, optional: true, required: false
  private _bondMode?: string; 
  public get bondMode() {
    return this.getStringAttribute('bond_mode');
  }
  public set bondMode(value: string) {
    this._bondMode = value;
  }
  public resetBondMode() {
    this._bondMode = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bondModeInput() {
    return this._bondMode;
  }

  // bond_primary - computed: false, optional: true, required: false
  private _bondPrimary?: string; 
  public get bondPrimary() {
    return this.getStringAttribute('bond_primary');
  }
  public set bondPrimary(value: string) {
    this._bondPrimary = value;
  }
  public resetBondPrimary() {
    this._bondPrimary = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bondPrimaryInput() {
    return this._bondPrimary;
  }

  // bond_xmit_hash_policy - computed: false, optional: true, required: false
  private _bondXmitHashPolicy?: string; 
  public get bondXmitHashPolicy() {
    return this.getStringAttribute('bond_xmit_hash_policy');
  }
  public set bondXmitHashPolicy(value: string) {
    this._bondXmitHashPolicy = value;
  }
  public resetBondXmitHashPolicy() {
    this._bondXmitHashPolicy = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get bondXmitHashPolicyInput() {
    return this._bondXmitHashPolicy;
  }

  // comment - computed: false, optional: true, required: false
  private _comment?: string; 
  public get comment() {
    return this.getStringAttribute('comment');
  }
  public set comment(value: string) {
    this._comment = value;
  }
  public resetComment() {
    this._comment = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get commentInput() {
    return this._comment;
  }

  // gateway - computed: false, optional: true, required: false
  private _gateway?: string; 
  public get gateway() {
    return this.getStringAttribute('gateway');
  }
  public set gateway(value: string) {
    this._gateway = value;
  }
  public resetGateway() {
    this._gateway = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get gatewayInput() {
    return this._gateway;
  }

  // gateway6 - computed: false, optional: true, required: false
  private _gateway6?: string; 
  public get gateway6() {
    return this.getStringAttribute('gateway6');
  }
  public set gateway6(value: string) {
    this._gateway6 = value;
  }
  public resetGateway6() {
    this._gateway6 = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get gateway6Input() {
    return this._gateway6;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // mtu - computed: false, optional: true, required: false
  private _mtu?: number; 
  public get mtu() {
    return this.getNumberAttribute('mtu');
  }
  public set mtu(value: number) {
    this._mtu = value;
  }
  public resetMtu() {
    this._mtu = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get mtuInput() {
    return this._mtu;
  }

  // name - computed: false, optional: false, required: true
  private _name?: string; 
  public get name() {
    return this.getStringAttribute('name');
  }
  public set name(value: string) {
    this._name = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nameInput() {
    return this._name;
  }

  // node_name - computed: false, optional: false, required: true
  private _nodeName?: string; 
  public get nodeName() {
    return this.getStringAttribute('node_name');
  }
  public set nodeName(value: string) {
    this._nodeName = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nodeNameInput() {
    return this._nodeName;
  }

  // slaves - computed: false, optional: false, required: true
  private _slaves?: string[]; 
  public get slaves() {
    return this.getListAttribute('slaves');
  }
  public set slaves(value: string[]) {
    this._slaves = value;
  }
  // Temporarily expose input value. Use with caution.
  public get slavesInput() {
    return this._slaves;
  }

  // timeout_reload - computed: true, optional: true, required: false
  private _timeoutReload?: number; 
  public get timeoutReload() {
    return this.getNumberAttribute('timeout_reload');
  }
  public set timeoutReload(value: number) {
    this._timeoutReload = value;
  }
  public resetTimeoutReload() {
    this._timeoutReload = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get timeoutReloadInput() {
    return this._timeoutReload;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      address: cdktf.stringToTerraform(this._address),
      address6: cdktf.stringToTerraform(this._address6),
      autostart: cdktf.booleanToTerraform(this._autostart),
      bond_mode: cdktf.stringToTerraform(this._bondMode),
      bond_primary: cdktf.stringToTerraform(this._bondPrimary),
      bond_xmit_hash_policy: cdktf.stringToTerraform(this._bondXmitHashPolicy),
      comment: cdktf.stringToTerraform(this._comment),
      gateway: cdktf.stringToTerraform(this._gateway),
      gateway6: cdktf.stringToTerraform(this._gateway6),
      mtu: cdktf.numberToTerraform(this._mtu),
      name: cdktf.stringToTerraform(this._name),
      node_name: cdktf.stringToTerraform(this._nodeName),
      slaves: cdktf.listMapper(cdktf.stringToTerraform, false)(this._slaves),
      timeout_reload: cdktf.numberToTerraform(this._timeoutReload),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      address: {
        value: cdktf.stringToHclTerraform(this._address),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      address6: {
        value: cdktf.stringToHclTerraform(this._address6),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      autostart: {
        value: cdktf.booleanToHclTerraform(this._autostart),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      bond_mode: {
        value: cdktf.stringToHclTerraform(this._bondMode),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      bond_primary: {
        value: cdktf.stringToHclTerraform(this._bondPrimary),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      bond_xmit_hash_policy: {
        value: cdktf.stringToHclTerraform(this._bondXmitHashPolicy),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      comment: {
        value: cdktf.stringToHclTerraform(this._comment),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      gateway: {
        value: cdktf.stringToHclTerraform(this._gateway),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      gateway6: {
        value: cdktf.stringToHclTerraform(this._gateway6),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      mtu: {
        value: cdktf.numberToHclTerraform(this._mtu),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      name: {
        value: cdktf.stringToHclTerraform(this._name),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      node_name: {
        value: cdktf.stringToHclTerraform(this._nodeName),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      slaves: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._slaves),
        isBlock: false,
        type: "list",
        storageClassType: "stringList",
      },
      timeout_reload: {
        value: cdktf.numberToHclTerraform(this._timeoutReload),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
