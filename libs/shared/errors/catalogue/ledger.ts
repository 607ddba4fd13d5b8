import { Catalogue, str, day, eur, list, opt } from './entry';

const account = (p: Record<string, unknown>): string => opt(p.account, (a) => ` ${a}`);

/** The record kinds that own entries (libs/ledger/entry-owner.ts), in German. */
const OWNER_KIND_DE: Record<string, string> = {
  donation: 'der Spende',
  receivable: 'der Forderung',
  application: 'dem Förderantrag',
  'expense-claim': 'der Auslagenerstattung',
  'bank-transaction': 'dem Bankumsatz',
  initiative: 'dem Fonds der Initiative',
};
const ownerText = (v: unknown): string => {
  const owner = (v && typeof v === 'object' ? v : {}) as { kind?: unknown; id?: unknown };
  const kind = str(owner.kind);
  const what = OWNER_KIND_DE[kind] ?? (kind ? `dem Vorgang „${kind}“` : 'einem Vorgang');
  return `${what}${opt(owner.id, (id) => ` ${id}`)}`;
};

/** Problems of the books: chart, fiscal years, entries, DATEV. */
export const LEDGER: Catalogue = {
  ACCOUNT_EXISTS: {
    de: { title: 'Konto vorhanden', detail: (p) => `Das Konto${account(p)} gibt es bereits.` },
    en: { title: 'Account exists' },
  },
  ACCOUNT_UNKNOWN: {
    de: {
      title: 'Konto unbekannt',
      detail: (p) => `Das Konto${account(p)} steht nicht im Kontenrahmen.`,
    },
    en: { title: 'Account unknown' },
  },
  ACCOUNT_INACTIVE: {
    de: {
      title: 'Konto stillgelegt',
      detail: (p) =>
        `Das Konto${account(p)} ist stillgelegt${opt(p.supersededBy, (s) => `; nach SKR 42 wird das auf ${s} gebucht`)}.`,
    },
    en: { title: 'Account inactive' },
  },
  ACCOUNT_SUPERSEDED: {
    de: {
      title: 'Konto ersetzt',
      detail: (p) =>
        `Das Konto${account(p)} hat in SKR 42 eine andere Bedeutung; bitte auf ${str(p.supersededBy, 'das Nachfolgekonto')} buchen.`,
    },
    en: { title: 'Account superseded' },
  },
  ACCOUNT_NOT_SUPERSEDED: {
    de: {
      title: 'Kein Nachfolgekonto',
      detail: (p) =>
        `Das Konto${account(p)} hat kein SKR-42-Nachfolgekonto, auf das sein Saldo umgebucht werden könnte.`,
    },
    en: { title: 'Account not superseded' },
  },
  ACCOUNT_AUTOMATIC_VAT_UNSUPPORTED: {
    de: {
      title: 'Automatikkonto',
      detail: (p) =>
        `DATEV bucht auf${account(p)} die Umsatzsteuer automatisch; bitte eines der Automatikkonten der Vorlage verwenden.`,
    },
    en: { title: 'Automatic VAT account unsupported' },
  },
  RECLASSIFY_INTO_AUTOMATIC_VAT: {
    de: {
      title: 'Umbuchung auf Automatikkonto',
      detail: (p) =>
        `Das Konto ${str(p.supersededBy, '')} bucht die Umsatzsteuer automatisch; bitte den Saldo mit einer manuellen Buchung samt Steuer umbuchen.`,
    },
    en: { title: 'Reclassification into automatic VAT account' },
  },
  RECLASSIFY_NOTHING: {
    de: {
      title: 'Nichts umzubuchen',
      detail: (p) => `Das Konto${account(p)} hat in diesem Geschäftsjahr keinen Saldo.`,
    },
    en: { title: 'Nothing to reclassify' },
  },
  VAT_ACCOUNT_TWICE: {
    de: {
      title: 'Automatikkonto doppelt',
      detail: (p) =>
        `Je Buchung bitte nur eine Zeile pro Automatikkonto und Seite${opt(p.taxAccount, (t) => ` (Steuerkonto ${t})`)}.`,
    },
    en: { title: 'Automatic VAT account twice' },
  },
  VAT_LINE_MISSING: {
    de: {
      title: 'Steuerzeile fehlt',
      detail: (p) =>
        `Das Konto${account(p)} bucht die Umsatzsteuer automatisch: die Buchung braucht die Steuer auf ${str(p.taxAccount, 'dem Steuerkonto')}, auf derselben Seite.`,
    },
    en: { title: 'VAT line missing' },
  },
  VAT_AMOUNT_WRONG: {
    de: {
      title: 'Steuerbetrag falsch',
      detail: (p) =>
        `Das Konto${account(p)} bucht die Umsatzsteuer automatisch: der Steuerbetrag auf ${str(p.taxAccount, 'dem Steuerkonto')} passt nicht zum Satz.`,
    },
    en: { title: 'VAT amount wrong' },
  },
  CHART_UNKNOWN: {
    de: { title: 'Kontenrahmen unbekannt', detail: 'Diese Kontenrahmen-Vorlage gibt es nicht.' },
    en: { title: 'Chart unknown' },
  },
  NO_FISCAL_YEAR: {
    de: {
      title: 'Kein Geschäftsjahr',
      detail: (p) =>
        `Kein Geschäftsjahr enthält den ${day(p.bookedOn)}; bitte zuerst das Geschäftsjahr anlegen.`,
    },
    en: { title: 'No fiscal year' },
  },
  FISCAL_YEAR_INVALID: {
    de: {
      title: 'Geschäftsjahr ungültig',
      detail: 'Das Ende muss nach dem Beginn liegen, höchstens 18 Monate später.',
    },
    en: { title: 'Fiscal year invalid' },
  },
  FISCAL_YEAR_OVERLAPS: {
    de: {
      title: 'Geschäftsjahre überschneiden sich',
      detail: 'Die Daten überschneiden sich mit einem bestehenden Geschäftsjahr.',
    },
    en: { title: 'Fiscal years overlap' },
  },
  FISCAL_YEAR_CLOSED: {
    de: {
      title: 'Geschäftsjahr abgeschlossen',
      detail: 'Das Geschäftsjahr ist bereits abgeschlossen.',
    },
    en: { title: 'Fiscal year closed' },
  },
  PERIOD_CLOSED: {
    de: {
      title: 'Periode festgeschrieben',
      detail: (p) => `Die Periode mit dem ${day(p.bookedOn)} ist festgeschrieben.`,
    },
    en: { title: 'Period closed' },
  },
  PERIOD_EARLIER_OPEN: {
    de: {
      title: 'Frühere Periode offen',
      detail: (p) =>
        `Periode ${str(p.periodNo, '')} kann erst festgeschrieben werden, wenn alle früheren Perioden des Jahres festgeschrieben sind${opt(Array.isArray(p.openPeriods) ? list(p.openPeriods) : undefined, (o) => `; noch offen: ${o}`)}.`,
    },
    en: {
      title: 'Earlier period open',
      detail: (p) =>
        `Period ${str(p.periodNo, '')} can be closed only when every earlier period of the year is closed${opt(Array.isArray(p.openPeriods) ? list(p.openPeriods, 'and') : undefined, (o) => `; still open: ${o}`)}`,
    },
  },
  OPENING_BALANCE_ACCOUNT: {
    de: {
      title: 'Kein Bestandskonto',
      detail: (p) =>
        `Eröffnungssalden gehören nur auf Bestandskonten${opt(p.account, (a) => ` (nicht ${a})`)}.`,
    },
    en: { title: 'Opening balance account' },
  },
  ENTRY_IS_REVERSAL: {
    de: {
      title: 'Storno einer Stornobuchung',
      detail: 'Eine Stornobuchung kann nicht storniert werden; bitte eine neue Buchung erfassen.',
    },
    en: { title: 'Entry is a reversal' },
  },
  ENTRY_ALREADY_REVERSED: {
    de: { title: 'Schon storniert', detail: 'Diese Buchung wurde bereits storniert.' },
    en: { title: 'Entry already reversed' },
  },
  ENTRY_OWNED_BY_DOMAIN: {
    de: {
      title: 'Buchung gehört zu einem Vorgang',
      detail: (p) =>
        `Diese Buchung gehört zu ${ownerText(p.owner)} und wird nur dort korrigiert (z. B. Spende korrigieren), damit Vorgang und Buchung übereinstimmen.`,
    },
    en: { title: 'Entry owned by a domain record' },
  },
  ENTRY_NOT_OWNED: {
    de: {
      title: 'Buchung gehört nicht zu diesem Vorgang',
      detail: 'Diese Buchung ist nicht die Buchung des genannten Vorgangs.',
    },
    en: { title: 'Entry not owned by this record' },
  },
  ENTRY_TOO_FEW_LINES: {
    de: {
      title: 'Zu wenige Zeilen',
      detail: 'Eine Buchung braucht mindestens eine Soll- und eine Habenzeile.',
    },
    en: { title: 'Too few lines' },
  },
  ENTRY_TOO_MANY_LINES: {
    de: { title: 'Zu viele Zeilen', detail: 'Eine Buchung hat höchstens 500 Zeilen.' },
    en: { title: 'Too many lines' },
  },
  ENTRY_UNBALANCED: {
    de: {
      title: 'Soll und Haben ungleich',
      detail: (p) =>
        `Soll (${eur(p.debitCents)}) und Haben (${eur(p.creditCents)}) müssen gleich sein.`,
    },
    en: { title: 'Entry unbalanced' },
  },
  AMOUNT_NOT_POSITIVE: {
    de: {
      title: 'Betrag nicht positiv',
      detail: 'Der Betrag muss eine positive ganze Zahl von Cent sein.',
    },
    en: { title: 'Amount not positive' },
  },
  AMOUNT_TOO_LARGE: {
    de: { title: 'Betrag zu groß', detail: 'Der Betrag ist zu groß.' },
    en: { title: 'Amount too large' },
  },
  TEXT_INVALID: {
    de: {
      title: 'Buchungstext ungültig',
      detail: 'Der Buchungstext braucht 1 bis 60 Zeichen (DATEV).',
    },
    en: { title: 'Booking text invalid' },
  },
  DOCUMENT_NO_INVALID: {
    de: {
      title: 'Belegnummer ungültig',
      detail: 'Die Belegnummer braucht 1 bis 36 Zeichen (DATEV).',
    },
    en: { title: 'Document number invalid' },
  },
  SOURCE_INVALID: {
    de: { title: 'Quelle ungültig', detail: 'source muss ein kleingeschriebenes Wort sein.' },
    en: { title: 'Source invalid' },
  },
  SPHERE_INVALID: {
    de: { title: 'Sphäre ungültig', detail: 'Die Sphäre muss 1, 2, 3 oder 4 sein.' },
    en: { title: 'Sphere invalid' },
  },
  SPHERE_REQUIRED: {
    de: {
      title: 'Sphäre fehlt',
      detail: (p) => `Das Konto${account(p)} wird in mehreren Sphären gebucht; bitte eine angeben.`,
    },
    en: { title: 'Sphere required' },
  },
  SPHERE_NOT_ALLOWED: {
    de: {
      title: 'Sphäre nicht erlaubt',
      detail: (p) =>
        `Das Konto${account(p)} wird nicht in Sphäre ${str(p.sphere, '')} gebucht${opt(Array.isArray(p.allowedSpheres) ? list(p.allowedSpheres, 'oder') : undefined, (s) => ` (nur ${s})`)}.`,
    },
    en: { title: 'Sphere not allowed' },
  },
  DATEV_RANGE_NOT_IN_ONE_YEAR: {
    de: {
      title: 'Zeitraum über mehrere Jahre',
      detail: 'Ein DATEV-Stapel muss in einem Geschäftsjahr liegen.',
    },
    en: { title: 'DATEV range spans fiscal years' },
  },
  DATEV_SETTINGS_MISSING: {
    de: {
      title: 'DATEV-Einstellungen fehlen',
      detail: (p) =>
        `DATEV braucht Berater- und Mandantennummer; bitte ${list(p.missing) || 'beide'} in den Buchhaltungseinstellungen eintragen.`,
    },
    en: { title: 'DATEV settings missing' },
  },
  COST_CENTRE_UNKNOWN: {
    de: {
      title: 'Kostenstelle unbekannt',
      detail: (p) =>
        `Die Kostenstelle${opt(p.costCentre, (c) => ` ${c}`)} steht nicht in der Kostenstellenliste der Organisation; bitte zuerst anlegen oder eine vorhandene wählen.`,
    },
    en: { title: 'Cost centre unknown' },
  },
  COST_CENTRE_INACTIVE: {
    de: {
      title: 'Kostenstelle deaktiviert',
      detail: (p) =>
        `Die Kostenstelle${opt(p.costCentre, (c) => ` ${c}`)} ist deaktiviert; auf sie wird nicht mehr gebucht.`,
    },
    en: { title: 'Cost centre deactivated' },
  },
  COST_CENTRE_EXISTS: {
    de: {
      title: 'Kostenstelle vorhanden',
      detail: (p) =>
        `Die Kostenstelle${opt(p.costCentre, (c) => ` ${c}`)} steht bereits in der Liste.`,
    },
    en: { title: 'Cost centre exists' },
  },
};
