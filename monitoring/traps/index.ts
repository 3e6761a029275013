// Public surface of the trap receiver room.
export { TrapReceiver, type TrapReceiverOptions, type TrapStats, type DropReason, type TrapLogger } from './receiver.js';
export { decodeNotification, v1TrapOid, type Notification, type TrapVarbind, type TrapVersion, type RawTrapPdu } from './notification.js';
export { NOTIFICATIONS, OBJECTS, UPS_ALARMS, objectOf, type NotificationInfo, type Severity } from './names.js';
export { createRateLimiter, DEFAULT_RATE_LIMIT, type RateLimit, type RateLimiter } from './rate-limit.js';
export { deriveEngineId, parseEngineId, defaultStateDir, startEngine, engineTime, inTimeWindow, TIME_WINDOW_S, type EngineIdentity } from './engine.js';
export { registerTrapMetrics } from './metrics.js';
export { createTrapRepoll, type Repoller } from './repoll.js';
