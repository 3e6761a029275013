// Public surface of plan/apply over the synthesized stacks.
export { TERMINAL_INTERRUPT } from './terraform-run.js';
export { findTool, MIN_VERSION, versionAtLeast, type IacTool, type ToolKind, type ToolResult } from './tool.js';
export { planStacks, backendLabel, type DeployContext, type DeployProgress, type PlanOutcome } from './plan.js';
export { applyStacks, type ApplyContext, type ApplyOutcome } from './apply.js';
export { hasChanges, summarizePlan, uncoveredDestroys, type ChangeAction, type ResourceChange, type StackPlan } from './plan-summary.js';
export { lockInfo, type DeployFailure, type FailureKind, type LockInfo } from './failure.js';
export { readManifest, type Manifest, type StackRecord } from './manifest.js';
export { workspaceFor, type Workspace } from './workspace.js';
export { STATEFUL_TYPES } from './stateful.js';
