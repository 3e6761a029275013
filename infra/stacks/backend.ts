// Where each stack keeps its Terraform state: local files by default, a shared remote backend
// when the inventory says several admins apply (proxmox.backend). One state per stack.
import { HttpBackend, LocalBackend, PgBackend, S3Backend, type TerraformStack } from '../proxmox/cdk.js';
import type { Backend } from '../inventory/index.js';

/**
 * local: `localStatePath` (relative to the stack directory, computed by the synth so state lives
 *        outside cdktf.out, which is replaced wholesale on every synth);
 * s3:    key `<key>/<stack>.tfstate`; a custom endpoint (MinIO, Ceph RGW) implies path-style URLs;
 * pg:    schema `<schemaName|srw>_<stack>`; the connection string comes from PG_CONN_STR at init;
 * http:  `<address>/<stack>` (and the lock address likewise).
 */
export function configureBackend(stack: TerraformStack, name: string, backend: Backend, localStatePath: string): void {
  switch (backend.type) {
    case 'local':
      new LocalBackend(stack, { path: localStatePath });
      return;
    case 's3':
      new S3Backend(stack, {
        bucket: backend.bucket,
        key: `${backend.key.replace(/\/+$/, '')}/${name}.tfstate`,
        region: backend.region,
        ...(backend.endpoint ? { endpoints: { s3: backend.endpoint }, usePathStyle: true } : {}),
      });
      return;
    case 'pg': {
      const pg = new PgBackend(stack, { connStr: '', schemaName: `${backend.schemaName ?? 'srw'}_${name}` });
      // conn_str holds the database password: leave it out so Terraform reads PG_CONN_STR.
      pg.addOverride('conn_str', undefined);
      return;
    }
    case 'http':
      new HttpBackend(stack, {
        address: `${backend.address.replace(/\/+$/, '')}/${name}`,
        ...(backend.lockAddress ? { lockAddress: `${backend.lockAddress.replace(/\/+$/, '')}/${name}`, unlockAddress: `${backend.lockAddress.replace(/\/+$/, '')}/${name}` } : {}),
      });
      return;
  }
}
