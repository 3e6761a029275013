// @ts-nocheck
// https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_sdn_fabric_openfabric
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface VirtualEnvironmentSdnFabricOpenfabricConfig extends cdktf.TerraformMetaArguments {
  /**
  * The csnp_interval property for OpenFabric.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_sdn_fabric_openfabric#csnp_interval VirtualEnvironmentSdnFabricOpenfabric#csnp_interval}
  */
  readonly csnpInterval?: number;
  /**
  * The hello_interval property for OpenFabric.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_sdn_fabric_openfabric#hello_interval VirtualEnvironmentSdnFabricOpenfabric#hello_interval}
  */
  readonly helloInterval?: number;
  /**
  * The unique identifier of the SDN fabric.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_sdn_fabric_openfabric#id VirtualEnvironmentSdnFabricOpenfabric#id}
  *
  * Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.
  * If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.
  */
  readonly id: string;
  /**
  * IPv6 prefix cidr for the fabric.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_sdn_fabric_openfabric#ip6_prefix VirtualEnvironmentSdnFabricOpenfabric#ip6_prefix}
  */
  readonly ip6Prefix?: string;
  /**
  * IPv4 prefix cidr for the fabric.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_sdn_fabric_openfabric#ip_prefix VirtualEnvironmentSdnFabricOpenfabric#ip_prefix}
  */
  readonly ipPrefix?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_sdn_fabric_openfabric proxmox_virtual_environment_sdn_fabric_openfabric}
*/
export class VirtualEnvironmentSdnFabricOpenfabric extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "proxmox_virtual_environment_sdn_fabric_openfabric";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a VirtualEnvironmentSdnFabricOpenfabric resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the VirtualEnvironmentSdnFabricOpenfabric to import
  * @param importFromId The id of the existing VirtualEnvironmentSdnFabricOpenfabric that should be imported. Refer to the {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_sdn_fabric_openfabric#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the VirtualEnvironmentSdnFabricOpenfabric to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "proxmox_virtual_environment_sdn_fabric_openfabric", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_sdn_fabric_openfabric proxmox_virtual_environment_sdn_fabric_openfabric} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options VirtualEnvironmentSdnFabricOpenfabricConfig
  */
  public constructor(scope: Construct, id: string, config: VirtualEnvironmentSdnFabricOpenfabricConfig) {
    super(scope, id, {
      terraformResourceType: 'proxmox_virtual_environment_sdn_fabric_openfabric',
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
    this._csnpInterval = config.csnpInterval;
    this._helloInterval = config.helloInterval;
    this._id = config.id;
    this._ip6Prefix = config.ip6Prefix;
    this._ipPrefix = config.ipPrefix;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // csnp_interval - computed: false, optional: true, required: false
  private _csnpInterval?: number; 
  public get csnpInterval() {
    return this.getNumberAttribute('csnp_interval');
  }
  public set csnpInterval(value: number) {
    this._csnpInterval = value;
  }
  public resetCsnpInterval() {
    this._csnpInterval = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get csnpIntervalInput() {
    return this._csnpInterval;
  }

  // hello_interval - computed: false, optional: true, required: false
  private _helloInterval?: number; 
  public get helloInterval() {
    return this.getNumberAttribute('hello_interval');
  }
  public set helloInterval(value: number) {
    this._helloInterval = value;
  }
  public resetHelloInterval() {
    this._helloInterval = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get helloIntervalInput() {
    return this._helloInterval;
  }

  // id - computed: false, optional: false, required: true
  private _id?: string; 
  public get id() {
    return this.getStringAttribute('id');
  }
  public set id(value: string) {
    this._id = value;
  }
  // Temporarily expose input value. Use with caution.
  public get idInput() {
    return this._id;
  }

  // ip6_prefix - computed: false, optional: true, required: false
  private _ip6Prefix?: string; 
  public get ip6Prefix() {
    return this.getStringAttribute('ip6_prefix');
  }
  public set ip6Prefix(value: string) {
    this._ip6Prefix = value;
  }
  public resetIp6Prefix() {
    this._ip6Prefix = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ip6PrefixInput() {
    return this._ip6Prefix;
  }

  // ip_prefix - computed: false, optional: true, required: false
  private _ipPrefix?: string; 
  public get ipPrefix() {
    return this.getStringAttribute('ip_prefix');
  }
  public set ipPrefix(value: string) {
    this._ipPrefix = value;
  }
  public resetIpPrefix() {
    this._ipPrefix = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get ipPrefixInput() {
    return this._ipPrefix;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      csnp_interval: cdktf.numberToTerraform(this._csnpInterval),
      hello_interval: cdktf.numberToTerraform(this._helloInterval),
      id: cdktf.stringToTerraform(this._id),
      ip6_prefix: cdktf.stringToTerraform(this._ip6Prefix),
      ip_prefix: cdktf.stringToTerraform(this._ipPrefix),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      csnp_interval: {
        value: cdktf.numberToHclTerraform(this._csnpInterval),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      hello_interval: {
        value: cdktf.numberToHclTerraform(this._helloInterval),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      id: {
        value: cdktf.stringToHclTerraform(this._id),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ip6_prefix: {
        value: cdktf.stringToHclTerraform(this._ip6Prefix),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      ip_prefix: {
        value: cdktf.stringToHclTerraform(this._ipPrefix),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
