// Pure string code: also bundled into the web UI.

/** UTC offsets (minutes) of the zone abbreviations strftime('%Z') writes on CI hosts. */
const ZONE_OFFSETS: Record<string, number> = {
  UTC: 0,
  GMT: 0,
  UCT: 0,
  Z: 0,
  WET: 0,
  BST: 60,
  CET: 60,
  WEST: 60,
  IST: 60, // IST: Irish Standard Time, as tzdata writes for Europe/Dublin
  CEST: 120,
  EET: 120,
  SAST: 120,
  EEST: 180,
  MSK: 180,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
  AKST: -540,
  AKDT: -480,
  HST: -600,
  JST: 540,
  KST: 540,
  HKT: 480,
  SGT: 480,
  AWST: 480,
  AEST: 600,
  AEDT: 660,
  ACST: 570,
  ACDT: 630,
  NZST: 720,
  NZDT: 780,
};

/** Offset east of UTC in minutes for an abbreviation or a numeric `+0200` / `-05:30` / `+03` (tzdata's name for a zone without an abbreviation); undefined when unknown. */
export function zoneOffsetMinutes(zone: string): number | undefined {
  const numeric = /^([+-])(\d\d)(?::?(\d\d))?$/.exec(zone);
  if (numeric) return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  return ZONE_OFFSETS[zone.toUpperCase()];
}
