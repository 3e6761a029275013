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
export { OUTSIDE_PREFIX, EMERGENCY_NUMBERS, reservedNumberConflict, overlappingExtension, overlapMessage } from './dialling.js';
