// Construct props are checked against a table of rules in the constructor, and every failing rule
// is reported at once (one error listing all of them), as aws-cdk's validate-*-props do.
export type PropsRule<P> = { readonly when: (props: P) => boolean; readonly message: (props: P) => string };

/** Thrown by a construct whose props break one or more of its rules; `failures` lists them all. */
export class ConstructPropsError extends Error {
  constructor(readonly construct: string, readonly failures: readonly string[]) {
    super(`${construct}: ${failures.join('; ')}`);
    this.name = 'ConstructPropsError';
  }
}

/** Runs every rule whose `when` holds (a rule fires when the props are wrong). */
export function checkProps<P>(construct: string, props: P, rules: readonly PropsRule<P>[]): void {
  const failures = rules.filter((r) => r.when(props)).map((r) => r.message(props));
  if (failures.length > 0) throw new ConstructPropsError(construct, failures);
}
