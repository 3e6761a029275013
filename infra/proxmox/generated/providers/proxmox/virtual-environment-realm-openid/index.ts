// @ts-nocheck
// https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid
// generated from terraform resource schema

import { Construct } from 'constructs';
import * as cdktf from 'cdktf';

// Configuration

export interface VirtualEnvironmentRealmOpenidConfig extends cdktf.TerraformMetaArguments {
  /**
  * Authentication Context Class Reference values for the OpenID provider.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#acr_values VirtualEnvironmentRealmOpenid#acr_values}
  */
  readonly acrValues?: string;
  /**
  * Audiences that the OpenID Issuer may include that are accepted for the client (comma-separated).
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#audiences VirtualEnvironmentRealmOpenid#audiences}
  */
  readonly audiences?: string;
  /**
  * Automatically create users on the Proxmox cluster if they do not exist.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#autocreate VirtualEnvironmentRealmOpenid#autocreate}
  */
  readonly autocreate?: boolean | cdktf.IResolvable;
  /**
  * OpenID Connect Client ID.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#client_id VirtualEnvironmentRealmOpenid#client_id}
  */
  readonly clientId: string;
  /**
  * OpenID Connect Client Key (secret). Note: stored in Proxmox but not returned by API.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#client_key VirtualEnvironmentRealmOpenid#client_key}
  */
  readonly clientKey?: string;
  /**
  * OpenID Connect Client Key (secret), supplied as a [write-only argument](https://developer.hashicorp.com/terraform/language/resources/ephemeral/write-only) so it is never stored in Terraform state or plan. Requires Terraform 1.11+. Mutually exclusive with `client_key`. Pair with `client_key_wo_version` to push a rotated secret.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#client_key_wo VirtualEnvironmentRealmOpenid#client_key_wo}
  */
  readonly clientKeyWo?: string;
  /**
  * Version counter for `client_key_wo`. Because write-only values are not stored in state, Terraform cannot detect when `client_key_wo` changes; increment this value to signal a rotation and force the new secret to be sent.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#client_key_wo_version VirtualEnvironmentRealmOpenid#client_key_wo_version}
  */
  readonly clientKeyWoVersion?: number;
  /**
  * Description of the realm.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#comment VirtualEnvironmentRealmOpenid#comment}
  */
  readonly comment?: string;
  /**
  * Use this realm as the default for login.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#default VirtualEnvironmentRealmOpenid#default}
  */
  readonly default?: boolean | cdktf.IResolvable;
  /**
  * Automatically create groups from claims rather than using existing Proxmox VE groups.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#groups_autocreate VirtualEnvironmentRealmOpenid#groups_autocreate}
  */
  readonly groupsAutocreate?: boolean | cdktf.IResolvable;
  /**
  * OpenID claim used to retrieve user group memberships.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#groups_claim VirtualEnvironmentRealmOpenid#groups_claim}
  */
  readonly groupsClaim?: string;
  /**
  * Replace assigned groups on login instead of appending to existing ones.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#groups_overwrite VirtualEnvironmentRealmOpenid#groups_overwrite}
  */
  readonly groupsOverwrite?: boolean | cdktf.IResolvable;
  /**
  * OpenID Connect issuer URL. Proxmox uses OpenID Connect Discovery to configure the provider.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#issuer_url VirtualEnvironmentRealmOpenid#issuer_url}
  */
  readonly issuerUrl: string;
  /**
  * Specifies whether the authorization server prompts for reauthentication and/or consent (e.g., 'none', 'login', 'consent', 'select_account').
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#prompt VirtualEnvironmentRealmOpenid#prompt}
  */
  readonly prompt?: string;
  /**
  * Query the OpenID userinfo endpoint for claims. Required when the identity provider does not include claims in the ID token.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#query_userinfo VirtualEnvironmentRealmOpenid#query_userinfo}
  */
  readonly queryUserinfo?: boolean | cdktf.IResolvable;
  /**
  * Realm identifier (e.g., 'my-oidc').
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#realm VirtualEnvironmentRealmOpenid#realm}
  */
  readonly realm: string;
  /**
  * Space-separated list of OpenID scopes to request.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#scopes VirtualEnvironmentRealmOpenid#scopes}
  */
  readonly scopes?: string;
  /**
  * OpenID claim used to generate the unique username. Common values are `subject`, `username`, `email`, and `upn`.
  *
  * Docs at Terraform Registry: {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#username_claim VirtualEnvironmentRealmOpenid#username_claim}
  */
  readonly usernameClaim?: string;
}

/**
* Represents a {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid proxmox_virtual_environment_realm_openid}
*/
export class VirtualEnvironmentRealmOpenid extends cdktf.TerraformResource {

  // =================
  // STATIC PROPERTIES
  // =================
  public static readonly tfResourceType = "proxmox_virtual_environment_realm_openid";

  // ==============
  // STATIC Methods
  // ==============
  /**
  * Generates CDKTF code for importing a VirtualEnvironmentRealmOpenid resource upon running "cdktf plan <stack-name>"
  * @param scope The scope in which to define this construct
  * @param importToId The construct id used in the generated config for the VirtualEnvironmentRealmOpenid to import
  * @param importFromId The id of the existing VirtualEnvironmentRealmOpenid that should be imported. Refer to the {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid#import import section} in the documentation of this resource for the id to use
  * @param provider? Optional instance of the provider where the VirtualEnvironmentRealmOpenid to import is found
  */
  public static generateConfigForImport(scope: Construct, importToId: string, importFromId: string, provider?: cdktf.TerraformProvider) {
        return new cdktf.ImportableResource(scope, importToId, { terraformResourceType: "proxmox_virtual_environment_realm_openid", importId: importFromId, provider });
      }

  // ===========
  // INITIALIZER
  // ===========

  /**
  * Create a new {@link https://registry.terraform.io/providers/bpg/proxmox/0.111.1/docs/resources/virtual_environment_realm_openid proxmox_virtual_environment_realm_openid} Resource
  *
  * @param scope The scope in which to define this construct
  * @param id The scoped construct ID. Must be unique amongst siblings in the same scope
  * @param options VirtualEnvironmentRealmOpenidConfig
  */
  public constructor(scope: Construct, id: string, config: VirtualEnvironmentRealmOpenidConfig) {
    super(scope, id, {
      terraformResourceType: 'proxmox_virtual_environment_realm_openid',
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
    this._acrValues = config.acrValues;
    this._audiences = config.audiences;
    this._autocreate = config.autocreate;
    this._clientId = config.clientId;
    this._clientKey = config.clientKey;
    this._clientKeyWo = config.clientKeyWo;
    this._clientKeyWoVersion = config.clientKeyWoVersion;
    this._comment = config.comment;
    this._default = config.default;
    this._groupsAutocreate = config.groupsAutocreate;
    this._groupsClaim = config.groupsClaim;
    this._groupsOverwrite = config.groupsOverwrite;
    this._issuerUrl = config.issuerUrl;
    this._prompt = config.prompt;
    this._queryUserinfo = config.queryUserinfo;
    this._realm = config.realm;
    this._scopes = config.scopes;
    this._usernameClaim = config.usernameClaim;
  }

  // ==========
  // ATTRIBUTES
  // ==========

  // acr_values - computed: false, optional: true, required: false
  private _acrValues?: string; 
  public get acrValues() {
    return this.getStringAttribute('acr_values');
  }
  public set acrValues(value: string) {
    this._acrValues = value;
  }
  public resetAcrValues() {
    this._acrValues = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get acrValuesInput() {
    return this._acrValues;
  }

  // audiences - computed: false, optional: true, required: false
  private _audiences?: string; 
  public get audiences() {
    return this.getStringAttribute('audiences');
  }
  public set audiences(value: string) {
    this._audiences = value;
  }
  public resetAudiences() {
    this._audiences = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get audiencesInput() {
    return this._audiences;
  }

  // autocreate - computed: true, optional: true, required: false
  private _autocreate?: boolean | cdktf.IResolvable; 
  public get autocreate() {
    return this.getBooleanAttribute('autocreate');
  }
  public set autocreate(value: boolean | cdktf.IResolvable) {
    this._autocreate = value;
  }
  public resetAutocreate() {
    this._autocreate = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get autocreateInput() {
    return this._autocreate;
  }

  // client_id - computed: false, optional: false, required: true
  private _clientId?: string; 
  public get clientId() {
    return this.getStringAttribute('client_id');
  }
  public set clientId(value: string) {
    this._clientId = value;
  }
  // Temporarily expose input value. Use with caution.
  public get clientIdInput() {
    return this._clientId;
  }

  // client_key - computed: false, optional: true, required: false
  private _clientKey?: string; 
  public get clientKey() {
    return this.getStringAttribute('client_key');
  }
  public set clientKey(value: string) {
    this._clientKey = value;
  }
  public resetClientKey() {
    this._clientKey = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientKeyInput() {
    return this._clientKey;
  }

  // client_key_wo - computed: false, optional: true, required: false
  private _clientKeyWo?: string; 
  public get clientKeyWo() {
    return this.getStringAttribute('client_key_wo');
  }
  public set clientKeyWo(value: string) {
    this._clientKeyWo = value;
  }
  public resetClientKeyWo() {
    this._clientKeyWo = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientKeyWoInput() {
    return this._clientKeyWo;
  }

  // client_key_wo_version - computed: false, optional: true, required: false
  private _clientKeyWoVersion?: number; 
  public get clientKeyWoVersion() {
    return this.getNumberAttribute('client_key_wo_version');
  }
  public set clientKeyWoVersion(value: number) {
    this._clientKeyWoVersion = value;
  }
  public resetClientKeyWoVersion() {
    this._clientKeyWoVersion = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get clientKeyWoVersionInput() {
    return this._clientKeyWoVersion;
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

  // default - computed: true, optional: true, required: false
  private _default?: boolean | cdktf.IResolvable; 
  public get default() {
    return this.getBooleanAttribute('default');
  }
  public set default(value: boolean | cdktf.IResolvable) {
    this._default = value;
  }
  public resetDefault() {
    this._default = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get defaultInput() {
    return this._default;
  }

  // groups_autocreate - computed: true, optional: true, required: false
  private _groupsAutocreate?: boolean | cdktf.IResolvable; 
  public get groupsAutocreate() {
    return this.getBooleanAttribute('groups_autocreate');
  }
  public set groupsAutocreate(value: boolean | cdktf.IResolvable) {
    this._groupsAutocreate = value;
  }
  public resetGroupsAutocreate() {
    this._groupsAutocreate = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get groupsAutocreateInput() {
    return this._groupsAutocreate;
  }

  // groups_claim - computed: false, optional: true, required: false
  private _groupsClaim?: string; 
  public get groupsClaim() {
    return this.getStringAttribute('groups_claim');
  }
  public set groupsClaim(value: string) {
    this._groupsClaim = value;
  }
  public resetGroupsClaim() {
    this._groupsClaim = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get groupsClaimInput() {
    return this._groupsClaim;
  }

  // groups_overwrite - computed: true, optional: true, required: false
  private _groupsOverwrite?: boolean | cdktf.IResolvable; 
  public get groupsOverwrite() {
    return this.getBooleanAttribute('groups_overwrite');
  }
  public set groupsOverwrite(value: boolean | cdktf.IResolvable) {
    this._groupsOverwrite = value;
  }
  public resetGroupsOverwrite() {
    this._groupsOverwrite = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get groupsOverwriteInput() {
    return this._groupsOverwrite;
  }

  // id - computed: true, optional: false, required: false
  public get id() {
    return this.getStringAttribute('id');
  }

  // issuer_url - computed: false, optional: false, required: true
  private _issuerUrl?: string; 
  public get issuerUrl() {
    return this.getStringAttribute('issuer_url');
  }
  public set issuerUrl(value: string) {
    this._issuerUrl = value;
  }
  // Temporarily expose input value. Use with caution.
  public get issuerUrlInput() {
    return this._issuerUrl;
  }

  // prompt - computed: false, optional: true, required: false
  private _prompt?: string; 
  public get prompt() {
    return this.getStringAttribute('prompt');
  }
  public set prompt(value: string) {
    this._prompt = value;
  }
  public resetPrompt() {
    this._prompt = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get promptInput() {
    return this._prompt;
  }

  // query_userinfo - computed: true, optional: true, required: false
  private _queryUserinfo?: boolean | cdktf.IResolvable; 
  public get queryUserinfo() {
    return this.getBooleanAttribute('query_userinfo');
  }
  public set queryUserinfo(value: boolean | cdktf.IResolvable) {
    this._queryUserinfo = value;
  }
  public resetQueryUserinfo() {
    this._queryUserinfo = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get queryUserinfoInput() {
    return this._queryUserinfo;
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

  // scopes - computed: true, optional: true, required: false
  private _scopes?: string; 
  public get scopes() {
    return this.getStringAttribute('scopes');
  }
  public set scopes(value: string) {
    this._scopes = value;
  }
  public resetScopes() {
    this._scopes = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get scopesInput() {
    return this._scopes;
  }

  // username_claim - computed: false, optional: true, required: false
  private _usernameClaim?: string; 
  public get usernameClaim() {
    return this.getStringAttribute('username_claim');
  }
  public set usernameClaim(value: string) {
    this._usernameClaim = value;
  }
  public resetUsernameClaim() {
    this._usernameClaim = undefined;
  }
  // Temporarily expose input value. Use with caution.
  public get usernameClaimInput() {
    return this._usernameClaim;
  }

  // =========
  // SYNTHESIS
  // =========

  protected synthesizeAttributes(): { [name: string]: any } {
    return {
      acr_values: cdktf.stringToTerraform(this._acrValues),
      audiences: cdktf.stringToTerraform(this._audiences),
      autocreate: cdktf.booleanToTerraform(this._autocreate),
      client_id: cdktf.stringToTerraform(this._clientId),
      client_key: cdktf.stringToTerraform(this._clientKey),
      client_key_wo: cdktf.stringToTerraform(this._clientKeyWo),
      client_key_wo_version: cdktf.numberToTerraform(this._clientKeyWoVersion),
      comment: cdktf.stringToTerraform(this._comment),
      default: cdktf.booleanToTerraform(this._default),
      groups_autocreate: cdktf.booleanToTerraform(this._groupsAutocreate),
      groups_claim: cdktf.stringToTerraform(this._groupsClaim),
      groups_overwrite: cdktf.booleanToTerraform(this._groupsOverwrite),
      issuer_url: cdktf.stringToTerraform(this._issuerUrl),
      prompt: cdktf.stringToTerraform(this._prompt),
      query_userinfo: cdktf.booleanToTerraform(this._queryUserinfo),
      realm: cdktf.stringToTerraform(this._realm),
      scopes: cdktf.stringToTerraform(this._scopes),
      username_claim: cdktf.stringToTerraform(this._usernameClaim),
    };
  }

  protected synthesizeHclAttributes(): { [name: string]: any } {
    const attrs = {
      acr_values: {
        value: cdktf.stringToHclTerraform(this._acrValues),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      audiences: {
        value: cdktf.stringToHclTerraform(this._audiences),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      autocreate: {
        value: cdktf.booleanToHclTerraform(this._autocreate),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      client_id: {
        value: cdktf.stringToHclTerraform(this._clientId),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_key: {
        value: cdktf.stringToHclTerraform(this._clientKey),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_key_wo: {
        value: cdktf.stringToHclTerraform(this._clientKeyWo),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      client_key_wo_version: {
        value: cdktf.numberToHclTerraform(this._clientKeyWoVersion),
        isBlock: false,
        type: "simple",
        storageClassType: "number",
      },
      comment: {
        value: cdktf.stringToHclTerraform(this._comment),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      default: {
        value: cdktf.booleanToHclTerraform(this._default),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      groups_autocreate: {
        value: cdktf.booleanToHclTerraform(this._groupsAutocreate),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      groups_claim: {
        value: cdktf.stringToHclTerraform(this._groupsClaim),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      groups_overwrite: {
        value: cdktf.booleanToHclTerraform(this._groupsOverwrite),
        isBlock: false,
        type: "simple",
        storageClassType: "boolean",
      },
      issuer_url: {
        value: cdktf.stringToHclTerraform(this._issuerUrl),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      prompt: {
        value: cdktf.stringToHclTerraform(this._prompt),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      query_userinfo: {
        value: cdktf.booleanToHclTerraform(this._queryUserinfo),
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
      scopes: {
        value: cdktf.stringToHclTerraform(this._scopes),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
      username_claim: {
        value: cdktf.stringToHclTerraform(this._usernameClaim),
        isBlock: false,
        type: "simple",
        storageClassType: "string",
      },
    };

    // remove undefined attributes
    return Object.fromEntries(Object.entries(attrs).filter(([_, value]) => value !== undefined && value.value !== undefined ))
  }
}
