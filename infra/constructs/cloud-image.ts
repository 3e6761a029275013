// The cloud image guests boot from when the inventory names no template: downloaded once per
// node (Proxmox storage of type dir is per node), and referenced by its volume id.
import { Construct } from '../proxmox/cdk.js';
import { DownloadFile } from '../proxmox/bindings.js';
import { checkProps, type PropsRule } from './props-rules.js';
import { imageFileId, imageFileName, terraformName } from './names.js';

export interface CloudImageProps {
  readonly node: string;
  /** Image URL (inventory defaults.image). */
  readonly url: string;
  /** File datastore with `iso` content. */
  readonly datastore: string;
  /** Upload timeout in seconds. @default 1800 — a 400 MB image over a slow city-hall uplink. */
  readonly uploadTimeout?: number;
}

const rules: readonly PropsRule<CloudImageProps>[] = [
  { when: (p) => !/^https?:\/\//.test(p.url), message: (p) => `image URL must be http(s), found "${p.url}"` },
];

export class CloudImage extends Construct {
  readonly resource: DownloadFile;
  readonly fileId: string;

  constructor(scope: Construct, id: string, props: CloudImageProps) {
    super(scope, id);
    checkProps('CloudImage', props, rules);
    this.resource = new DownloadFile(this, 'download', {
      nodeName: props.node,
      datastoreId: props.datastore,
      contentType: 'iso',
      url: props.url,
      fileName: imageFileName(props.url),
      overwrite: false,
      uploadTimeout: props.uploadTimeout ?? 1800,
    });
    this.resource.overrideLogicalId(terraformName(props.node, imageFileName(props.url)));
    this.fileId = imageFileId(props.datastore, props.url);
  }
}
