// Port descriptions the way a Polish city hall labels them ("Pokój 12 — Sekretariat"):
// invented for the lab, deterministic from a seed.
import { unit } from './traffic.js';

const OFFICES = [
  'Sekretariat',
  'Kancelaria ogólna',
  'Wydział Finansowy',
  'Księgowość',
  'Kasa',
  'Urząd Stanu Cywilnego',
  'Wydział Podatków i Opłat',
  'Ewidencja ludności',
  'Biuro Rady Miasta',
  'Zamówienia publiczne',
  'Kadry',
  'Wydział Oświaty',
  'Gospodarka komunalna',
  'Architektura i budownictwo',
  'Promocja miasta',
  'Straż Miejska',
  'Archiwum zakładowe',
  'Radca prawny',
  'Biuro Obsługi Mieszkańców',
  'Zastępca Burmistrza',
  'Gabinet Burmistrza',
  'Skarbnik',
];

const DEVICES = ['Drukarka — korytarz I p.', 'AP — sala obrad', 'Kamera — parking', 'Telefon IP — portiernia', 'Infokiosk — hol', 'AP — korytarz parter', 'Zegar — wejście główne'];

/** ifAlias for access port `port` on a floor; empty for some, as on real switches. */
export function officeAlias(seed: number, port: number, floor: number): string {
  const u = unit(seed, 7000 + port);
  if (u < 0.08) return '';
  if (u < 0.2) return DEVICES[Math.floor(unit(seed, 8000 + port) * DEVICES.length)]!;
  const room = floor * 100 + 1 + Math.floor((port - 1) / 2);
  const office = OFFICES[Math.floor(unit(seed, 9000 + port) * OFFICES.length)]!;
  return `Pokój ${room} — ${office}`;
}
