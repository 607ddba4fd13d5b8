/** The demo tenants and logins. Demo data only: never loaded in production mode. */

export const DEMO_PASSWORD = 'dachwerk-demo';

export const UMBRELLA = {
  name: 'Bürgerengagement Stuttgart e.V. (Demo)',
  legalForm: 'eingetragener_verein',
  isUmbrella: true,
  street: 'Marktplatz 1',
  postalCode: '70173',
  city: 'Stuttgart',
  registerCourt: 'Amtsgericht Stuttgart',
  registerNumber: 'VR 730001',
  taxNumber: '99015/12345',
  taxOffice: 'Finanzamt Stuttgart-Körperschaften',
  purposes: [
    'Förderung des bürgerschaftlichen Engagements zugunsten gemeinnütziger Zwecke (§ 52 Abs. 2 Nr. 25 AO)',
    'Förderung der Jugend- und Altenhilfe (§ 52 Abs. 2 Nr. 4 AO)',
  ],
  isReceiptMachineSigned: true,
  sepaCreditorId: 'DE98ZZZ09999999999',
  bankAccount: { label: 'Girokonto BW-Bank', iban: 'DE02600501010002034304', bic: 'SOLADEST600' },
  // Dated from the demo's year, so that receipts for this and the last years are allowed
  // (5-year rule) whatever day the demo is loaded on.
  exemptionNotice: (year: number) => ({
    kind: 'freistellungsbescheid',
    issuedOn: `${year - 1}-06-16`,
    taxOffice: 'Finanzamt Stuttgart-Körperschaften',
    taxNumber: '99015/12345',
    periodFrom: `${year - 5}-01-01`,
    periodTo: `${year - 3}-12-31`,
  }),
} as const;

export const CLUB = {
  name: 'Sportfreunde Heslach e.V. (Demo)',
  legalForm: 'eingetragener_verein',
  isUmbrella: false,
  street: 'Böblinger Straße 200',
  postalCode: '70199',
  city: 'Stuttgart',
  registerCourt: 'Amtsgericht Stuttgart',
  registerNumber: 'VR 730415',
  taxNumber: '99015/67890',
  taxOffice: 'Finanzamt Stuttgart-Körperschaften',
  purposes: ['Förderung des Sports (§ 52 Abs. 2 Nr. 21 AO)'],
  isReceiptMachineSigned: false,
  sepaCreditorId: 'DE49ZZZ00000012345',
  bankAccount: {
    label: 'Vereinskonto Volksbank',
    iban: 'DE89370400440532013000',
    bic: 'COBADEFFXXX',
  },
  exemptionNotice: (year: number) => ({
    kind: 'feststellung_60a',
    issuedOn: `${year - 2}-09-02`,
    taxOffice: 'Finanzamt Stuttgart-Körperschaften',
    taxNumber: '99015/67890',
    periodFrom: null,
    periodTo: null,
  }),
} as const;

type DemoRole = 'admin' | 'staff' | 'treasurer' | 'board' | 'initiative';

export const DEMO_USERS: {
  email: string;
  name: string;
  umbrella: DemoRole[];
  club: DemoRole[];
  platformAdmin?: boolean;
}[] = [
  {
    email: 'admin@dachwerk.example',
    name: 'Anna Admin',
    umbrella: ['admin'],
    club: ['admin'],
    platformAdmin: true,
  },
  {
    email: 'staff@dachwerk.example',
    name: 'Sven Sachbearbeiter',
    umbrella: ['staff'],
    club: ['staff'],
  },
  {
    email: 'treasurer@dachwerk.example',
    name: 'Tanja Schatzmeisterin',
    umbrella: ['treasurer'],
    club: ['treasurer'],
  },
  { email: 'board@dachwerk.example', name: 'Bernd Vorstand', umbrella: ['board'], club: [] },
  {
    email: 'initiative@dachwerk.example',
    name: 'Ines Initiative',
    umbrella: ['initiative'],
    club: [],
  },
];
