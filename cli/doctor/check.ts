// One finding of `srw doctor`: what was checked, how it went, and what to do about it.
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export type CheckResult = {
  /** The area: node, terraform, inventory, secrets, snmp, ami, prometheus. */
  check: string;
  /** What in that area, when there are several (a device, an AMI user). */
  target?: string;
  status: CheckStatus;
  detail: string;
  /** What to do, for warn and fail. */
  fix?: string;
  /** How long the check waited for its peer. */
  ms?: number;
};

export const failed = (results: readonly CheckResult[]) => results.some((r) => r.status === 'fail');

/** Milliseconds since `start` (performance.now()), rounded for display. */
export const elapsed = (start: number) => Math.round((performance.now() - start) * 10) / 10;
