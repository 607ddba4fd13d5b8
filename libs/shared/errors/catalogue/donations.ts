import { Catalogue, day, list, opt, str } from './entry';

/** Problems of donors, donations and receipts. */
export const DONATIONS: Catalogue = {
  DONOR_UNKNOWN: {
    de: {
      title: 'Spender unbekannt',
      detail: 'Diese Spenderin oder diesen Spender gibt es nicht.',
    },
    en: { title: 'Donor unknown' },
  },
  DONOR_ALREADY_MERGED: {
    de: {
      title: 'Schon zusammengeführt',
      detail: 'Einer der Spender wurde bereits zusammengeführt.',
    },
    en: { title: 'Donor already merged' },
  },
  DONOR_RESTRICTED: {
    de: {
      title: 'Verarbeitung eingeschränkt',
      detail:
        'Die Verarbeitung der Daten dieser Person ist eingeschränkt (Art. 18 DSGVO); neue Vorgänge sind gesperrt, bis die Einschränkung aufgehoben ist.',
    },
    en: { title: 'Processing restricted' },
  },
  MERGE_INTO_SELF: {
    de: {
      title: 'Zusammenführung mit sich selbst',
      detail: 'Ein Spender kann nicht mit sich selbst zusammengeführt werden.',
    },
    en: { title: 'Merge into self' },
  },
  DONATION_UNKNOWN: {
    de: { title: 'Spende unbekannt', detail: 'Diese Spende gibt es nicht.' },
    en: { title: 'Donation unknown' },
  },
  DONATION_ALREADY_CORRECTED: {
    de: { title: 'Schon berichtigt', detail: 'Diese Spende wurde bereits berichtigt.' },
    en: { title: 'Donation already corrected' },
  },
  DONATION_CORRECTED: {
    de: {
      title: 'Spende berichtigt',
      detail:
        'Eine berichtigte Spende bekommt keine Bestätigung; bitte die ersetzende Spende bescheinigen.',
    },
    en: { title: 'Donation corrected' },
  },
  IN_KIND_DETAILS_REQUIRED: {
    de: {
      title: 'Angaben zur Sachspende fehlen',
      detail: 'Eine Sachspende braucht den Gegenstand und die Grundlage seines Werts.',
    },
    en: { title: 'In-kind details required' },
  },
  KIND_MISMATCH: {
    de: {
      title: 'Angaben passen nicht',
      detail: (p) =>
        p.field === 'waiver'
          ? 'Angaben zum Aufwandsverzicht gehören nur zu Aufwandsspenden.'
          : 'Angaben zur Sachspende gehören nur zu Sachspenden.',
    },
    en: { title: 'Kind mismatch' },
  },
  WAIVER_CLAIM_REQUIRED: {
    de: {
      title: 'Erstattungsanspruch fehlt',
      detail: 'Ein Aufwandsverzicht braucht einen vorher vereinbarten Erstattungsanspruch.',
    },
    en: { title: 'Waiver claim required' },
  },
  WAIVER_CLAIM_NOT_PRIOR: {
    de: {
      title: 'Anspruch zu spät',
      detail: 'Der Erstattungsanspruch muss vor dem Verzicht vereinbart worden sein.',
    },
    en: { title: 'Waiver claim not prior' },
  },
  EMAIL_MISSING: {
    de: {
      title: 'E-Mail fehlt',
      detail: 'Die Person hat keine E-Mail-Adresse; bitte eine angeben.',
    },
    en: { title: 'E-mail missing' },
  },
  RECEIPT_ALREADY_VOID: {
    de: { title: 'Schon storniert', detail: 'Die Zuwendungsbestätigung ist bereits storniert.' },
    en: { title: 'Receipt already void' },
  },
  RECEIPT_VOID: {
    de: {
      title: 'Bestätigung storniert',
      detail: 'Eine stornierte Zuwendungsbestätigung wird nicht versandt.',
    },
    en: { title: 'Receipt void' },
  },
  RECEIPT_VOID_NO_DUPLICATE: {
    de: {
      title: 'Keine Zweitschrift',
      detail: (p) =>
        `Eine stornierte Zuwendungsbestätigung bekommt keine Zweitschrift; ohne „duplicate“ herunterladen, um die als ungültig markierte Fassung zu erhalten${opt(p.replacedByNumber, (n) => ` (ersetzt durch Nr. ${n})`)}.`,
    },
    en: { title: 'No duplicate of a void receipt' },
  },
  RECEIPT_NOT_RENDERED: {
    de: {
      title: 'PDF noch nicht fertig',
      detail: 'Das PDF wird gerade erzeugt; bitte gleich noch einmal versuchen.',
    },
    en: { title: 'Receipt not rendered' },
  },
  RECEIPT_EXISTS: {
    de: {
      title: 'Bestätigung vorhanden',
      detail:
        'Eine gültige Zuwendungsbestätigung deckt diese Spende schon ab; bitte erst stornieren.',
    },
    en: { title: 'Receipt exists' },
  },
  RECEIPT_MIXED_DONORS: {
    de: {
      title: 'Mehrere Spender',
      detail: 'Eine Bestätigung umfasst die Spenden einer einzigen Person.',
    },
    en: { title: 'Receipt mixes donors' },
  },
  RECEIPT_MIXED_YEARS: {
    de: {
      title: 'Mehrere Jahre',
      detail: 'Eine Sammelbestätigung umfasst ein Kalenderjahr.',
    },
    en: { title: 'Receipt mixes years' },
  },
  RECEIPT_IN_KIND_ALONE: {
    de: {
      title: 'Sachspende einzeln',
      detail: 'Eine Sachspende bekommt eine eigene Bestätigung.',
    },
    en: { title: 'In-kind receipt alone' },
  },
  RECEIPT_RUN_RUNNING: {
    de: {
      title: 'Lauf in Arbeit',
      detail: 'Für diese Organisation läuft bereits ein Bestätigungslauf.',
    },
    en: { title: 'Receipt run running' },
  },
  RECEIPT_RUN_NOT_READY: {
    de: {
      title: 'Lauf nicht fertig',
      detail: (p) =>
        `Der Lauf stellt noch Bestätigungen aus oder erzeugt sie${opt(p.total, () => ` (${str(p.done, '0')} von ${str(p.total)})`)}.`,
    },
    en: { title: 'Receipt run not ready' },
  },
  DONOR_ADDRESS_INCOMPLETE: {
    de: {
      title: 'Anschrift unvollständig',
      detail: (p) =>
        `Eine Zuwendungsbestätigung braucht den vollen Namen und die Anschrift${opt(Array.isArray(p.missing) && p.missing.length ? list(p.missing) : undefined, (m) => `; es fehlt: ${m}`)}.`,
    },
    en: { title: 'Donor address incomplete' },
  },
  EXEMPTION_NOTICE_MISSING: {
    de: {
      title: 'Freistellungsbescheid fehlt',
      detail:
        'Für die Organisation ist kein Freistellungsbescheid (oder § 60a-Feststellung) erfasst.',
    },
    en: { title: 'Exemption notice missing' },
  },
  EXEMPTION_NOTICE_EXPIRED: {
    de: {
      title: 'Bescheid zu alt',
      detail: (p) =>
        `Der Bescheid vom ${day(p.noticeIssuedOn)} ist für eine Spende vom ${day(p.receivedOn)} zu alt.`,
    },
    en: { title: 'Exemption notice expired' },
  },
};
