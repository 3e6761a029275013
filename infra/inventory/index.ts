// Public surface of the inventory kernel: other folders import only from here.
export * from './schema.js';
export { type Problem, type ProblemCode, type Result, ProblemError, formatPath, formatProblem } from './problem.js';
export { loadInventory, parseInventory, parseYaml, validateDocument, readInventoryText, inventoryPath, DEFAULT_INVENTORY, type LoadedInventory, type ParsedDocument } from './load.js';
export { resolveSecret, describeRef, parseSecretsFile, secretFilePath, type SecretContext } from './secret-ref.js';
export { Secret } from './secret.js';
export { locate } from './locate.js';
export { isHostIn, ipToInt, intToIp, parseCidr, prefixOf } from './ipv4.js';
export { closest } from './closest.js';
export { secretUses, type SecretUse } from './secret-walk.js';
export { callFlowEdges, describeNode, describeTarget, nodeKey, targetOf, type Edge as CallFlowEdge, type FlowNode, type FlowNodeKind, type Target } from './callflow-graph.js';
export { WEEKDAYS, calendarDate, formatClock, formatRange, parseClock, parseRange, parseWeekdays, weeklyRanges, type MinuteRange, type Weekday } from './office-hours.js';
export { CALLFLOW_CONTEXT_PREFIX } from './callflow-rules.js';
export { QUEUE_STRATEGIES } from './callflow-schema.js';
export { writeFileAtomic, type AtomicWriteOptions } from './atomic-write.js';
export { addToMap, applySplice, flowMap, itemLines, lineEndAfter, lineStart, newItemText, pairOf, quoted, replaceScalar, seqAt, type FlowValue, type Splice } from './yaml-splice.js';
export { appendItems } from './list-edit.js';
export { OUTSIDE_PREFIX, EMERGENCY_NUMBERS, reservedNumberConflict, overlappingExtension, overlapMessage } from './dialling.js';
export { durationSeconds } from './alert-rules.js';
