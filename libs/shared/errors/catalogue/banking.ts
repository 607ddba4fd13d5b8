import { Catalogue, str, eur, opt } from './entry';

/** Problems of bank statements and matching. */
export const BANKING: Catalogue = {
  XML_MALFORMED: {
    de: { title: 'XML fehlerhaft', detail: 'Die Datei ist kein wohlgeformtes XML.' },
    en: { title: 'Malformed XML' },
  },
  STATEMENT_NOT_XML: {
    de: {
      title: 'Kein Kontoauszug',
      detail:
        'Die Datei ist kein camt.053-Kontoauszug (XML), sondern z. B. ein Archiv, ein Bild, ein PDF oder UTF-16-Text; bitte den Auszug als camt.053 in UTF-8 aus dem Online-Banking laden.',
    },
    en: { title: 'Not a camt.053 statement' },
  },
  XML_DECLARATION_REFUSED: {
    de: {
      title: 'XML-Deklaration abgelehnt',
      detail: (p) =>
        `Die Datei enthält eine DOCTYPE- oder ENTITY-Deklaration${opt(p.line, (l) => ` (Zeile ${l})`)}; camt.053-Auszüge haben keine, und Dachwerk liest keine.`,
    },
    en: { title: 'XML declaration refused' },
  },
  STATEMENT_VERSION_UNSUPPORTED: {
    de: {
      title: 'Format nicht unterstützt',
      detail: (p) =>
        `Erwartet wird camt.053.001.02, .04 oder .08${opt(p.namespace, (n) => `, gefunden: ${n}`)}.`,
    },
    en: { title: 'Statement version unsupported' },
  },
  STATEMENT_EMPTY: {
    de: { title: 'Kein Kontoauszug', detail: 'Die Datei enthält keinen Kontoauszug (Stmt).' },
    en: { title: 'No statement' },
  },
  STATEMENT_INVALID: {
    de: {
      title: 'Kontoauszug fehlerhaft',
      detail: (p) =>
        `Der Kontoauszug hat ${Array.isArray(p.errors) ? p.errors.length : 'mehrere'} Fehler; es wurde nichts importiert.`,
    },
    en: { title: 'Statement invalid' },
  },
  STATEMENT_BALANCE_MISMATCH: {
    de: {
      title: 'Salden passen nicht',
      detail:
        'Anfangssaldo plus Umsätze ergibt nicht den Endsaldo des Auszugs; es wurde nichts importiert.',
    },
    en: { title: 'Statement balance mismatch' },
  },
  STATEMENT_NOT_CONTINUOUS: {
    de: {
      title: 'Auszug schließt nicht an',
      detail:
        'Der Auszug schließt nicht an den vorigen des Kontos an (Saldo, Auszugsnummer oder Datum); es wurde nichts importiert. Bitte erst den fehlenden Auszug importieren oder bei der Bank einen berichtigten anfordern.',
    },
    en: { title: 'Statement not continuous' },
  },
  STATEMENT_ACCOUNT_UNKNOWN: {
    de: {
      title: 'Konto unbekannt',
      detail: (p) =>
        `Der Auszug gehört zu${opt(p.iban, (i) => ` ${i},`)} einem Konto, das nicht zu dieser Organisation gehört.`,
    },
    en: { title: 'Statement account unknown' },
  },
  STATEMENT_CURRENCY_UNSUPPORTED: {
    de: {
      title: 'Währung nicht unterstützt',
      detail: (p) =>
        `Der Auszug ist in ${str(p.currency, 'einer anderen Währung')} geführt; unterstützt werden nur Euro-Konten.`,
    },
    en: { title: 'Statement currency unsupported' },
  },
  STATEMENT_ALREADY_IMPORTED: {
    de: {
      title: 'Auszug schon importiert',
      detail: (p) =>
        `Der Auszug${opt(p.statementRef, (r) => ` ${r}`)} wurde schon importiert; es wurde nichts geändert.`,
    },
    en: { title: 'Statement already imported' },
  },
  STATEMENT_IN_FUTURE: {
    de: {
      title: 'Buchung in der Zukunft',
      detail: 'Ein Kontoauszug kann keine Buchungen nach dem heutigen Tag enthalten.',
    },
    en: { title: 'Statement in the future' },
  },
  TRANSACTION_NOT_UNMATCHED: {
    de: {
      title: 'Umsatz schon zugeordnet',
      detail: 'Dieser Umsatz ist bereits zugeordnet oder erledigt.',
    },
    en: { title: 'Transaction not unmatched' },
  },
  MATCH_NEEDS_CREDIT: {
    de: {
      title: 'Kein Zahlungseingang',
      detail: 'Nur eingegangenes Geld kann Forderungen begleichen oder eine Spende sein.',
    },
    en: { title: 'Match needs a credit' },
  },
  MATCH_NEEDS_DEBIT: {
    de: {
      title: 'Keine Rückbuchung',
      detail: 'Nur abgebuchtes Geld kann eine Rücklastschrift sein.',
    },
    en: { title: 'Match needs a debit' },
  },
  MATCH_USE_RETURN: {
    de: {
      title: 'Als Rücklastschrift zuordnen',
      detail:
        'Von Mitgliedern zurückgeholtes Geld ist eine Rücklastschrift: bitte mit der Art „return“ und der Forderung zuordnen, damit sie wieder offen ist und gemahnt wird.',
    },
    en: { title: 'Use a return' },
  },
  MATCH_AMOUNT_MISMATCH: {
    de: {
      title: 'Betrag passt nicht',
      detail: (p) =>
        typeof p.receivablesCents === 'number' && typeof p.transactionCents === 'number'
          ? `Die Forderungen ergeben ${eur(p.receivablesCents)}, der Umsatz beträgt ${eur(p.transactionCents)}.`
          : 'Die Beträge von Forderungen und Umsatz passen nicht zusammen.',
    },
    en: { title: 'Amount mismatch' },
  },
  RECEIVABLE_UNKNOWN: {
    de: { title: 'Forderung unbekannt', detail: 'Eine der Forderungen gibt es nicht.' },
    en: { title: 'Receivable unknown' },
  },
  RECEIVABLE_SETTLED: {
    de: { title: 'Forderung beglichen', detail: 'Eine der Forderungen ist bereits beglichen.' },
    en: { title: 'Receivable settled' },
  },
  RECEIVABLE_NOT_COLLECTED: {
    de: {
      title: 'Forderung nicht eingezogen',
      detail: 'Nur eine eingezogene Forderung kann zurückgebucht werden.',
    },
    en: { title: 'Receivable not collected' },
  },
  TRANSIT_NOT_OPEN: {
    de: {
      title: 'Keine offene Geldtransit-Buchung',
      detail:
        'Unter dieser Kennung wartet keine Handbuchung dieses Betrags auf Geldtransit (schon ausgeglichen, storniert oder anderer Betrag).',
    },
    en: { title: 'Transit not open' },
  },
};
