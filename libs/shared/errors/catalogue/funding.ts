import { Catalogue, day, eur, list, opt, str } from './entry';

const STATUS_DE: Record<string, string> = {
  draft: 'ein Entwurf',
  submitted: 'eingereicht',
  in_review: 'in Prüfung',
  returned: 'zur Überarbeitung zurückgegeben',
  approved: 'bewilligt',
  rejected: 'abgelehnt',
  withdrawn: 'zurückgezogen',
  paid: 'ausgezahlt',
  planned: 'geplant',
  active: 'aktiv',
  ended: 'beendet',
};
const status = (v: unknown): string => (v === undefined ? '' : ` (${STATUS_DE[str(v)] ?? str(v)})`);

/** Problems of initiatives' funds, programmes, applications, claims and payouts. */
export const FUNDING: Catalogue = {
  FUND_INSUFFICIENT: {
    de: {
      title: 'Fonds reicht nicht',
      detail: (p) =>
        typeof p.availableCents === 'number'
          ? `Der Fonds hält ${eur(p.availableCents)}, weniger als ${eur(p.requestedCents)}.`
          : 'Der Fonds hält weniger als verlangt.',
    },
    en: { title: 'Fund insufficient' },
  },
  TRANSFER_SAME_FUND: {
    de: {
      title: 'Derselbe Fonds',
      detail: 'Eine Umbuchung braucht zwei verschiedene Fonds.',
    },
    en: { title: 'Transfer within one fund' },
  },
  NO_YEARLY_FEE: {
    de: {
      title: 'Keine Jahrespauschale',
      detail: (p) =>
        `${opt(p.initiativeName, (n) => `${n}: `)}Für die Initiative ist keine feste Jahrespauschale vereinbart.`,
    },
    en: { title: 'No yearly fee' },
  },
  YEARLY_FEE_CHARGED: {
    de: {
      title: 'Pauschale schon berechnet',
      detail: (p) => `Die Pauschale${opt(p.year, (y) => ` für ${y}`)} wurde bereits berechnet.`,
    },
    en: { title: 'Yearly fee charged' },
  },
  PROGRAMME_UNKNOWN: {
    de: { title: 'Programm unbekannt', detail: 'Dieses Förderprogramm gibt es nicht.' },
    en: { title: 'Programme unknown' },
  },
  PROGRAMME_NAME_TAKEN: {
    de: { title: 'Name vergeben', detail: 'Es gibt schon ein Förderprogramm mit diesem Namen.' },
    en: { title: 'Programme name taken' },
  },
  PROGRAMME_CLOSED: {
    de: {
      title: 'Programm beendet',
      detail: (p) => `Das Förderprogramm ist beendet${opt(p.endsOn, (d) => ` (am ${day(d)})`)}.`,
    },
    en: { title: 'Programme closed' },
  },
  PROGRAMME_BUDGET_EXCEEDED: {
    de: {
      title: 'Budget erschöpft',
      detail: (p) => `Im Förderprogramm sind nur noch ${eur(p.availableCents)} frei.`,
    },
    en: { title: 'Programme budget exceeded' },
  },
  WEIGHTS_NOT_100: {
    de: {
      title: 'Gewichte ergeben nicht 100',
      detail: (p) =>
        `Die Gewichte der Kriterien ergeben${opt(p.weights, (w) => ` ${w}`)}, nicht 100.`,
    },
    en: { title: 'Weights do not add up to 100' },
  },
  CRITERIA_DUPLICATE: {
    de: { title: 'Kriterium doppelt', detail: 'Jedes Kriterium braucht einen eigenen Schlüssel.' },
    en: { title: 'Duplicate criterion' },
  },
  APPLICATION_MOVED: {
    de: {
      title: 'Antrag verschoben',
      detail: 'Programm und Initiative eines Antrags bleiben, wie sie sind.',
    },
    en: { title: 'Application moved' },
  },
  APPLICATION_NOT_RETURNED: {
    de: {
      title: 'Antrag nicht zurückgegeben',
      detail: 'Nur ein zur Überarbeitung zurückgegebener Antrag wird erneut eingereicht.',
    },
    en: { title: 'Application not returned' },
  },
  APPLICATION_NOT_SUBMITTED: {
    de: {
      title: 'Antrag nicht eingereicht',
      detail: (p) => `Der Antrag ist nicht eingereicht${status(p.status)}.`,
    },
    en: { title: 'Application not submitted' },
  },
  APPLICATION_NOT_IN_REVIEW: {
    de: {
      title: 'Antrag nicht in Prüfung',
      detail: (p) => `Der Antrag ist nicht in Prüfung${status(p.status)}.`,
    },
    en: { title: 'Application not in review' },
  },
  APPLICATION_NOT_APPROVED: {
    de: {
      title: 'Antrag nicht bewilligt',
      detail: 'Ausgaben aus einem Antrag setzen seine Bewilligung voraus.',
    },
    en: { title: 'Application not approved' },
  },
  SCORE_INVALID: {
    de: {
      title: 'Bewertung ungültig',
      detail: (p) =>
        Array.isArray(p.unknownCriteria)
          ? `Die Kriterien ${list(p.unknownCriteria)} gibt es in diesem Programm nicht.`
          : 'Jedes Kriterium wird mit einer ganzen Zahl von 0 bis 10 bewertet.',
    },
    en: { title: 'Score invalid' },
  },
  REVIEW_EXISTS: {
    de: { title: 'Schon bewertet', detail: 'Sie haben diesen Antrag bereits bewertet.' },
    en: { title: 'Review exists' },
  },
  CONFLICT_OF_INTEREST: {
    de: {
      title: 'Interessenkonflikt',
      detail: 'Sie haben für diesen Antrag einen Interessenkonflikt erklärt.',
    },
    en: { title: 'Conflict of interest' },
  },
  AMOUNT_ABOVE_REQUEST: {
    de: {
      title: 'Mehr als beantragt',
      detail: 'Der bewilligte Betrag darf den beantragten nicht übersteigen.',
    },
    en: { title: 'Amount above request' },
  },
  FOUR_EYES: {
    de: {
      title: 'Vier-Augen-Prinzip',
      detail: 'Die zweite Bewilligung muss von einer anderen Person kommen.',
    },
    en: { title: 'Four eyes' },
  },
  APPROVAL_AMOUNT_DIFFERS: {
    de: {
      title: 'Anderer Betrag',
      detail: (p) =>
        `Die erste Bewilligung lautete${opt(typeof p.firstApprovalCents === 'number' ? eur(p.firstApprovalCents) : undefined, (a) => ` auf ${a}`)} anders.`,
    },
    en: { title: 'Approval amount differs' },
  },
  COST_TYPE_NOT_ELIGIBLE: {
    de: {
      title: 'Kostenart nicht förderfähig',
      detail: (p) =>
        `${opt(p.category, (c) => `${c}: `)}Diese Kostenart ist in diesem Programm nicht förderfähig.`,
    },
    en: { title: 'Cost type not eligible' },
  },
  PLAN_NOT_BALANCED: {
    de: {
      title: 'Finanzplan geht nicht auf',
      detail: (p) =>
        typeof p.planCents === 'number'
          ? `Beantragter Betrag und Eigenanteil (${eur(p.fundedCents)}) müssen den Kostenplan (${eur(p.planCents)}) ergeben.`
          : 'Beantragter Betrag und Eigenanteil müssen den Kostenplan ergeben.',
    },
    en: { title: 'Plan not balanced' },
  },
  OWN_SHARE_TOO_LOW: {
    de: {
      title: 'Eigenanteil zu niedrig',
      detail: (p) =>
        `Das Programm verlangt einen Eigenanteil${opt(typeof p.requiredCents === 'number' ? eur(p.requiredCents) : undefined, (a) => ` von mindestens ${a}`)}.`,
    },
    en: { title: 'Own share too low' },
  },
  DOCUMENT_UNKNOWN: {
    de: {
      title: 'Dokument unbekannt',
      detail: 'Dieses Dokument gibt es bei dieser Initiative nicht.',
    },
    en: { title: 'Document unknown' },
  },
  COST_LINE_UNKNOWN: {
    de: {
      title: 'Kostenzeile unbekannt',
      detail: 'Diese Kostenzeile gibt es in keinem Antrag dieser Initiative.',
    },
    en: { title: 'Cost line unknown' },
  },
  CLAIM_NOT_SUBMITTED: {
    de: {
      title: 'Abrechnung nicht eingereicht',
      detail: (p) => `Die Abrechnung ist nicht eingereicht${status(p.status)}.`,
    },
    en: { title: 'Claim not submitted' },
  },
  OWN_CLAIM: {
    de: {
      title: 'Eigene Abrechnung',
      detail:
        'Wer eine Abrechnung eingereicht hat, entscheidet nicht über sie (Vier-Augen-Prinzip).',
    },
    en: { title: 'Own claim' },
  },
  GRANT_EXCEEDED: {
    de: {
      title: 'Bewilligung überschritten',
      detail: (p) => `Von der Bewilligung sind nur noch ${eur(p.availableCents)} übrig.`,
    },
    en: { title: 'Grant exceeded' },
  },
  BODY_NOTICE_INVALID: {
    de: {
      title: 'Bescheid ungültig',
      detail: (p) =>
        p.reason === 'future'
          ? 'Der Bescheid kann nicht in der Zukunft ausgestellt sein.'
          : 'Der Bescheid ist zu alt und trägt nicht mehr.',
    },
    en: { title: 'Notice invalid' },
  },
  PROOF_ACCEPTED: {
    de: {
      title: 'Verwendungsnachweis angenommen',
      detail: 'Der Verwendungsnachweis wurde bereits angenommen.',
    },
    en: { title: 'Proof of use accepted' },
  },
  PROOF_NOT_SUBMITTED: {
    de: {
      title: 'Nachweis nicht eingereicht',
      detail: 'Nur ein eingereichter Verwendungsnachweis kann angenommen werden.',
    },
    en: { title: 'Proof not submitted' },
  },
  NOTHING_TO_PAY: {
    de: {
      title: 'Nichts auszuzahlen',
      detail: 'Es gibt keine bewilligten Abrechnungen zur Auszahlung.',
    },
    en: { title: 'Nothing to pay' },
  },
  BANK_ACCOUNT_MISSING: {
    de: {
      title: 'Bankkonto fehlt',
      detail: 'Auszahlungen brauchen ein Standard-Bankkonto.',
    },
    en: { title: 'Bank account missing' },
  },
  EXECUTION_NOT_BUSINESS_DAY: {
    de: {
      title: 'Kein Bankarbeitstag',
      detail: (p) =>
        `Der Ausführungstag muss ein TARGET-Bankarbeitstag sein${opt(p.suggestedDate, (d) => `, z. B. der ${day(d)}`)}.`,
    },
    en: { title: 'Execution not on a business day' },
  },
  PAYEE_IS_OWN_ACCOUNT: {
    de: {
      title: 'Eigenes Konto als Empfänger',
      detail:
        'Die IBAN des Zahlungsempfängers ist ein Konto der eigenen Organisation; eine Auslage wird an jemand anderen gezahlt.',
    },
    en: { title: 'Payee is an own account' },
  },
};
