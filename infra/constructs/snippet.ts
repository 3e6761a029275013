// A snippet file (cloud-init user/vendor data, LXC hook script) on one node's file datastore.
// The provider uploads snippets over SSH, not the API: the stack's provider needs its `ssh`
// block with every node's address (see stacks/provider.ts), or apply fails at upload time.
import { Construct } from '../proxmox/cdk.js';
import { VirtualEnvironmentFile } from '../proxmox/bindings.js';
import { checkProps, type PropsRule } from './props-rules.js';
import { snippetFileId, terraformName } from './names.js';
import { templateWithVariables } from './terraform-string.js';

export interface SnippetProps {
  /** Node whose datastore holds the file. */
  readonly node: string;
  /** A file-based datastore with the `snippets` content type enabled (inventory defaults.snippetsDatastore). */
  readonly datastore: string;
  readonly fileName: string;
  /** File content; Terraform template sequences are escaped except variableMarker()s. */
  readonly content: string;
  /**
   * Octal mode: "0700" for hook scripts, "0600" for user-data that carries secrets.
   * @default the provider's (world-readable). Setting it needs the provider authenticated as
   * root@pam (bpg/proxmox file_mode), which the PROXMOX_VE_API_TOKEN of a root@pam token is.
   */
  readonly fileMode?: string;
}

const rules: readonly PropsRule<SnippetProps>[] = [
  { when: (p) => !/^[A-Za-z0-9._-]+$/.test(p.fileName), message: (p) => `file name "${p.fileName}" must be letters, digits, ".", "_" or "-"` },
  { when: (p) => p.content.length === 0, message: () => 'content is empty' },
];

export class Snippet extends Construct {
  readonly resource: VirtualEnvironmentFile;
  /** `<datastore>:snippets/<file>`, the id VMs and containers reference. */
  readonly fileId: string;

  constructor(scope: Construct, id: string, props: SnippetProps) {
    super(scope, id);
    checkProps('Snippet', props, rules);
    this.resource = new VirtualEnvironmentFile(this, 'file', {
      nodeName: props.node,
      datastoreId: props.datastore,
      contentType: 'snippets',
      sourceRaw: { fileName: props.fileName, data: templateWithVariables(props.content) },
      ...(props.fileMode ? { fileMode: props.fileMode } : {}),
    });
    this.resource.overrideLogicalId(terraformName(props.node, props.fileName));
    this.fileId = snippetFileId(props.datastore, props.fileName);
  }
}
