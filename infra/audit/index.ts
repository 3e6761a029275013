export { appendAudit, auditLogPath, fileHash, outsideEdits, readAudit, type AuditChange, type AuditEntry, type AuditRead } from './log.js';
export { commitInventoryEdit, insideGitRepository, type CommitResult } from './git-commit.js';
