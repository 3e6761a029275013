// The record `srw plan` leaves for `srw apply`: per stack, the hash of the cdk.tf.json the plan
// was made from (apply refuses when the inventory now synthesizes differently), the hash of the
// saved plan file, the summary shown to the admin, and how far apply got (an apply that never
// finished marks its stack "applying": its plan must not be applied twice).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { StackPlan } from './plan-summary.js';
import type { ToolKind } from './tool.js';

export type StackStatus = 'planned' | 'unchanged' | 'applying' | 'applied' | 'failed';

export type StackRecord = {
  name: string;
  configSha256: string;
  planSha256?: string;
  plan: StackPlan;
  status: StackStatus;
  /** Set while applying, so an interrupted run can be told apart: who and since when. */
  applying?: { pid: number; host: string; since: string };
  appliedAt?: string;
};

export type Manifest = {
  version: 1;
  createdAt: string;
  tool: { kind: ToolKind; version: string; path: string };
  inventory: string;
  backend: string;
  stacks: StackRecord[];
};

export function sha256(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

export function readManifest(path: string): Manifest | undefined {
  if (!existsSync(path)) return undefined;
  const m = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  return m.version === 1 ? m : undefined;
}

export function writeManifest(path: string, m: Manifest): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, JSON.stringify(m, null, 2) + '\n', { mode: 0o600 });
  renameSync(tmp, path);
}
