// What each AMI action looks like on the wire, as tables (read by the client, the state loader
// and the simulator). Source: ../shared/ami-transcripts (Asterisk 22.10.1) and its README.

/** List actions and the event that ends their list. The client keys on `EventList: Complete`
 *  + ActionID, never on these names; the simulator uses them to answer like Asterisk. */
export const listCompleteEvent: Record<string, string> = {
  coreshowchannels: 'CoreShowChannelsComplete',
  pjsipshowendpoints: 'EndpointListComplete',
  pjsipshowendpoint: 'EndpointDetailComplete',
  pjsipshowcontacts: 'ContactListComplete',
  pjsipshowaors: 'AorListComplete',
  pjsipshowauths: 'AuthListComplete',
  pjsipshowregistrationsoutbound: 'OutboundRegistrationDetailComplete',
  status: 'StatusComplete',
  extensionstatelist: 'ExtensionStateListComplete',
  devicestatelist: 'DeviceStateListComplete',
  dbget: 'DBGetComplete',
  dbgettree: 'DBGetTreeComplete',
  queuestatus: 'QueueStatusComplete',
  queuesummary: 'QueueSummaryComplete',
};

/** Actions whose empty list comes back as `Response: Error` instead of an empty list
 *  (pjsipshowcontacts-none.txt: "No Contacts found\n"). The client turns these into []. */
export const emptyListErrors: Record<string, RegExp> = {
  pjsipshowcontacts: /^No Contacts found/,
};

/** Write classes that authorise each action in 22.10.1 (README, least-privilege section):
 *  the user needs ANY one of them. [] = no class needed. */
export const actionClasses: Record<string, string[]> = {
  ping: [],
  logoff: [],
  login: [],
  challenge: [],
  pjsipshowendpoints: ['system'],
  pjsipshowendpoint: ['system'],
  pjsipshowcontacts: ['system'],
  pjsipshowaors: ['system'],
  pjsipshowauths: ['system'],
  pjsipshowregistrationinboundcontactstatuses: ['system'],
  // least-privilege-pjsipunregister.txt: a write=reporting user may take the trunk offline.
  pjsipunregister: ['system', 'reporting'],
  pjsipregister: ['system', 'reporting'],
  voicemailuserslist: ['call', 'reporting'],
  // astdb-admin.txt, astdb-least-privilege.txt: reading AstDB is reporting, writing it system.
  dbgettree: ['system', 'reporting'],
  dbget: ['system', 'reporting'],
  dbput: ['system'],
  dbdel: ['system'],
  dbdeltree: ['system'],
  // devstate-custom-*.txt: Setvar needs write=call (the admin's config,system is refused).
  setvar: ['call'],
  moduleload: ['system'],
  getvar: ['call', 'reporting'],
  modulecheck: ['system'],
  coresettings: ['system', 'reporting'],
  corestatus: ['system', 'reporting'],
  coreshowchannels: ['system', 'reporting'],
  pjsipshowregistrationsoutbound: ['system', 'reporting'],
  devicestatelist: ['call', 'reporting'],
  extensionstatelist: ['call', 'reporting'],
  extensionstate: ['call', 'reporting'],
  status: ['system', 'call', 'reporting'],
  getconfig: ['system', 'config'],
  getconfigjson: ['system', 'config'],
  updateconfig: ['config'],
  reload: ['config', 'system'],
  command: ['command'],
  originate: ['originate'],
  hangup: ['system', 'call'],
  filter: ['system'],
  // app_queue.c registers both with privilege 0: any logged-in user (queuestatus-idle-*.txt).
  queuestatus: [],
  queuesummary: [],
  // EVENT_FLAG_AGENT: refused to srw-monitor and srw-admin alike (queuestatus-idle-admin.txt).
  queuepause: ['agent'],
};
