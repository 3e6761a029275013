// Credentials of the lab peers (snmp-lab.md §2–§4). Lab-only values: they guard loopback daemons
// that live for one test run, so they are constants rather than secret references.

/** snmpd48: read-only v2c community. */
export const LAB_COMMUNITY = 'labcommunity';
/** snmpd48: v2c community that may only SET ifAlias (used to label the fake ports). */
export const LAB_WRITE_COMMUNITY = 'labwrite';
/** snmpd48: SNMPv3 authPriv SHA/AES user. */
export const LAB_V3 = { user: 'labv3', authProtocol: 'sha', authKey: 'labauthpass1', privProtocol: 'aes', privKey: 'labprivpass1' } as const;
/** snmpsim: SNMPv3 authPriv SHA/AES user; the recording is picked with the context name (its stem). */
export const SNMPSIM_V3 = { user: 'labuser', authProtocol: 'sha', authKey: 'labauthpass1', privProtocol: 'aes', privKey: 'labprivpass1' } as const;
/** snmpsim: its built-in default v3 user, listed explicitly (MD5/DES). */
export const SNMPSIM_V3_DEFAULT = { user: 'simulator', authProtocol: 'md5', authKey: 'auctoritas', privProtocol: 'des', privKey: 'privatus' } as const;
