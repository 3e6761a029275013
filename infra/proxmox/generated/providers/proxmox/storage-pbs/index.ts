// @ts-nocheck
// https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface StoragePbsConfig extends cdktf.TerraformMetaArguments {
  /**
  * The content types that can be stored on this storage. Valid values: `backup` (VM backups), `images` (VM disk images), `import` (VM disk images for import), `iso` (ISO images), `rootdir` (container root directories), `snippets` (cloud-init, hook scripts, etc.), `vztmpl` (container templates).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#content StoragePbs#content}
  */
  readonly content?: string[];
  /**
  * The name of the datastore on the Proxmox Backup Server.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#datastore StoragePbs#datastore}
  */
  readonly datastore: string;
  /**
  * Whether the storage is disabled.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#disable StoragePbs#disable}
  */
  readonly disable?: boolean | cdktf.IResolvable;
  /**
  * An existing encryption key for the datastore. This is a sensitive value. Conflicts with `generate_encryption_key`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#encryption_key StoragePbs#encryption_key}
  */
  readonly encryptionKey?: string;
  /**
  * The SHA256 fingerprint of the Proxmox Backup Server's certificate.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#fingerprint StoragePbs#fingerprint}
  */
  readonly fingerprint?: string;
  /**
  * If set to true, Proxmox will generate a new encryption key. The key will be stored in the `generated_encryption_key` attribute. Conflicts with `encryption_key`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#generate_encryption_key StoragePbs#generate_encryption_key}
  */
  readonly generateEncryptionKey?: boolean | cdktf.IResolvable;
  /**
  * The unique identifier of the storage.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#id StoragePbs#id}
  *
  * Please be aware that the id field is automatically added to all resources in Terraform providers using a Terraform provider SDK version below 2.
  * If you experience problems setting this value it might not be settable. Please take a look at the provider documentation to ensure it should be settable.
  */
  readonly id: string;
  /**
  * The namespace to use on the Proxmox Backup Server.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#namespace StoragePbs#namespace}
  */
  readonly namespace?: string;
  /**
  * A list of nodes where this storage is available.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#nodes StoragePbs#nodes}
  */
  readonly nodes?: string[];
  /**
  * The password for authenticating with the Proxmox Backup Server.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#password StoragePbs#password}
  */
  readonly password: string;
  /**
  * The IP address or DNS name of the Proxmox Backup Server.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#server StoragePbs#server}
  */
  readonly server: string;
  /**
  * The username for authenticating with the Proxmox Backup Server.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#username StoragePbs#username}
  */
  readonly username: string;
  /**
  * backups block
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#backups StoragePbs#backups}
  */
  readonly backups?: StoragePbsBackups;
}
export interface StoragePbsBackups {
  /**
  * Specifies if all backups should be kept, regardless of their age. When set to true, other keep_* attributes must not be set.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#keep_all StoragePbs#keep_all}
  */
  readonly keepAll?: boolean | cdktf.IResolvable;
  /**
  * The number of daily backups to keep. Older backups will be removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#keep_daily StoragePbs#keep_daily}
  */
  readonly keepDaily?: number;
  /**
  * The number of hourly backups to keep. Older backups will be removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#keep_hourly StoragePbs#keep_hourly}
  */
  readonly keepHourly?: number;
  /**
  * Specifies the number of the most recent backups to keep, regardless of their age.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#keep_last StoragePbs#keep_last}
  */
  readonly keepLast?: number;
  /**
  * The number of monthly backups to keep. Older backups will be removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#keep_monthly StoragePbs#keep_monthly}
  */
  readonly keepMonthly?: number;
  /**
  * The number of weekly backups to keep. Older backups will be removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#keep_weekly StoragePbs#keep_weekly}
  */
  readonly keepWeekly?: number;
  /**
  * The number of yearly backups to keep. Older backups will be removed.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#keep_yearly StoragePbs#keep_yearly}
  */
  readonly keepYearly?: number;
  /**
  * The maximum number of protected backups per guest. Use '-1' for unlimited.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#max_protected_backups StoragePbs#max_protected_backups}
  */
  readonly maxProtectedBackups?: number;
}

export function storagePbsBackupsToTerraform(struct?: StoragePbsBackups | cdktf.IResolvable): any {
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


export function storagePbsBackupsToHclTerraform(struct?: StoragePbsBackups | cdktf.IResolvable): any {
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

export class StoragePbsBackupsOutputReference extends cdktf.ComplexObject {
  private isEmptyObject = false;
  private resolvableValue?: cdktf.IResolvable;

  /**
  * @param terraformResource The parent resource
  * @param terraformAttribute The attribute on the parent resource this class is referencing
  */
  public constructor(terraformResource: cdktf.IInterpolatingParent, terraformAttribute: string) {
    super(terraformResource, terraformAttribute, false);
  }

  public get internalValue(): StoragePbsBackups | cdktf.IResolvable | undefined {
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

  public set internalValue(value: StoragePbsBackups | cdktf.IResolvable | undefined) {
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
* Represents a {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs proxmox_storage_pbs}
*/
export class StoragePbs extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "proxmox_storage_pbs";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a StoragePbs resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the StoragePbs to import
  * @param importFromId The id of the existing StoragePbs that should be imported. Refer to the {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the StoragePbs to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "proxmox_storage_pbs", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/storage_pbs proxmox_storage_pbs} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options StoragePbsConfig
  */
  public constructor(scope: Construct, id: string, config: StoragePbsConfig) {
    super(scope, id, {
      terraformResourceType: 'proxmox_storage_pbs',
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
    this._datastore = config.datastore;
    this._disable = config.disable;
    this._encryptionKey = config.encryptionKey;
    this._fingerprint = config.fingerprint;
    this._generateEncryptionKey = config.generateEncryptionKey;
    this._id = config.id;
    this._namespace = config.namespace;
    this._nodes = config.nodes;
    this._password = config.password;
    this._server = config.server;
    this._username = config.username;
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

  // datastore - computed: false, optional: false, required: true
  private _datastore?: string; 
  public get datastore() {
    return this.getStringAttribute('datastore');
  }
  public set datastore(value: string) {
    this._datastore = value;
  }
  // Temporarily expose input value. Use with caution.
  public get datastoreInput() {
    return this._datastore;
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

  // encryption_key - computed: false, optional: true, required: false
  private _encryptionKey?: string; 
  public get encryptionKey() {
    return this.getStringAttribute('encryption_key');
  }
  public set encryptionKey(value: string) {
    this._encryptionKey = value;
  }
  public resetEncryptionKey() {
    this._encryptionKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get encryptionKeyInput() {
    return this._encryptionKey;
  }

  // encryption_key_fingerprint - computed: true, optional: false, required: false
  public get encryptionKeyFingerprint() {
    return this.getStringAttribute('encryption_key_fingerprint');
  }

  // fingerprint - computed: false, optional: true, required: false
  private _fingerprint?: string; 
  public get fingerprint() {
    return this.getStringAttribute('fingerprint');
  }
  public set fingerprint(value: string) {
    this._fingerprint = value;
  }
  public resetFingerprint() {
    this._fingerprint = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get fingerprintInput() {
    return this._fingerprint;
  }

  // generate_encryption_key - computed: false, optional: true, required: false
  private _generateEncryptionKey?: boolean | cdktf.IResolvable; 
  public get generateEncryptionKey() {
    return this.getBooleanAttribute('generate_encryption_key');
  }
  public set generateEncryptionKey(value: boolean | cdktf.IResolvable) {
    this._generateEncryptionKey = value;
  }
  public resetGenerateEncryptionKey() {
    this._generateEncryptionKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get generateEncryptionKeyInput() {
    return this._generateEncryptionKey;
  }

  // generated_encryption_key - computed: true, optional: false, required: false
  public get generatedEncryptionKey() {
    return this.getStringAttribute('generated_encryption_key');
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

  // namespace - computed: false, optional: true, required: false
  private _namespace?: string; 
  public get namespace() {
    return this.getStringAttribute('namespace');
  }
  public set namespace(value: string) {
    this._namespace = value;
  }
  public resetNamespace() {
    this._namespace = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get namespaceInput() {
    return this._namespace;
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

  // password - computed: false, optional: false, required: true
  private _password?: string; 
  public get password() {
    return this.getStringAttribute('password');
  }
  public set password(value: string) {
    this._password = value;
  }
  // Temporarily expose input value. Use with caution.
  public get passwordInput() {
    return this._password;
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

  // username - computed: false, optional: false, required: true
  private _username?: string; 
  public get username() {
    return this.getStringAttribute('username');
  }
  public set username(value: string) {
    this._username = value;
  }
  // Temporarily expose input value. Use with caution.
  public get usernameInput() {
    return this._username;
  }

  // backups - computed: false, optional: true, required: false
  private _backups = new StoragePbsBackupsOutputReference(this, "backups");
  public get backups() {
    return this._backups;
  }
  public putBackups(value: StoragePbsBackups) {
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
      datastore: cdktf.stringToTerraform(this._datastore),
      disable: cdktf.booleanToTerraform(this._disable),
      encryption_key: cdktf.stringToTerraform(this._encryptionKey),
      fingerprint: cdktf.stringToTerraform(this._fingerprint),
      generate_encryption_key: cdktf.booleanToTerraform(this._generateEncryptionKey),
      id: cdktf.stringToTerraform(this._id),
      namespace: cdktf.stringToTerraform(this._namespace),
      nodes: cdktf.listMapper(cdktf.stringToTerraform, false)(this._nodes),
      password: cdktf.stringToTerraform(this._password),
      server: cdktf.stringToTerraform(this._server),
      username: cdktf.stringToTerraform(this._username),
      backups: storagePbsBackupsToTerraform(this._backups.internalValue),
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
      datastore: {
        value: cdktf.stringToHclTerraform(this._datastore),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      disable: {
        value: cdktf.booleanToHclTerraform(this._disable),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      encryption_key: {
        value: cdktf.stringToHclTerraform(this._encryptionKey),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      fingerprint: {
        value: cdktf.stringToHclTerraform(this._fingerprint),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      generate_encryption_key: {
        value: cdktf.booleanToHclTerraform(this._generateEncryptionKey),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      id: {
        value: cdktf.stringToHclTerraform(this._id),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      namespace: {
        value: cdktf.stringToHclTerraform(this._namespace),
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
      password: {
        value: cdktf.stringToHclTerraform(this._password),
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
      username: {
        value: cdktf.stringToHclTerraform(this._username),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      backups: {
        value: storagePbsBackupsToHclTerraform(this._backups.internalValue),
        isBlock: true,
        type: "struct",
        storageClassType: "StoragePbsBackups",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
