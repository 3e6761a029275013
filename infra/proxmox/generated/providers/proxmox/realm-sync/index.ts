// @ts-nocheck
// https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/realm_sync
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface RealmSyncConfig extends cdktf.TerraformMetaArguments {
  /**
  * Only simulate the sync without applying changes.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/realm_sync#dry_run RealmSync#dry_run}
  */
  readonly dryRun?: boolean | cdktf.IResolvable;
  /**
  * Enable newly synced users.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/realm_sync#enable_new RealmSync#enable_new}
  */
  readonly enableNew?: boolean | cdktf.IResolvable;
  /**
  * Perform a full sync.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/realm_sync#full RealmSync#full}
  */
  readonly full?: boolean | cdktf.IResolvable;
  /**
  * Purge removed entries.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/realm_sync#purge RealmSync#purge}
  */
  readonly purge?: boolean | cdktf.IResolvable;
  /**
  * Name of the realm to synchronize.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/realm_sync#realm RealmSync#realm}
  */
  readonly realm: string;
  /**
  * How to handle vanished entries (e.g. `acl;properties;entry` or `none`).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/realm_sync#remove_vanished RealmSync#remove_vanished}
  */
  readonly removeVanished?: string;
  /**
  * Sync scope: users, groups, or both.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/realm_sync#scope RealmSync#scope}
  */
  readonly scope?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/realm_sync proxmox_realm_sync}
*/
export class RealmSync extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "proxmox_realm_sync";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a RealmSync resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the RealmSync to import
  * @param importFromId The id of the existing RealmSync that should be imported. Refer to the {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/realm_sync#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the RealmSync to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "proxmox_realm_sync", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/realm_sync proxmox_realm_sync} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options RealmSyncConfig
  */
  public constructor(scope: Construct, id: string, config: RealmSyncConfig) {
    super(scope, id, {
      terraformResourceType: 'proxmox_realm_sync',
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
    this._dryRun = config.dryRun;
    this._enableNew = config.enableNew;
    this._full = config.full;
    this._purge = config.purge;
    this._realm = config.realm;
    this._removeVanished = config.removeVanished;
    this._scope = config.scope;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // dry_run - computed: false, optional: true, required: false
  private _dryRun?: boolean | cdktf.IResolvable; 
  public get dryRun() {
    return this.getBooleanAttribute('dry_run');
  }
  public set dryRun(value: boolean | cdktf.IResolvable) {
    this._dryRun = value;
  }
  public resetDryRun() {
    this._dryRun = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get dryRunInput() {
    return this._dryRun;
  }

  // enable_new - computed: false, optional: true, required: false
  private _enableNew?: boolean | cdktf.IResolvable; 
  public get enableNew() {
    return this.getBooleanAttribute('enable_new');
  }
  public set enableNew(value: boolean | cdktf.IResolvable) {
    this._enableNew = value;
  }
  public resetEnableNew() {
    this._enableNew = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get enableNewInput() {
    return this._enableNew;
  }

  // full - computed: false, optional: true, required: false
  private _full?: boolean | cdktf.IResolvable; 
  public get full() {
    return this.getBooleanAttribute('full');
  }
  public set full(value: boolean | cdktf.IResolvable) {
    this._full = value;
  }
  public resetFull() {
    this._full = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get fullInput() {
    return this._full;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // purge - computed: false, optional: true, required: false
  private _purge?: boolean | cdktf.IResolvable; 
  public get purge() {
    return this.getBooleanAttribute('purge');
  }
  public set purge(value: boolean | cdktf.IResolvable) {
    this._purge = value;
  }
  public resetPurge() {
    this._purge = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get purgeInput() {
    return this._purge;
  }

  // realm - computed: false, optional: false, required: true
  private _realm?: string; 
  public get realm() {
    return this.getStringAttribute('realm');
  }
  public set realm(value: string) {
    this._realm = value;
  }
  // Temporarily expose input value. Use with caution.
  public get realmInput() {
    return this._realm;
  }

  // remove_vanished - computed: false, optional: true, required: false
  private _removeVanished?: string; 
  public get removeVanished() {
    return this.getStringAttribute('remove_vanished');
  }
  public set removeVanished(value: string) {
    this._removeVanished = value;
  }
  public resetRemoveVanished() {
    this._removeVanished = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get removeVanishedInput() {
    return this._removeVanished;
  }

  // scope - computed: false, optional: true, required: false
  private _scope?: string; 
  public get scope() {
    return this.getStringAttribute('scope');
  }
  public set scope(value: string) {
    this._scope = value;
  }
  public resetScope() {
    this._scope = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get scopeInput() {
    return this._scope;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      dry_run: cdktf.booleanToTerraform(this._dryRun),
      enable_new: cdktf.booleanToTerraform(this._enableNew),
      full: cdktf.booleanToTerraform(this._full),
      purge: cdktf.booleanToTerraform(this._purge),
      realm: cdktf.stringToTerraform(this._realm),
      remove_vanished: cdktf.stringToTerraform(this._removeVanished),
      scope: cdktf.stringToTerraform(this._scope),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      dry_run: {
        value: cdktf.booleanToHclTerraform(this._dryRun),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      enable_new: {
        value: cdktf.booleanToHclTerraform(this._enableNew),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      full: {
        value: cdktf.booleanToHclTerraform(this._full),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      purge: {
        value: cdktf.booleanToHclTerraform(this._purge),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      realm: {
        value: cdktf.stringToHclTerraform(this._realm),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      remove_vanished: {
        value: cdktf.stringToHclTerraform(this._removeVanished),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      scope: {
        value: cdktf.stringToHclTerraform(this._scope),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
