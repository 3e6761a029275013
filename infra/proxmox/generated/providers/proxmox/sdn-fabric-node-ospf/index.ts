// @ts-nocheck
// https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/sdn_fabric_node_ospf
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface SdnFabricNodeOspfConfig extends cdktf.TerraformMetaArguments {
  /**
  * The unique identifier of the SDN fabric.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/sdn_fabric_node_ospf#fabric_id SdnFabricNodeOspf#fabric_id}
  */
  readonly fabricId: string;
  /**
  * Set of interfaces associated with the fabric node.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/sdn_fabric_node_ospf#interface_names SdnFabricNodeOspf#interface_names}
  */
  readonly interfaceNames: string[];
  /**
  * IPv4 address for the fabric node.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/sdn_fabric_node_ospf#ip SdnFabricNodeOspf#ip}
  */
  readonly ip: string;
  /**
  * The unique identifier of the SDN fabric node.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/sdn_fabric_node_ospf#node_id SdnFabricNodeOspf#node_id}
  */
  readonly nodeId: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/sdn_fabric_node_ospf proxmox_sdn_fabric_node_ospf}
*/
export class SdnFabricNodeOspf extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "proxmox_sdn_fabric_node_ospf";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a SdnFabricNodeOspf resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the SdnFabricNodeOspf to import
  * @param importFromId The id of the existing SdnFabricNodeOspf that should be imported. Refer to the {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/sdn_fabric_node_ospf#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the SdnFabricNodeOspf to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "proxmox_sdn_fabric_node_ospf", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/sdn_fabric_node_ospf proxmox_sdn_fabric_node_ospf} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options SdnFabricNodeOspfConfig
  */
  public constructor(scope: Construct, id: string, config: SdnFabricNodeOspfConfig) {
    super(scope, id, {
      terraformResourceType: 'proxmox_sdn_fabric_node_ospf',
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
    this._fabricId = config.fabricId;
    this._interfaceNames = config.interfaceNames;
    this._ip = config.ip;
    this._nodeId = config.nodeId;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // fabric_id - computed: false, optional: false, required: true
  private _fabricId?: string; 
  public get fabricId() {
    return this.getStringAttribute('fabric_id');
  }
  public set fabricId(value: string) {
    this._fabricId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get fabricIdInput() {
    return this._fabricId;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // interface_names - computed: false, optional: false, required: true
  private _interfaceNames?: string[]; 
  public get interfaceNames() {
    return cdktf.Fn.tolist(this.getListAttribute('interface_names'));
  }
  public set interfaceNames(value: string[]) {
    this._interfaceNames = value;
  }
  // Temporarily expose input value. Use with caution.
  public get interfaceNamesInput() {
    return this._interfaceNames;
  }

  // ip - computed: false, optional: false, required: true
  private _ip?: string; 
  public get ip() {
    return this.getStringAttribute('ip');
  }
  public set ip(value: string) {
    this._ip = value;
  }
  // Temporarily expose input value. Use with caution.
  public get ipInput() {
    return this._ip;
  }

  // node_id - computed: false, optional: false, required: true
  private _nodeId?: string; 
  public get nodeId() {
    return this.getStringAttribute('node_id');
  }
  public set nodeId(value: string) {
    this._nodeId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get nodeIdInput() {
    return this._nodeId;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      fabric_id: cdktf.stringToTerraform(this._fabricId),
      interface_names: cdktf.listMapper(cdktf.stringToTerraform, false)(this._interfaceNames),
      ip: cdktf.stringToTerraform(this._ip),
      node_id: cdktf.stringToTerraform(this._nodeId),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      fabric_id: {
        value: cdktf.stringToHclTerraform(this._fabricId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      interface_names: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._interfaceNames),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      ip: {
        value: cdktf.stringToHclTerraform(this._ip),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      node_id: {
        value: cdktf.stringToHclTerraform(this._nodeId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
