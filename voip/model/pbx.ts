// The PBX as srw sees it: plain data built from AMI list actions and kept current from events
// (voip/ami/pbx-state.ts). The exporter and the TUI read it; neither talks AMI.

/** Asterisk's device states as DeviceStateChange spells them. */
export type DeviceState = 'UNKNOWN' | 'NOT_INUSE' | 'INUSE' | 'BUSY' | 'INVALID' | 'UNAVAILABLE' | 'RINGING' | 'RINGINUSE' | 'ONHOLD';

export type Contact = {
  uri: string;
  /** ContactStatus vocabulary: NonQualified right after REGISTER, then Reachable/Unreachable, Removed on unregister. */
  status: 'Reachable' | 'Unreachable' | 'NonQualified' | 'Unknown' | 'Created' | 'Updated';
  roundTripUsec?: number;
  userAgent?: string;
};

export type Endpoint = {
  /** The endpoint name, which for phones is the extension number. */
  name: string;
  deviceState: DeviceState;
  contacts: Contact[];
  /** Channels currently up on this endpoint. */
  activeChannels: number;
};

export type Registration = {
  /** Outbound registration (trunk) name. */
  name: string;
  serverUri: string;
  clientUri: string;
  status: 'Registered' | 'Unregistered' | 'Rejected' | 'Failed' | 'Unknown';
};

export type Channel = {
  name: string;
  uniqueid: string;
  linkedid: string;
  /** PJSIP/201-00000001 → 201 */
  endpoint?: string;
  callerIdNum: string;
  callerIdName: string;
  connectedNum: string;
  connectedName: string;
  /** ChannelStateDesc: Down, Ring, Ringing, Up, Busy, … */
  state: string;
  context?: string;
  exten?: string;
  application?: string;
  bridgeId?: string;
  /** Epoch ms when the channel appeared. */
  createdAt: number;
};

/** A bridge as its Bridge* events describe it (BridgeCreate/Enter/Leave, events-call-201-to-202-bridged.txt). */
export type Bridge = {
  id: string;
  /** BridgeTechnology: simple_bridge, native_rtp, … (changes while the call goes on). */
  technology: string;
  /** BridgeType: basic, … */
  type: string;
  /** '' where AMI says `<unknown>`. */
  creator: string;
  name: string;
};

/** A call: the channels sharing one Linkedid. */
export type Call = {
  id: string;
  /** Caller first, then the called parties (numbers or names). */
  parties: string[];
  channels: string[];
  state: 'ringing' | 'up';
  startedAt: number;
  bridged: boolean;
};

/** A queue member as srw shows it: can take a call now, paused, busy (ringing or talking), or not there. */
export type QueueMemberState = 'available' | 'paused' | 'in-call' | 'unavailable';

export type QueueMember = {
  /** `PJSIP/232` (QueueMember Location, QueueMember* Interface). */
  interface: string;
  /** The member's name from queues.conf (`Sylwia Witkowska`). */
  name: string;
  state: QueueMemberState;
  /** app_queue's view of the member's device (the numeric Status as a device state). */
  deviceState: DeviceState;
  paused: boolean;
  pausedReason?: string;
  /** Calls this member took since app_queue loaded (CallsTaken). */
  callsTaken: number;
};

/** A caller waiting in a queue (QueueEntry / QueueCallerJoin). */
export type QueueCaller = {
  uniqueid: string;
  channel: string;
  callerIdNum: string;
  callerIdName: string;
  /** Epoch ms the caller joined (from Wait when read from QueueStatus). */
  joinedAt: number;
};

/** One app_queue queue as QueueStatus and the agent-class queue events describe it. */
export type Queue = {
  /** The PBX's name: `srw-bom` for the inventory's queue `bom` (voip/callflows/queues-conf.ts). */
  name: string;
  strategy: string;
  /** Callers waiting, first in line first. */
  callers: QueueCaller[];
  /** Members by interface. */
  members: Record<string, QueueMember>;
  /** Calls answered by a member and finished (QueueParams Completed; +1 per AgentComplete). */
  completed: number;
  /** Callers who hung up while waiting (QueueParams Abandoned; +1 per QueueCallerAbandon). */
  abandoned: number;
};

export type AmiConnection = 'connecting' | 'connected' | 'disconnected' | 'auth-failed';

export type PbxState = {
  connection: AmiConnection;
  /** least-privilege: built from what write=reporting allows; system: PJSIPShow* too. */
  mode: 'least-privilege' | 'system';
  /** What this mode cannot see, for `srw voip status` and the TUI. */
  limitations: string[];
  asteriskVersion?: string;
  amiVersion?: string;
  /** Epoch ms. */
  startedAt?: number;
  reloadedAt?: number;
  endpoints: Record<string, Endpoint>;
  registrations: Record<string, Registration>;
  channels: Record<string, Channel>;
  /** Bridges seen in Bridge* events since srw connected (CoreShowChannels gives only the ids). */
  bridges?: Record<string, Bridge>;
  /** app_queue's queues by the PBX's name (QueueStatus at load, then queue events or re-reads). */
  queues?: Record<string, Queue>;
  /** Epoch ms of the last event applied. */
  lastEventAt?: number;
  lastError?: string;
};

export const emptyPbxState = (mode: PbxState['mode'] = 'least-privilege'): PbxState => ({
  connection: 'connecting',
  mode,
  limitations: [],
  endpoints: {},
  registrations: {},
  channels: {},
});
