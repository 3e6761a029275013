// The few typed errors AMI code throws. Each has a stable `code` so callers (and
// cli/report.ts) can tell a refusal from an outage without parsing text.
import type { AmiMessage } from './frame.js';

export type AmiErrorCode = 'ami-header' | 'ami-auth' | 'ami-connection' | 'ami-timeout' | 'ami-action' | 'ami-closed';

export class AmiError extends Error {
  constructor(readonly code: AmiErrorCode, message: string) {
    super(message);
    this.name = 'AmiError';
  }
}

/** A header name or value that would change the meaning of the message on the wire. */
export class AmiHeaderError extends AmiError {
  constructor(readonly header: string, readonly reason: string) {
    super('ami-header', `AMI header ${JSON.stringify(header)} rejected before sending: ${reason}`);
    this.name = 'AmiHeaderError';
  }
}

/** Login refused. Asterisk gives the same answer for a wrong secret and an unknown user. */
export class AmiAuthError extends AmiError {
  constructor(readonly user: string, detail = 'Authentication failed') {
    super('ami-auth', `AMI login as ${JSON.stringify(user)} refused: ${detail} (check pbx.ami user and secret, and manager.conf permit/deny)`);
    this.name = 'AmiAuthError';
  }
}

export class AmiConnectionError extends AmiError {
  constructor(message: string) {
    super('ami-connection', message);
    this.name = 'AmiConnectionError';
  }
}

export class AmiTimeoutError extends AmiError {
  constructor(readonly action: string, readonly ms: number) {
    super('ami-timeout', `AMI action ${action} got no complete answer within ${ms} ms`);
    this.name = 'AmiTimeoutError';
  }
}

/** Asterisk answered `Response: Error` (Permission denied, unknown action, …). */
export class AmiActionError extends AmiError {
  constructor(readonly action: string, readonly response: AmiMessage, detail: string) {
    super('ami-action', `AMI action ${action} failed: ${detail}`);
    this.name = 'AmiActionError';
  }
}
