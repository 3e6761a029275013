// @ts-nocheck
// https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface VirtualEnvironmentStorageNfsConfig extends cdktf.TerraformMetaArguments {
  /**
  * The content types that can be stored on this storage. Valid values: `backup` (VM backups), `images` (VM disk images), `import` (VM disk images for import), `iso` (ISO images), `rootdir` (container root directories), `snippets` (cloud-init, hook scripts, etc.), `vztmpl` (container templates).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#content VirtualEnvironmentStorageNfs#content}
  */
  readonly content?: string[];
  /**
  * Create the base directory if it doesn't exist.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#create_base_path VirtualEnvironmentStorageNfs#create_base_path}
  */
  readonly createBasePath?: boolean | cdktf.IResolvable;
  /**
  * Populate the directory with the default structure.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#create_subdirs VirtualEnvironmentStorageNfs#create_subdirs}
  */
  readonly createSubdirs?: boolean | cdktf.IResolvable;
  /**
  * Whether the storage is disabled.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#disable VirtualEnvironmentStorageNfs#disable}
  */
  readonly disable?: boolean | cdktf.IResolvable;
  /**
  * The path of the NFS export.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#export VirtualEnvironmentStorageNfs#export}
  */
  readonly export: string;
  /**
  * The unique identifier of the storage.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#id VirtualEnvironmentStorageNfs#id}
  *
  * Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.
  * If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.
  */
  readonly id: string;
  /**
  * A list of nodes where this storage is available.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#nodes VirtualEnvironmentStorageNfs#nodes}
  */
  readonly nodes?: string[];
  /**
  * The options to pass to the NFS service.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#options VirtualEnvironmentStorageNfs#options}
  */
  readonly options?: string;
  /**
  * The preallocation mode for raw and qcow2 images.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#preallocation VirtualEnvironmentStorageNfs#preallocation}
  */
  readonly preallocation?: string;
  /**
  * The IP address or DNS name of the NFS server.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#server VirtualEnvironmentStorageNfs#server}
  */
  readonly server: string;
  /**
  * Enable support for creating snapshots through volume backing-chains.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#snapshot_as_volume_chain VirtualEnvironmentStorageNfs#snapshot_as_volume_chain}
  */
  readonly snapshotAsVolumeChain?: boolean | cdktf.IResolvable;
  /**
  * backups block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#backups VirtualEnvironmentStorageNfs#backups}
  */
  readonly backups?: VirtualEnvironmentStorageNfsBackups;
}
export interface VirtualEnvironmentStorageNfsBackups {
  /**
  * Specifies if all backups should be kept, regardless of their age. When set to true, other keep_* attributes must not be set.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#keep_all VirtualEnvironmentStorageNfs#keep_all}
  */
  readonly keepAll?: boolean | cdktf.IResolvable;
  /**
  * The number of daily backups to keep. Older backups will be removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#keep_daily VirtualEnvironmentStorageNfs#keep_daily}
  */
  readonly keepDaily?: number;
  /**
  * The number of hourly backups to keep. Older backups will be removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#keep_hourly VirtualEnvironmentStorageNfs#keep_hourly}
  */
  readonly keepHourly?: number;
  /**
  * Specifies the number of the most recent backups to keep, regardless of their age.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#keep_last VirtualEnvironmentStorageNfs#keep_last}
  */
  readonly keepLast?: number;
  /**
  * The number of monthly backups to keep. Older backups will be removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#keep_monthly VirtualEnvironmentStorageNfs#keep_monthly}
  */
  readonly keepMonthly?: number;
  /**
  * The number of weekly backups to keep. Older backups will be removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#keep_weekly VirtualEnvironmentStorageNfs#keep_weekly}
  */
  readonly keepWeekly?: number;
  /**
  * The number of yearly backups to keep. Older backups will be removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#keep_yearly VirtualEnvironmentStorageNfs#keep_yearly}
  */
  readonly keepYearly?: number;
  /**
  * The maximum number of protected backups per guest. Use '-1' for unlimited.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#max_protected_backups VirtualEnvironmentStorageNfs#max_protected_backups}
  */
  readonly maxProtectedBackups?: number;
}

export function virtualEnvironmentStorageNfsBackupsToTerraform(struct?: VirtualEnvironmentStorageNfsBackups | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  return {
    keep_all: cdktf.booleanToTerraform(struct!.keepAll),
    keep_daily: cdktf.numberToTerraform(struct!.keepDaily),
    keep_hourly: cdktf.numberToTerraform(struct!.keepHourly),
    keep_last: cdktf.numberToTerraform(struct!.keepLast),
    keep_monthly: cdktf.numberToTerraform(struct!.keepMonthly),
    keep_weekly: cdktf.numberToTerraform(struct!.keepWeekly),
    keep_yearly: cdktf.numberToTerraform(struct!.keepYearly),
    max_protected_backups: cdktf.numberToTerraform(struct!.maxProtectedBackups),
  }
}


export function virtualEnvironmentStorageNfsBackupsToHclTerraform(struct?: VirtualEnvironmentStorageNfsBackups | cdktf.IResolvable): any {
  if (!cdktf.canInspect(struct) || cdktf.Tokenization.isResolvable(struct)) { return struct; }
  if (cdktf.isComplexElement(struct)) {
    throw new Error("A complex element was used as configuration, this is not supported: https://cdk.tf/complex-object-as-configuration");
  }
  const attrs = {
    keep_all: {
      value: cdktf.booleanToHclTerraform(struct!.keepAll),
      isBlock: false,
      type: "simple",
      storageClassType: "boolean",
    },
    keep_daily: {
      value: cdktf.numberToHclTerraform(struct!.keepDaily),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    keep_hourly: {
      value: cdktf.numberToHclTerraform(struct!.keepHourly),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    keep_last: {
      value: cdktf.numberToHclTerraform(struct!.keepLast),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    keep_monthly: {
      value: cdktf.numberToHclTerraform(struct!.keepMonthly),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    keep_weekly: {
      value: cdktf.numberToHclTerraform(struct!.keepWeekly),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    keep_yearly: {
      value: cdktf.numberToHclTerraform(struct!.keepYearly),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
    max_protected_backups: {
      value: cdktf.numberToHclTerraform(struct!.maxProtectedBackups),
      isBlock: false,
      type: "simple",
      storageClassType: "number",
    },
  };

  // remove undefined attributes
  return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined));
}

export class VirtualEnvironmentStorageNfsBackupsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): VirtualEnvironmentStorageNfsBackups | cdktf.IResolvable | undefined {
    if (this.resolvableValue) {
      return this.resolvableValue;
    }
    let hasAnyValues = this.isEmptyObject;
    const internalValueResult: any = {};
    if (this._keepAll !== undefined) {
      hasAnyValues = true;
      internalValueResult.keepAll = this._keepAll;
    }
    if (this._keepDaily !== undefined) {
      hasAnyValues = true;
      internalValueResult.keepDaily = this._keepDaily;
    }
    if (this._keepHourly !== undefined) {
      hasAnyValues = true;
      internalValueResult.keepHourly = this._keepHourly;
    }
    if (this._keepLast !== undefined) {
      hasAnyValues = true;
      internalValueResult.keepLast = this._keepLast;
    }
    if (this._keepMonthly !== undefined) {
      hasAnyValues = true;
      internalValueResult.keepMonthly = this._keepMonthly;
    }
    if (this._keepWeekly !== undefined) {
      hasAnyValues = true;
      internalValueResult.keepWeekly = this._keepWeekly;
    }
    if (this._keepYearly !== undefined) {
      hasAnyValues = true;
      internalValueResult.keepYearly = this._keepYearly;
    }
    if (this._maxProtectedBackups !== undefined) {
      hasAnyValues = true;
      internalValueResult.maxProtectedBackups = this._maxProtectedBackups;
    }
    return hasAnyValues ? internalValueResult : undefined;
  }

  public set internalValue(value: VirtualEnvironmentStorageNfsBackups | cdktf.IResolvable | undefined) {
    if (value === undefined) {
      this.isEmptyObject = false;
      this.resolvableValue = undefined;
      this._keepAll = undefined;
      this._keepDaily = undefined;
      this._keepHourly = undefined;
      this._keepLast = undefined;
      this._keepMonthly = undefined;
      this._keepWeekly = undefined;
      this._keepYearly = undefined;
      this._maxProtectedBackups = undefined;
    }
    else if (cdktf.Tokenization.isResolvable(value)) {
      this.isEmptyObject = false;
      this.resolvableValue = value;
    }
    else {
      this.isEmptyObject = Object.keys(value).length === 0;
      this.resolvableValue = undefined;
      this._keepAll = value.keepAll;
      this._keepDaily = value.keepDaily;
      this._keepHourly = value.keepHourly;
      this._keepLast = value.keepLast;
      this._keepMonthly = value.keepMonthly;
      this._keepWeekly = value.keepWeekly;
      this._keepYearly = value.keepYearly;
      this._maxProtectedBackups = value.maxProtectedBackups;
    }
  }

  // keep_all - computed: true, optional: true, required: false
  private _keepAll?: boolean | cdktf.IResolvable; 
  public get keepAll() {
    return this.getBooleanAttribute('keep_all');
  }
  public set keepAll(value: boolean | cdktf.IResolvable) {
    this._keepAll = value;
  }
  public resetKeepAll() {
    this._keepAll = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get keepAllInput() {
    return this._keepAll;
  }

  // keep_daily - computed: false, optional: true, required: false
  private _keepDaily?: number; 
  public get keepDaily() {
    return this.getNumberAttribute('keep_daily');
  }
  public set keepDaily(value: number) {
    this._keepDaily = value;
  }
  public resetKeepDaily() {
    this._keepDaily = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get keepDailyInput() {
    return this._keepDaily;
  }

  // keep_hourly - computed: false, optional: true, required: false
  private _keepHourly?: number; 
  public get keepHourly() {
    return this.getNumberAttribute('keep_hourly');
  }
  public set keepHourly(value: number) {
    this._keepHourly = value;
  }
  public resetKeepHourly() {
    this._keepHourly = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get keepHourlyInput() {
    return this._keepHourly;
  }

  // keep_last - computed: false, optional: true, required: false
  private _keepLast?: number; 
  public get keepLast() {
    return this.getNumberAttribute('keep_last');
  }
  public set keepLast(value: number) {
    this._keepLast = value;
  }
  public resetKeepLast() {
    this._keepLast = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get keepLastInput() {
    return this._keepLast;
  }

  // keep_monthly - computed: false, optional: true, required: false
  private _keepMonthly?: number; 
  public get keepMonthly() {
    return this.getNumberAttribute('keep_monthly');
  }
  public set keepMonthly(value: number) {
    this._keepMonthly = value;
  }
  public resetKeepMonthly() {
    this._keepMonthly = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get keepMonthlyInput() {
    return this._keepMonthly;
  }

  // keep_weekly - computed: false, optional: true, required: false
  private _keepWeekly?: number; 
  public get keepWeekly() {
    return this.getNumberAttribute('keep_weekly');
  }
  public set keepWeekly(value: number) {
    this._keepWeekly = value;
  }
  public resetKeepWeekly() {
    this._keepWeekly = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get keepWeeklyInput() {
    return this._keepWeekly;
  }

  // keep_yearly - computed: false, optional: true, required: false
  private _keepYearly?: number; 
  public get keepYearly() {
    return this.getNumberAttribute('keep_yearly');
  }
  public set keepYearly(value: number) {
    this._keepYearly = value;
  }
  public resetKeepYearly() {
    this._keepYearly = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get keepYearlyInput() {
    return this._keepYearly;
  }

  // max_protected_backups - computed: false, optional: true, required: false
  private _maxProtectedBackups?: number; 
  public get maxProtectedBackups() {
    return this.getNumberAttribute('max_protected_backups');
  }
  public set maxProtectedBackups(value: number) {
    this._maxProtectedBackups = value;
  }
  public resetMaxProtectedBackups() {
    this._maxProtectedBackups = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get maxProtectedBackupsInput() {
    return this._maxProtectedBackups;
  }
}

/**
* Represents a {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs proxmox_virtual_environment_storage_nfs}
*/
export class VirtualEnvironmentStorageNfs extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "proxmox_virtual_environment_storage_nfs";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a VirtualEnvironmentStorageNfs resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the VirtualEnvironmentStorageNfs to import
  * @param importFromId The id of the existing VirtualEnvironmentStorageNfs that should be imported. Refer to the {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the VirtualEnvironmentStorageNfs to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "proxmox_virtual_environment_storage_nfs", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_storage_nfs proxmox_virtual_environment_storage_nfs} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options VirtualEnvironmentStorageNfsConfig
  */
  public constructor(scope: Construct, id: string, config: VirtualEnvironmentStorageNfsConfig) {
    super(scope, id, {
      terraformResourceType: 'proxmox_virtual_environment_storage_nfs',
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
    this._content = config.content;
    this._createBasePath = config.createBasePath;
    this._createSubdirs = config.createSubdirs;
    this._disable = config.disable;
    this._export = config.export;
    this._id = config.id;
    this._nodes = config.nodes;
    this._options = config.options;
    this._preallocation = config.preallocation;
    this._server = config.server;
    this._snapshotAsVolumeChain = config.snapshotAsVolumeChain;
    this._backups.internalValue = config.backups;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // content - computed: true, optional: true, required: false
  private _content?: string[]; 
  public get content() {
    return cdktf.Fn.tolist(this.getListAttribute('content'));
  }
  public set content(value: string[]) {
    this._content = value;
  }
  public resetContent() {
    this._content = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get contentInput() {
    return this._content;
  }

  // create_base_path - computed: true, optional: true, required: false
  private _createBasePath?: boolean | cdktf.IResolvable; 
  public get createBasePath() {
    return this.getBooleanAttribute('create_base_path');
  }
  public set createBasePath(value: boolean | cdktf.IResolvable) {
    this._createBasePath = value;
  }
  public resetCreateBasePath() {
    this._createBasePath = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createBasePathInput() {
    return this._createBasePath;
  }

  // create_subdirs - computed: true, optional: true, required: false
  private _createSubdirs?: boolean | cdktf.IResolvable; 
  public get createSubdirs() {
    return this.getBooleanAttribute('create_subdirs');
  }
  public set createSubdirs(value: boolean | cdktf.IResolvable) {
    this._createSubdirs = value;
  }
  public resetCreateSubdirs() {
    this._createSubdirs = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get createSubdirsInput() {
    return this._createSubdirs;
  }

  // disable - computed: true, optional: true, required: false
  private _disable?: boolean | cdktf.IResolvable; 
  public get disable() {
    return this.getBooleanAttribute('disable');
  }
  public set disable(value: boolean | cdktf.IResolvable) {
    this._disable = value;
  }
  public resetDisable() {
    this._disable = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get disableInput() {
    return this._disable;
  }

  // export - computed: false, optional: false, required: true
  private _export?: string; 
  public get export() {
    return this.getStringAttribute('export');
  }
  public set export(value: string) {
    this._export = value;
  }
  // Temporarily expose input value. Use with caution.
  public get exportInput() {
    return this._export;
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

  // nodes - computed: true, optional: true, required: false
  private _nodes?: string[]; 
  public get nodes() {
    return cdktf.Fn.tolist(this.getListAttribute('nodes'));
  }
  public set nodes(value: string[]) {
    this._nodes = value;
  }
  public resetNodes() {
    this._nodes = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get nodesInput() {
    return this._nodes;
  }

  // options - computed: false, optional: true, required: false
  private _options?: string; 
  public get options() {
    return this.getStringAttribute('options');
  }
  public set options(value: string) {
    this._options = value;
  }
  public resetOptions() {
    this._options = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get optionsInput() {
    return this._options;
  }

  // preallocation - computed: false, optional: true, required: false
  private _preallocation?: string; 
  public get preallocation() {
    return this.getStringAttribute('preallocation');
  }
  public set preallocation(value: string) {
    this._preallocation = value;
  }
  public resetPreallocation() {
    this._preallocation = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get preallocationInput() {
    return this._preallocation;
  }

  // server - computed: false, optional: false, required: true
  private _server?: string; 
  public get server() {
    return this.getStringAttribute('server');
  }
  public set server(value: string) {
    this._server = value;
  }
  // Temporarily expose input value. Use with caution.
  public get serverInput() {
    return this._server;
  }

  // shared - computed: true, optional: false, required: false
  public get shared() {
    return this.getBooleanAttribute('shared');
  }

  // snapshot_as_volume_chain - computed: false, optional: true, required: false
  private _snapshotAsVolumeChain?: boolean | cdktf.IResolvable; 
  public get snapshotAsVolumeChain() {
    return this.getBooleanAttribute('snapshot_as_volume_chain');
  }
  public set snapshotAsVolumeChain(value: boolean | cdktf.IResolvable) {
    this._snapshotAsVolumeChain = value;
  }
  public resetSnapshotAsVolumeChain() {
    this._snapshotAsVolumeChain = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get snapshotAsVolumeChainInput() {
    return this._snapshotAsVolumeChain;
  }

  // backups - computed: false, optional: true, required: false
  private _backups = new VirtualEnvironmentStorageNfsBackupsOutputReference(this, "backups");
  public get backups() {
    return this._backups;
  }
  public putBackups(value: VirtualEnvironmentStorageNfsBackups) {
    this._backups.internalValue = value;
  }
  public resetBackups() {
    this._backups.internalValue = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get backupsInput() {
    return this._backups.internalValue;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      content: cdktf.listMapper(cdktf.stringToTerraform, false)(this._content),
      create_base_path: cdktf.booleanToTerraform(this._createBasePath),
      create_subdirs: cdktf.booleanToTerraform(this._createSubdirs),
      disable: cdktf.booleanToTerraform(this._disable),
      export: cdktf.stringToTerraform(this._export),
      id: cdktf.stringToTerraform(this._id),
      nodes: cdktf.listMapper(cdktf.stringToTerraform, false)(this._nodes),
      options: cdktf.stringToTerraform(this._options),
      preallocation: cdktf.stringToTerraform(this._preallocation),
      server: cdktf.stringToTerraform(this._server),
      snapshot_as_volume_chain: cdktf.booleanToTerraform(this._snapshotAsVolumeChain),
      backups: virtualEnvironmentStorageNfsBackupsToTerraform(this._backups.internalValue),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      content: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._content),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      create_base_path: {
        value: cdktf.booleanToHclTerraform(this._createBasePath),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      create_subdirs: {
        value: cdktf.booleanToHclTerraform(this._createSubdirs),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      disable: {
        value: cdktf.booleanToHclTerraform(this._disable),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      export: {
        value: cdktf.stringToHclTerraform(this._export),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      id: {
        value: cdktf.stringToHclTerraform(this._id),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      nodes: {
        value: cdktf.listMapperHcl(cdktf.stringToHclTerraform, false)(this._nodes),
        isBlock: false,
        type: "set",
        storageClassType: "stringList",
      },
      options: {
        value: cdktf.stringToHclTerraform(this._options),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      preallocation: {
        value: cdktf.stringToHclTerraform(this._preallocation),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      server: {
        value: cdktf.stringToHclTerraform(this._server),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      snapshot_as_volume_chain: {
        value: cdktf.booleanToHclTerraform(this._snapshotAsVolumeChain),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      backups: {
        value: virtualEnvironmentStorageNfsBackupsToHclTerraform(this._backups.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "VirtualEnvironmentStorageNfsBackups",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
