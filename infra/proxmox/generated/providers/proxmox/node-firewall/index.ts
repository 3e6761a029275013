// @ts-nocheck
// https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface NodeFirewallConfig extends cdktf.TerraformMetaArguments {
  /**
  * Enable host firewall rules (defaults to `true`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#enabled NodeFirewall#enabled}
  */
  readonly enabled?: boolean | cdktf.IResolvable;
  /**
  * Log level for forwarded traffic. Must be one of: `emerg`, `alert`, `crit`, `err`, `warning`, `notice`, `info`, `debug`, `nolog` (defaults to `nolog`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#log_level_forward NodeFirewall#log_level_forward}
  */
  readonly logLevelForward?: string;
  /**
  * Log level for incoming traffic. Must be one of: `emerg`, `alert`, `crit`, `err`, `warning`, `notice`, `info`, `debug`, `nolog` (defaults to `nolog`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#log_level_in NodeFirewall#log_level_in}
  */
  readonly logLevelIn?: string;
  /**
  * Log level for outgoing traffic. Must be one of: `emerg`, `alert`, `crit`, `err`, `warning`, `notice`, `info`, `debug`, `nolog` (defaults to `nolog`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#log_level_out NodeFirewall#log_level_out}
  */
  readonly logLevelOut?: string;
  /**
  * Enable NDP - Neighbor Discovery Protocol (defaults to `true`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#ndp NodeFirewall#ndp}
  */
  readonly ndp?: boolean | cdktf.IResolvable;
  /**
  * Maximum number of tracked connections (defaults to `262144`). Minimum value is `32768`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#nf_conntrack_max NodeFirewall#nf_conntrack_max}
  */
  readonly nfConntrackMax?: number;
  /**
  * Conntrack established timeout in seconds (defaults to `432000` - 5 days). Minimum value is `7875`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#nf_conntrack_tcp_timeout_established NodeFirewall#nf_conntrack_tcp_timeout_established}
  */
  readonly nfConntrackTcpTimeoutEstablished?: number;
  /**
  * Enable nftables based firewall (tech preview, defaults to `false`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#nftables NodeFirewall#nftables}
  */
  readonly nftables?: boolean | cdktf.IResolvable;
  /**
  * The cluster node name.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#node_name NodeFirewall#node_name}
  */
  readonly nodeName: string;
  /**
  * Enable SMURFS filter (defaults to `true`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#nosmurfs NodeFirewall#nosmurfs}
  */
  readonly nosmurfs?: boolean | cdktf.IResolvable;
  /**
  * Log level for SMURFS filter. Must be one of: `emerg`, `alert`, `crit`, `err`, `warning`, `notice`, `info`, `debug`, `nolog` (defaults to `nolog`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#smurf_log_level NodeFirewall#smurf_log_level}
  */
  readonly smurfLogLevel?: string;
  /**
  * Log level for illegal tcp flags filter. Must be one of: `emerg`, `alert`, `crit`, `err`, `warning`, `notice`, `info`, `debug`, `nolog` (defaults to `nolog`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#tcp_flags_log_level NodeFirewall#tcp_flags_log_level}
  */
  readonly tcpFlagsLogLevel?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall proxmox_node_firewall}
*/
export class NodeFirewall extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "proxmox_node_firewall";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a NodeFirewall resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the NodeFirewall to import
  * @param importFromId The id of the existing NodeFirewall that should be imported. Refer to the {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the NodeFirewall to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "proxmox_node_firewall", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/node_firewall proxmox_node_firewall} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options NodeFirewallConfig
  */
  public constructor(scope: Construct, id: string, config: NodeFirewallConfig) {
    super(scope, id, {
      terraformResourceType: 'proxmox_node_firewall',
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
    this._enabled = config.enabled;
    this._logLevelForward = config.logLevelForward;
    this._logLevelIn = config.logLevelIn;
    this._logLevelOut = config.logLevelOut;
    this._ndp = config.ndp;
    this._nfConntrackMax = config.nfConntrackMax;
    this._nfConntrackTcpTimeoutEstablished = config.nfConntrackTcpTimeoutEstablished;
    this._nftables = config.nftables;
    this._nodeName = config.nodeName;
    this._nosmurfs = config.nosmurfs;
    this._smurfLogLevel = config.smurfLogLevel;
    this._tcpFlagsLogLevel = config.tcpFlagsLogLevel;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // enabled - computed: true, optional: true, required: false
  private _enabled?: boolean | cdktf.IResolvable; 
  public get enabled() {
    return this.getBooleanAttribute('enabled');
  }
  public set enabled(value: boolean | cdktf.IResolvable) {
    this._enabled = value;
  }
  public resetEnabled() {
    this._enabled = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enabledInput() {
    return this._enabled;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // log_level_forward - computed: true, optional: true, required: false
  private _logLevelForward?: string; 
  public get logLevelForward() {
    return this.getStringAttribute('log_level_forward');
  }
  public set logLevelForward(value: string) {
    this._logLevelForward = value;
  }
  public resetLogLevelForward() {
    this._logLevelForward = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get logLevelForwardInput() {
    return this._logLevelForward;
  }

  // log_level_in - computed: true, optional: true, required: false
  private _logLevelIn?: string; 
  public get logLevelIn() {
    return this.getStringAttribute('log_level_in');
  }
  public set logLevelIn(value: string) {
    this._logLevelIn = value;
  }
  public resetLogLevelIn() {
    this._logLevelIn = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get logLevelInInput() {
    return this._logLevelIn;
  }

  // log_level_out - computed: true, optional: true, required: false
  private _logLevelOut?: string; 
  public get logLevelOut() {
    return this.getStringAttribute('log_level_out');
  }
  public set logLevelOut(value: string) {
    this._logLevelOut = value;
  }
  public resetLogLevelOut() {
    this._logLevelOut = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get logLevelOutInput() {
    return this._logLevelOut;
  }

  // ndp - computed: true, optional: true, required: false
  private _ndp?: boolean | cdktf.IResolvable; 
  public get ndp() {
    return this.getBooleanAttribute('ndp');
  }
  public set ndp(value: boolean | cdktf.IResolvable) {
    this._ndp = value;
  }
  public resetNdp() {
    this._ndp = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ndpInput() {
    return this._ndp;
  }

  // nf_conntrack_max - computed: true, optional: true, required: false
  private _nfConntrackMax?: number; 
  public get nfConntrackMax() {
    return this.getNumberAttribute('nf_conntrack_max');
  }
  public set nfConntrackMax(value: number) {
    this._nfConntrackMax = value;
  }
  public resetNfConntrackMax() {
    this._nfConntrackMax = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nfConntrackMaxInput() {
    return this._nfConntrackMax;
  }

  // nf_conntrack_tcp_timeout_established - computed: true, optional: true, required: false
  private _nfConntrackTcpTimeoutEstablished?: number; 
  public get nfConntrackTcpTimeoutEstablished() {
    return this.getNumberAttribute('nf_conntrack_tcp_timeout_established');
  }
  public set nfConntrackTcpTimeoutEstablished(value: number) {
    this._nfConntrackTcpTimeoutEstablished = value;
  }
  public resetNfConntrackTcpTimeoutEstablished() {
    this._nfConntrackTcpTimeoutEstablished = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nfConntrackTcpTimeoutEstablishedInput() {
    return this._nfConntrackTcpTimeoutEstablished;
  }

  // nftables - computed: true, optional: true, required: false
  private _nftables?: boolean | cdktf.IResolvable; 
  public get nftables() {
    return this.getBooleanAttribute('nftables');
  }
  public set nftables(value: boolean | cdktf.IResolvable) {
    this._nftables = value;
  }
  public resetNftables() {
    this._nftables = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nftablesInput() {
    return this._nftables;
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

  // nosmurfs - computed: true, optional: true, required: false
  private _nosmurfs?: boolean | cdktf.IResolvable; 
  public get nosmurfs() {
    return this.getBooleanAttribute('nosmurfs');
  }
  public set nosmurfs(value: boolean | cdktf.IResolvable) {
    this._nosmurfs = value;
  }
  public resetNosmurfs() {
    this._nosmurfs = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nosmurfsInput() {
    return this._nosmurfs;
  }

  // smurf_log_level - computed: true, optional: true, required: false
  private _smurfLogLevel?: string; 
  public get smurfLogLevel() {
    return this.getStringAttribute('smurf_log_level');
  }
  public set smurfLogLevel(value: string) {
    this._smurfLogLevel = value;
  }
  public resetSmurfLogLevel() {
    this._smurfLogLevel = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get smurfLogLevelInput() {
    return this._smurfLogLevel;
  }

  // tcp_flags_log_level - computed: true, optional: true, required: false
  private _tcpFlagsLogLevel?: string; 
  public get tcpFlagsLogLevel() {
    return this.getStringAttribute('tcp_flags_log_level');
  }
  public set tcpFlagsLogLevel(value: string) {
    this._tcpFlagsLogLevel = value;
  }
  public resetTcpFlagsLogLevel() {
    this._tcpFlagsLogLevel = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get tcpFlagsLogLevelInput() {
    return this._tcpFlagsLogLevel;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      enabled: cdktf.booleanToTerraform(this._enabled),
      log_level_forward: cdktf.stringToTerraform(this._logLevelForward),
      log_level_in: cdktf.stringToTerraform(this._logLevelIn),
      log_level_out: cdktf.stringToTerraform(this._logLevelOut),
      ndp: cdktf.booleanToTerraform(this._ndp),
      nf_conntrack_max: cdktf.numberToTerraform(this._nfConntrackMax),
      nf_conntrack_tcp_timeout_established: cdktf.numberToTerraform(this._nfConntrackTcpTimeoutEstablished),
      nftables: cdktf.booleanToTerraform(this._nftables),
      node_name: cdktf.stringToTerraform(this._nodeName),
      nosmurfs: cdktf.booleanToTerraform(this._nosmurfs),
      smurf_log_level: cdktf.stringToTerraform(this._smurfLogLevel),
      tcp_flags_log_level: cdktf.stringToTerraform(this._tcpFlagsLogLevel),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      enabled: {
        value: cdktf.booleanToHclTerraform(this._enabled),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      log_level_forward: {
        value: cdktf.stringToHclTerraform(this._logLevelForward),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      log_level_in: {
        value: cdktf.stringToHclTerraform(this._logLevelIn),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      log_level_out: {
        value: cdktf.stringToHclTerraform(this._logLevelOut),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ndp: {
        value: cdktf.booleanToHclTerraform(this._ndp),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      nf_conntrack_max: {
        value: cdktf.numberToHclTerraform(this._nfConntrackMax),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      nf_conntrack_tcp_timeout_established: {
        value: cdktf.numberToHclTerraform(this._nfConntrackTcpTimeoutEstablished),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      nftables: {
        value: cdktf.booleanToHclTerraform(this._nftables),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      node_name: {
        value: cdktf.stringToHclTerraform(this._nodeName),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      nosmurfs: {
        value: cdktf.booleanToHclTerraform(this._nosmurfs),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      smurf_log_level: {
        value: cdktf.stringToHclTerraform(this._smurfLogLevel),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      tcp_flags_log_level: {
        value: cdktf.stringToHclTerraform(this._tcpFlagsLogLevel),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
