/**
 * Every text of the app in German, the first language. `en.ts` must have the same keys
 * (its type is this one's). Server messages (problem+json) arrive in German already.
 */
export const de = {
  dw: {
    app: { title: 'Dachwerk', skip: 'Zum Inhalt springen' },
    auth: {
      email: 'E-Mail',
      password: 'Passwort',
      sign_in: 'Anmelden',
      signing_in: 'Anmeldung läuft …',
      session_expired: 'Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.',
      welcome: 'Anmeldung bei Dachwerk',
      intro: 'Die Geschäftsstelle des Trägervereins: Mitglieder, Spenden, Bücher und Förderung.',
      no_organisation: 'Ihrem Zugang ist noch keine Organisation zugeordnet.',
    },
    org: {
      switch: 'Organisation wechseln',
      current: 'Organisation',
    },
    language: { label: 'Sprache', de: 'Deutsch', en: 'English' },
    menu: {
      staff: 'Mitglieder & Spenden',
      treasurer: 'Finanzen',
      initiative: 'Initiative',
      board: 'Vorstand',
      admin: 'Verwaltung',
    },
    common: {
      loading: 'Wird geladen …',
      not_found: 'Nicht gefunden',
      yes: 'Ja',
      no: 'Nein',
      none: '–',
      download: 'Herunterladen',
      upload: 'Hochladen',
      progress: 'Fortschritt',
      error_id: 'Fehlernummer %{errorId}',
    },
    amount: {
      invalid: 'Betrag wie 1.234,56 eingeben',
    },
    date: {
      invalid: 'Datum als TT.MM.JJJJ eingeben',
      placeholder: 'TT.MM.JJJJ',
    },
    iban: {
      invalid: 'Keine gültige IBAN',
    },
    dashboard: {
      title: 'Übersicht',
      welcome: 'Willkommen, %{name}',
      roles: 'Ihre Rollen hier: %{roles}',
    },
    members: {
      status: {
        active: 'aktiv',
        left: 'ausgetreten',
        excluded: 'ausgeschlossen',
        deceased: 'verstorben',
      },
    },
    roles: {
      admin: 'Verwaltung',
      staff: 'Geschäftsstelle',
      treasurer: 'Schatzmeisterei',
      board: 'Vorstand',
      initiative: 'Initiative',
    },
  },
  resources: {
    members: {
      name: 'Mitglied |||| Mitglieder',
      fields: {
        memberNo: 'Mitgliedsnummer',
        name: 'Name',
        firstName: 'Vorname',
        lastName: 'Nachname',
        organisationName: 'Organisation',
        kind: 'Art',
        status: 'Status',
        tierName: 'Beitragsstufe',
        tierId: 'Beitragsstufe',
        memberForm: 'Mitgliedsform',
        joinedOn: 'Eintritt',
        leftOn: 'Austritt',
        city: 'Ort',
        email: 'E-Mail',
        q: 'Suche (Name, Nummer, IBAN)',
      },
    },
  },
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Catalogue = Strings<typeof de>;
