// What each alert says to the person who gets it, in Polish and in English: a one-line summary,
// a description with the inventory's context (model, location, the neighbour a port should see),
// and one runbook line — the first thing to check. Static text per rule: the rules are generated
// per device, so nothing needs templating at evaluation time.
import type { AlertKey } from '../../infra/inventory/index.js';

export type Lang = 'pl' | 'en';

export type Context = {
  device: string;
  model?: string;
  location?: string;
  port?: string;
  role?: string;
  portDescription?: string;
  neighbour?: string;
  threshold?: string;
  trunk?: string;
  exporterCount?: number;
  forText?: string;
};

export type Message = { summary: string; description: string; runbook: string };

const where = (c: Context, _lang: Lang): string => {
  const parts = [c.model, c.location].filter(Boolean);
  return parts.length === 0 ? '' : ` (${parts.join(', ')})`;
};

const ROLE: Record<Lang, Record<string, string>> = {
  pl: { uplink: 'uplink', server: 'port serwera', phone: 'port telefonu', access: 'port dostępowy' },
  en: { uplink: 'uplink', server: 'server port', phone: 'phone port', access: 'access port' },
};

const portName = (c: Context, lang: Lang): string => {
  const role = ROLE[lang][c.role ?? 'access'] ?? c.role;
  const desc = c.portDescription ? ` „${c.portDescription}”` : '';
  return lang === 'pl' ? `${role} ${c.port}${desc} przełącznika ${c.device}` : `${role} ${c.port}${desc} of switch ${c.device}`;
};

const toNeighbour = (c: Context, lang: Lang): string => (c.neighbour ? (lang === 'pl' ? ` Po drugiej stronie powinien być ${c.neighbour}.` : ` ${c.neighbour} should be at the other end.`) : '');

type Texts = Record<Lang, (c: Context) => Message>;

export const MESSAGES: Record<AlertKey, Texts> = {
  DeviceDown: {
    pl: (c) => ({
      summary: `${c.device} nie odpowiada na SNMP`,
      description: `Urządzenie ${c.device}${where(c, 'pl')} nie odpowiada na zapytania SNMP eksportera srw od ${c.forText}. Może być wyłączone, odcięte od sieci zarządzania albo mieć zmienione dane SNMP.`,
      runbook: `Sprawdź ping na adres zarządzania, zasilanie i port uplinku; potem \`srw watch --once --json\` i dane SNMP w inwentarzu.`,
    }),
    en: (c) => ({
      summary: `${c.device} is not answering SNMP`,
      description: `Device ${c.device}${where(c, 'en')} has not answered the srw exporter's SNMP requests for ${c.forText}. It may be off, cut off from the management network, or its SNMP settings changed.`,
      runbook: `Ping its management address, check its power and uplink; then \`srw watch --once --json\` and the inventory's SNMP settings.`,
    }),
  },
  ExporterDown: {
    pl: (c) => ({
      summary: `Prometheus nie pobiera danych z eksportera srw`,
      description: `Żaden cel eksportera srw nie odpowiada od ${c.forText} (albo Prometheus nie ma żadnego celu srw). Bez niego nie przyjdzie żaden inny alarm o przełącznikach, zasilaczach UPS ani centrali.`,
      runbook: `Na hoście monitoringu: \`systemctl status srw-exporter\`, \`journalctl -u srw-exporter\`, \`curl http://127.0.0.1:9116/healthz\`.`,
    }),
    en: (c) => ({
      summary: `Prometheus is not scraping the srw exporter`,
      description: `No target of the srw exporter has answered for ${c.forText} (or Prometheus has no srw target at all). Without it no other alert about switches, UPSes or the PBX can arrive.`,
      runbook: `On the monitoring host: \`systemctl status srw-exporter\`, \`journalctl -u srw-exporter\`, \`curl http://127.0.0.1:9116/healthz\`.`,
    }),
  },
  PortDown: {
    pl: (c) => ({
      summary: `${portName(c, 'pl')} nie działa`,
      description: `${cap(portName(c, 'pl'))} jest wyłączony operacyjnie (ifOperStatus), choć administracyjnie włączony, od ${c.forText}.${toNeighbour(c, 'pl')}`,
      runbook: `Sprawdź kabel i wkładkę SFP, diody portu i drugą stronę łącza; \`srw topology\` pokaże, czy sąsiad LLDP zniknął.`,
    }),
    en: (c) => ({
      summary: `${cap(portName(c, 'en'))} is down`,
      description: `${cap(portName(c, 'en'))} has been operationally down (ifOperStatus) while administratively up for ${c.forText}.${toNeighbour(c, 'en')}`,
      runbook: `Check the cable and SFP, the port LEDs and the far end; \`srw topology\` shows whether the LLDP neighbour is gone.`,
    }),
  },
  PortErrors: {
    pl: (c) => ({
      summary: `Błędy na ${portName(c, 'pl')}`,
      description: `${cap(portName(c, 'pl'))} notuje ponad ${c.threshold} błędów/s (ifInErrors + ifOutErrors) od ${c.forText}.`,
      runbook: `Zwykle kabel, wkładka lub niezgodny duplex: sprawdź je i liczniki po drugiej stronie.`,
    }),
    en: (c) => ({
      summary: `Errors on ${portName(c, 'en')}`,
      description: `${cap(portName(c, 'en'))} has counted more than ${c.threshold} errors/s (ifInErrors + ifOutErrors) for ${c.forText}.`,
      runbook: `Usually the cable, the optic or a duplex mismatch: check them and the far end's counters.`,
    }),
  },
  PortDiscards: {
    pl: (c) => ({
      summary: `Odrzucane pakiety na ${portName(c, 'pl')}`,
      description: `${cap(portName(c, 'pl'))} odrzuca ponad ${c.threshold} pakietów/s (ifInDiscards + ifOutDiscards) od ${c.forText}: kolejki są przepełnione.`,
      runbook: `Zobacz wykorzystanie portu na pulpicie przełącznika; rozważ szybsze łącze lub agregację.`,
    }),
    en: (c) => ({
      summary: `Discards on ${portName(c, 'en')}`,
      description: `${cap(portName(c, 'en'))} has discarded more than ${c.threshold} packets/s (ifInDiscards + ifOutDiscards) for ${c.forText}: its queues overflow.`,
      runbook: `Look at the port's utilisation on the switch dashboard; consider a faster link or an aggregate.`,
    }),
  },
  PortUtilisation: {
    pl: (c) => ({
      summary: `${cap(portName(c, 'pl'))} obciążony ponad ${c.threshold}`,
      description: `Ruch na ${portName(c, 'pl')} przekracza ${c.threshold} przepustowości od ${c.forText}.`,
      runbook: `Sprawdź na pulpicie, kto generuje ruch (kopie zapasowe?); przenieś zadania albo poszerz łącze.`,
    }),
    en: (c) => ({
      summary: `${cap(portName(c, 'en'))} above ${c.threshold} utilisation`,
      description: `Traffic on ${portName(c, 'en')} has been above ${c.threshold} of its speed for ${c.forText}.`,
      runbook: `See on the dashboard what carries the traffic (backups?); move the jobs or widen the link.`,
    }),
  },
  UpsOnBattery: {
    pl: (c) => ({
      summary: `UPS ${c.device} pracuje na baterii`,
      description: `Zasilacz ${c.device}${where(c, 'pl')} zasila odbiory z baterii: brak napięcia w sieci.`,
      runbook: `Sprawdź zasilanie budynku i bezpieczniki; obserwuj pozostały czas pracy i przygotuj wyłączenie serwerów.`,
    }),
    en: (c) => ({
      summary: `UPS ${c.device} is on battery`,
      description: `UPS ${c.device}${where(c, 'en')} feeds its load from the battery: the mains are gone.`,
      runbook: `Check the building's power and breakers; watch the remaining runtime and prepare to shut servers down.`,
    }),
  },
  UpsOnBypass: {
    pl: (c) => ({
      summary: `UPS ${c.device} na obejściu (bypass) — odbiory bez ochrony`,
      description: `Zasilacz ${c.device}${where(c, 'pl')} przełączył się na bypass od ${c.forText}: odbiory są zasilane wprost z sieci, bez ochrony baterii.`,
      runbook: `Sprawdź alarmy na panelu UPS (przeciążenie, usterka falownika); wezwij serwis, jeśli nie wraca sam.`,
    }),
    en: (c) => ({
      summary: `UPS ${c.device} on bypass — load unprotected`,
      description: `UPS ${c.device}${where(c, 'en')} has been on bypass for ${c.forText}: the load runs straight from the mains, without battery protection.`,
      runbook: `Check the UPS panel's alarms (overload, inverter fault); call service if it does not return by itself.`,
    }),
  },
  UpsBatteryLow: {
    pl: (c) => ({
      summary: `Niski poziom baterii UPS ${c.device}`,
      description: `Bateria zasilacza ${c.device}${where(c, 'pl')} jest naładowana poniżej ${c.threshold} albo UPS zgłasza stan „niski”.`,
      runbook: `Jeśli UPS pracuje na baterii: wyłącz zbędne odbiory i serwery w kolejności z procedury.`,
    }),
    en: (c) => ({
      summary: `UPS ${c.device} battery low`,
      description: `The battery of UPS ${c.device}${where(c, 'en')} is charged below ${c.threshold}, or the UPS reports it low.`,
      runbook: `If it runs on battery: shed load and shut servers down in the order of your procedure.`,
    }),
  },
  UpsRuntimeLow: {
    pl: (c) => ({
      summary: `UPS ${c.device}: mniej niż ${c.threshold} pracy na baterii`,
      description: `Szacowany czas pracy na baterii zasilacza ${c.device}${where(c, 'pl')} spadł poniżej ${c.threshold}.`,
      runbook: `Zmniejsz obciążenie; przy pracy na baterii zacznij wyłączać serwery teraz.`,
    }),
    en: (c) => ({
      summary: `UPS ${c.device}: under ${c.threshold} of runtime`,
      description: `The estimated battery runtime of UPS ${c.device}${where(c, 'en')} is below ${c.threshold}.`,
      runbook: `Reduce the load; on battery, start shutting servers down now.`,
    }),
  },
  UpsReplaceBattery: {
    pl: (c) => ({
      summary: `UPS ${c.device}: wymień baterię`,
      description: `Zasilacz ${c.device}${where(c, 'pl')} zgłasza, że bateria wymaga wymiany.`,
      runbook: `Zamów baterie (model w dokumentacji UPS) i zaplanuj wymianę; do tego czasu czas pracy jest krótszy.`,
    }),
    en: (c) => ({
      summary: `UPS ${c.device}: replace the battery`,
      description: `UPS ${c.device}${where(c, 'en')} reports that its battery needs replacing.`,
      runbook: `Order the batteries (model in the UPS manual) and plan the swap; runtime is shorter until then.`,
    }),
  },
  UpsOverload: {
    pl: (c) => ({
      summary: `UPS ${c.device} przeciążony (ponad ${c.threshold})`,
      description: `Obciążenie najbardziej obciążonej fazy zasilacza ${c.device}${where(c, 'pl')} przekracza ${c.threshold} mocy znamionowej od ${c.forText}.`,
      runbook: `Przenieś część odbiorów na inny UPS; przeciążony UPS przejdzie na bypass albo się wyłączy przy zaniku sieci.`,
    }),
    en: (c) => ({
      summary: `UPS ${c.device} overloaded (above ${c.threshold})`,
      description: `The most loaded phase of UPS ${c.device}${where(c, 'en')} has been above ${c.threshold} of its rating for ${c.forText}.`,
      runbook: `Move some load to another UPS; an overloaded UPS goes to bypass, or drops the load when the mains fail.`,
    }),
  },
  UpsTemperature: {
    pl: (c) => ({
      summary: `Wysoka temperatura przy UPS ${c.device}`,
      description: `Temperatura baterii albo czujnika zasilacza ${c.device}${where(c, 'pl')} przekracza ${c.threshold} od ${c.forText}.`,
      runbook: `Sprawdź klimatyzację serwerowni; gorąca bateria szybko traci pojemność.`,
    }),
    en: (c) => ({
      summary: `High temperature at UPS ${c.device}`,
      description: `The battery or probe temperature of UPS ${c.device}${where(c, 'en')} has been above ${c.threshold} for ${c.forText}.`,
      runbook: `Check the server room's air conditioning; a hot battery loses capacity fast.`,
    }),
  },
  AmiDown: {
    pl: (c) => ({
      summary: `Brak połączenia AMI z centralą ${c.device}`,
      description: `Eksporter srw nie jest zalogowany do centrali ${c.device} przez AMI od ${c.forText}: stan rejestracji telefonów i łączy jest nieznany.`,
      runbook: `Sprawdź, czy Asterisk działa (\`systemctl status asterisk\`), port AMI i zaporę; potem \`srw voip status\`.`,
    }),
    en: (c) => ({
      summary: `No AMI connection to PBX ${c.device}`,
      description: `The srw exporter has not been logged in to PBX ${c.device} over AMI for ${c.forText}: phone and trunk registrations are unknown.`,
      runbook: `Check that Asterisk runs (\`systemctl status asterisk\`), the AMI port and the firewall; then \`srw voip status\`.`,
    }),
  },
  AmiLoginRefused: {
    pl: (c) => ({
      summary: `Centrala ${c.device} odrzuca logowanie AMI`,
      description: `Centrala ${c.device} odrzuciła login użytkownika monitorującego srw: hasło lub uprawnienia w manager.conf nie zgadzają się z inwentarzem.`,
      runbook: `Porównaj sekret użytkownika monitorującego z manager.conf (\`srw voip render --out\`), sprawdź permit/deny.`,
    }),
    en: (c) => ({
      summary: `PBX ${c.device} refuses the AMI login`,
      description: `PBX ${c.device} refused srw's monitoring user: the password or the permissions in manager.conf disagree with the inventory.`,
      runbook: `Compare the monitoring user's secret with manager.conf (\`srw voip render --out\`), check permit/deny.`,
    }),
  },
  TrunkUnregistered: {
    pl: (c) => ({
      summary: `Łącze ${c.trunk} niezarejestrowane`,
      description: `Łącze ${c.trunk} centrali ${c.device} nie jest zarejestrowane u operatora od ${c.forText}: połączenia przychodzące nie docierają.`,
      runbook: `\`srw voip status\`; sprawdź dostęp do operatora (DNS, zapora, NAT) i dane logowania łącza; zadzwoń do operatora.`,
    }),
    en: (c) => ({
      summary: `Trunk ${c.trunk} not registered`,
      description: `Trunk ${c.trunk} of PBX ${c.device} has not been registered with the operator for ${c.forText}: incoming calls do not arrive.`,
      runbook: `\`srw voip status\`; check the way to the operator (DNS, firewall, NAT) and the trunk's credentials; call the operator.`,
    }),
  },
  EndpointsUnreachable: {
    pl: (c) => ({
      summary: `Ponad ${c.threshold} telefonów centrali ${c.device} niedostępnych`,
      description: `Ponad ${c.threshold} numerów wewnętrznych centrali ${c.device} jest niedostępnych od ${c.forText}: zwykle awaria sieci głosowej (VLAN, PoE), a nie pojedynczych telefonów.`,
      runbook: `Sprawdź przełączniki z portami telefonów (PoE, VLAN głosowy) i DHCP; \`srw voip status\` pokaże, które.`,
    }),
    en: (c) => ({
      summary: `Over ${c.threshold} of PBX ${c.device}'s phones unreachable`,
      description: `Over ${c.threshold} of PBX ${c.device}'s extensions have been unreachable for ${c.forText}: usually the voice network (VLAN, PoE), not single phones.`,
      runbook: `Check the switches with phone ports (PoE, voice VLAN) and DHCP; \`srw voip status\` lists which.`,
    }),
  },
  TrunkChannels: {
    pl: (c) => ({
      summary: `Łącze ${c.trunk} blisko limitu kanałów`,
      description: `Na łączu ${c.trunk} centrali ${c.device} trwa ${c.threshold} od ${c.forText}: kolejni dzwoniący usłyszą sygnał zajętości.`,
      runbook: `Sprawdź, czy to zwykły szczyt, czy zawieszone połączenia (\`srw voip status\`); rozważ więcej kanałów u operatora.`,
    }),
    en: (c) => ({
      summary: `Trunk ${c.trunk} near its channel limit`,
      description: `Trunk ${c.trunk} of PBX ${c.device} has carried ${c.threshold} for ${c.forText}: further callers will hear busy.`,
      runbook: `Check whether it is a normal peak or stuck calls (\`srw voip status\`); consider more channels from the operator.`,
    }),
  },
};

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** "2m" → "2 minut" / "2 minutes"; "0s" → "chwili" / "a moment"; used as "od …" / "for …". */
export function forText(duration: string, lang: Lang): string {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(duration);
  if (!m) return duration;
  if (Number(m[1]) === 0) return lang === 'pl' ? 'chwili' : 'a moment';
  const n = Number(m[1]);
  const unit = m[2]!;
  if (lang === 'en') {
    const names: Record<string, string> = { ms: 'millisecond', s: 'second', m: 'minute', h: 'hour', d: 'day' };
    return `${n} ${names[unit]}${n === 1 ? '' : 's'}`;
  }
  // Genitive after "od": od 1 minuty, od 2 minut, od 5 minut.
  const pl: Record<string, [string, string]> = { ms: ['milisekundy', 'milisekund'], s: ['sekundy', 'sekund'], m: ['minuty', 'minut'], h: ['godziny', 'godzin'], d: ['dnia', 'dni'] };
  const [one, many] = pl[unit]!;
  return `${n} ${n === 1 ? one : many}`;
}

export function message(key: AlertKey, lang: Lang, c: Context): Message {
  return MESSAGES[key][lang](c);
}
