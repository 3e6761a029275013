// sysObjectID → vendor, by the IANA enterprise number under 1.3.6.1.4.1 (the registry at
// https://www.iana.org/assignments/enterprise-numbers). Only makers of switches and UPSes a
// city hall meets are named; any other number is shown as "enterprise N", which is still enough
// to look it up.
const ENTERPRISE = '1.3.6.1.4.1.';

const VENDORS: Readonly<Record<number, string>> = {
  9: 'Cisco',
  11: 'HP',
  43: '3Com',
  171: 'D-Link',
  207: 'Allied Telesis',
  318: 'APC',
  534: 'Eaton',
  674: 'Dell',
  705: 'Eaton (MGE)',
  890: 'Zyxel',
  935: 'Socomec',
  1916: 'Extreme Networks',
  1991: 'Brocade (Foundry)',
  2011: 'Huawei',
  2254: 'Delta',
  2636: 'Juniper',
  3375: 'F5',
  3808: 'CyberPower',
  4413: 'Broadcom',
  4526: 'Netgear',
  5528: 'Vertiv (Liebert)',
  6027: 'Dell (Force10)',
  6486: 'Alcatel-Lucent',
  8072: 'Net-SNMP',
  10418: 'Avocent',
  11863: 'TP-Link',
  12356: 'Fortinet',
  14988: 'MikroTik',
  25506: 'H3C (HPE Comware)',
  30065: 'Arista',
  41112: 'Ubiquiti',
  47196: 'Aruba (HPE)',
};

/** The enterprise number of a sysObjectID, if it lies under 1.3.6.1.4.1. */
export function enterpriseOf(sysObjectID: string): number | undefined {
  if (!sysObjectID.startsWith(ENTERPRISE)) return undefined;
  const arc = sysObjectID.slice(ENTERPRISE.length).split('.')[0];
  return arc !== undefined && /^\d+$/.test(arc) ? Number(arc) : undefined;
}

export function vendorOf(sysObjectID: string | undefined): string | undefined {
  if (!sysObjectID) return undefined;
  const n = enterpriseOf(sysObjectID);
  if (n === undefined) return undefined;
  return VENDORS[n] ?? `enterprise ${n}`;
}
