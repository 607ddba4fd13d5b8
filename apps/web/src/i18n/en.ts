import type { Catalogue } from './de';

/** English, the second language: the same keys as de.ts (the type checks it). */
export const en: Catalogue = {
  dw: {
    app: { title: 'Dachwerk', skip: 'Skip to content' },
    auth: {
      email: 'Email',
      password: 'Password',
      sign_in: 'Sign in',
      signing_in: 'Signing in …',
      session_expired: 'Your session has expired. Please sign in again.',
      welcome: 'Sign in to Dachwerk',
      intro: "The umbrella association's back office: members, donations, books and funding.",
      no_organisation: 'Your account has no organisation yet.',
    },
    org: { switch: 'Switch organisation', current: 'Organisation' },
    language: { label: 'Language', de: 'Deutsch', en: 'English' },
    menu: {
      staff: 'Members & donations',
      treasurer: 'Finance',
      initiative: 'Initiative',
      board: 'Board',
      admin: 'Administration',
    },
    common: {
      loading: 'Loading …',
      not_found: 'Not found',
      yes: 'Yes',
      no: 'No',
      none: '–',
      download: 'Download',
      upload: 'Upload',
      progress: 'Progress',
      error_id: 'Error id %{errorId}',
    },
    amount: { invalid: 'Enter an amount like 1.234,56' },
    date: { invalid: 'Enter a date as DD.MM.YYYY', placeholder: 'DD.MM.YYYY' },
    iban: { invalid: 'Not a valid IBAN' },
    dashboard: {
      title: 'Dashboard',
      welcome: 'Welcome, %{name}',
      roles: 'Your roles here: %{roles}',
    },
    members: {
      status: { active: 'active', left: 'left', excluded: 'excluded', deceased: 'deceased' },
    },
    roles: {
      admin: 'Administration',
      staff: 'Office',
      treasurer: 'Treasurer',
      board: 'Board',
      initiative: 'Initiative',
    },
  },
  resources: {
    members: {
      name: 'Member |||| Members',
      fields: {
        memberNo: 'Member number',
        name: 'Name',
        firstName: 'First name',
        lastName: 'Last name',
        organisationName: 'Organisation',
        kind: 'Kind',
        status: 'Status',
        tierName: 'Tier',
        tierId: 'Tier',
        memberForm: 'Form of membership',
        joinedOn: 'Joined',
        leftOn: 'Left',
        city: 'City',
        email: 'Email',
        q: 'Search (name, number, IBAN)',
      },
    },
  },
};
