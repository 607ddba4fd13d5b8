import { Catalogue, day, opt } from './entry';

/** Problems of members, tiers, mandates, fee runs and dunning. */
export const MEMBERSHIP: Catalogue = {
  MEMBER_UNKNOWN: {
    de: { title: 'Mitglied unbekannt', detail: 'Dieses Mitglied gibt es nicht.' },
    en: { title: 'Member unknown' },
  },
  MEMBER_NO_TAKEN: {
    de: {
      title: 'Mitgliedsnummer vergeben',
      detail: (p) => `Die Mitgliedsnummer${opt(p.memberNo, (n) => ` ${n}`)} ist bereits vergeben.`,
    },
    en: { title: 'Member number taken' },
  },
  MEMBER_ALREADY_LEFT: {
    de: {
      title: 'Mitglied schon ausgetreten',
      detail: (p) =>
        `Das Mitglied ist bereits ausgetreten${opt(p.leftOn, (d) => ` (am ${day(d)})`)}.`,
    },
    en: { title: 'Member already left' },
  },
  MEMBER_STILL_ACTIVE: {
    de: {
      title: 'Mitglied noch aktiv',
      detail: 'Nur ausgetretene Mitglieder können gelöscht werden.',
    },
    en: { title: 'Member still active' },
  },
  LEAVING_BEFORE_JOINING: {
    de: {
      title: 'Austritt vor Eintritt',
      detail: 'Ein Mitglied kann nicht vor seinem Eintritt austreten.',
    },
    en: { title: 'Leaving before joining' },
  },
  FIELD_NOT_FOR_KIND: {
    de: {
      title: 'Feld passt nicht',
      detail: (p) =>
        p.field === 'lastName'
          ? 'Eine Organisation hat keinen Nachnamen.'
          : p.field === 'organisationName'
            ? 'Eine Person hat keinen Organisationsnamen.'
            : 'Dieses Feld passt nicht zu dieser Art.',
    },
    en: { title: 'Field not for this kind' },
  },
  TIER_UNKNOWN: {
    de: {
      title: 'Beitragsstufe unbekannt',
      detail: 'Diese Beitragsstufe gibt es in dieser Organisation nicht.',
    },
    en: { title: 'Tier unknown' },
  },
  TIER_CODE_TAKEN: {
    de: { title: 'Kürzel vergeben', detail: 'Eine Beitragsstufe mit diesem Kürzel gibt es schon.' },
    en: { title: 'Tier code taken' },
  },
  TIER_BEFORE_JOINING: {
    de: {
      title: 'Stufe vor Eintritt',
      detail: 'Eine Beitragsstufe kann nicht vor dem Eintritt beginnen.',
    },
    en: { title: 'Tier before joining' },
  },
  TIER_WOULD_REWRITE_FEES: {
    de: {
      title: 'Beiträge schon erhoben',
      detail: (p) =>
        `Beiträge sind bereits erhoben${opt(p.lastRaisedPeriod, (d) => ` bis zur Periode ab ${day(d)}`)}; die Änderung darf erst danach beginnen.`,
    },
    en: { title: 'Tier would rewrite fees' },
  },
  TIER_CHANGE_EXISTS: {
    de: {
      title: 'Stufenwechsel vorhanden',
      detail: 'An diesem Tag gibt es bereits einen Stufenwechsel.',
    },
    en: { title: 'Tier change exists' },
  },
  VALIDITY_REVERSED: {
    de: { title: 'Gültigkeit vertauscht', detail: '„Gültig bis“ liegt vor „gültig ab“.' },
    en: { title: 'Validity reversed' },
  },
  RATE_NOT_AFTER_LATEST: {
    de: {
      title: 'Beitragssatz zu früh',
      detail: (p) =>
        `Ein neuer Beitragssatz muss nach dem letzten beginnen${opt(p.latestValidFrom, (d) => ` (nach dem ${day(d)})`)}.`,
    },
    en: { title: 'Rate not after latest' },
  },
  RATE_WOULD_REWRITE_FEES: {
    de: {
      title: 'Beiträge schon erhoben',
      detail: (p) =>
        `Beiträge sind bereits erhoben${opt(p.lastRaisedPeriod, (d) => ` bis zur Periode ab ${day(d)}`)}; ein neuer Satz darf erst danach beginnen.`,
    },
    en: { title: 'Rate would rewrite fees' },
  },
  MANDATE_REFERENCE_TAKEN: {
    de: {
      title: 'Mandatsreferenz vergeben',
      detail: (p) => `Die Mandatsreferenz${opt(p.reference, (r) => ` ${r}`)} ist bereits vergeben.`,
    },
    en: { title: 'Mandate reference taken' },
  },
  MANDATE_REVOKED: {
    de: { title: 'Mandat widerrufen', detail: 'Das Mandat ist bereits widerrufen.' },
    en: { title: 'Mandate revoked' },
  },
  PERIOD_TOO_LONG: {
    de: { title: 'Zeitraum zu lang', detail: 'Ein Beitragslauf umfasst höchstens ein Jahr.' },
    en: { title: 'Period too long' },
  },
  COLLECTION_TOO_EARLY: {
    de: {
      title: 'Einzug zu früh',
      detail: (p) =>
        `Mit Vorabankündigung ist der früheste Einzugstag${opt(p.earliest, (d) => ` der ${day(d)}`)} später.`,
    },
    en: { title: 'Collection too early' },
  },
  COLLECTION_NOT_BUSINESS_DAY: {
    de: {
      title: 'Kein Bankarbeitstag',
      detail: (p) =>
        `Der Einzugstag muss ein TARGET-Bankarbeitstag sein${opt(p.suggestedDate, (d) => `, z. B. der ${day(d)}`)}.`,
    },
    en: { title: 'Collection not on a business day' },
  },
  CREDITOR_DATA_MISSING: {
    de: {
      title: 'Gläubigerdaten fehlen',
      detail:
        'Lastschriften brauchen die Gläubiger-ID der Organisation und ein Standard-Bankkonto.',
    },
    en: { title: 'Creditor data missing' },
  },
  NO_DIRECT_DEBITS: {
    de: { title: 'Keine Lastschriften', detail: 'Dieser Beitragslauf hat keine Lastschriften.' },
    en: { title: 'No direct debits' },
  },
  DUNNING_LEVELS_MISSING: {
    de: { title: 'Mahnstufen fehlen', detail: 'Bitte zuerst die Mahnstufen festlegen.' },
    en: { title: 'Dunning levels missing' },
  },
  DUNNING_LEVELS_NOT_CONSECUTIVE: {
    de: {
      title: 'Mahnstufen nicht fortlaufend',
      detail: 'Die Mahnstufen müssen 1, 2, 3, … nummeriert sein.',
    },
    en: { title: 'Dunning levels not consecutive' },
  },
  DUNNING_DAYS_NOT_INCREASING: {
    de: {
      title: 'Verzugstage nicht steigend',
      detail: 'Jede Mahnstufe braucht mehr Verzugstage als die vorige.',
    },
    en: { title: 'Dunning days not increasing' },
  },
  FEES_NOT_DEDUCTIBLE: {
    de: {
      title: 'Beiträge nicht abziehbar',
      detail: (p) =>
        p.purposes
          ? 'Die Satzungszwecke der Organisation schließen den Abzug von Mitgliedsbeiträgen aus (§ 10b Abs. 1 Satz 8 EStG: Sport, kulturelle Freizeitgestaltung, Heimatpflege, § 52 Abs. 2 Nr. 23 AO); für Beiträge wird keine Zuwendungsbestätigung ausgestellt.'
          : 'Die Beitragsstufe des Mitglieds dient einem Zweck, für den Mitgliedsbeiträge nicht abziehbar sind (§ 10b Abs. 1 Satz 8 EStG).',
    },
    en: { title: 'Fees not deductible' },
  },
  NOTHING_TO_RECEIPT: {
    de: {
      title: 'Nichts zu bescheinigen',
      detail: (p) =>
        `Es gibt keine bezahlten, abziehbaren Beiträge ohne Bestätigung${opt(p.year, (y) => ` im Jahr ${y}`)}.`,
    },
    en: { title: 'Nothing to receipt' },
  },
  FEE_RUN_NO_FISCAL_YEAR: {
    de: {
      title: 'Geschäftsjahr fehlt',
      detail: (p) =>
        `Die Beiträge dieses Laufs werden am ${day(p.dueOn)} fällig, aber für ${opt(p.missingYear, (y) => `${y}`) || 'dieses Jahr'} ist noch kein Geschäftsjahr angelegt. Die Kassenwartin oder der Kassenwart legt es unter Buchhaltung → Geschäftsjahre an; danach lässt sich der Lauf buchen.`,
    },
    en: { title: 'No fiscal year for the fee run' },
  },
  FEE_RUN_PERIOD_CLOSED: {
    de: {
      title: 'Monat festgeschrieben',
      detail: (p) =>
        `Die Beiträge dieses Laufs werden am ${day(p.dueOn)} fällig, in einem bereits festgeschriebenen Monat. Bitte einen Zeitraum wählen, dessen Monate noch offen sind.`,
    },
    en: { title: 'Fee run in a closed month' },
  },
};
