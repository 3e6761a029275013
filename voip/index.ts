// Public surface of voip/: the AMI client, PBX state and metrics, and the lab simulator.
export * from './model/pbx.js';
export { AmiClient, commandText, type AmiClientOptions, type AmiResponse, type ReconnectOptions } from './ami/client.js';
export { AmiError, AmiActionError, AmiAuthError, AmiConnectionError, AmiHeaderError, AmiTimeoutError, type AmiErrorCode } from './ami/errors.js';
export { createFrameReader, field, fieldsAll, parseAll, type AmiMessage, type Frame } from './ami/frame.js';
export { checkHeader, headerList, type ActionHeaders } from './ami/encode.js';
export { redactMessage, redactValue, REDACTED } from './ami/redact.js';
export { startAmiSimulator, labUsers, type AmiSimulator, type AmiSimulatorOptions, type FaultHook, type FaultMode, type SimUser } from './lab/ami-simulator.js';
export { PbxModel, type PbxModelOptions } from './lab/pbx-model.js';
export { parseConf, renderConf, getConfigHeaders, applyUpdate, labPjsipConf, type ConfigFile, type Category } from './lab/config-file.js';
export { applyEvent, callsOf, stateFromLists, endpointOfChannel, LIMITATIONS, type LoadedLists } from './ami/pbx-state.js';
export { PbxMonitor, type PbxMonitorOptions } from './ami/pbx-monitor.js';
export { registerPbxMetrics, type PbxMetrics } from './ami/pbx-metrics.js';
export { statusReport, formatStatus, type StatusReport } from './ami/status-report.js';
