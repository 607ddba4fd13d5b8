/**
 * German texts for field errors (`errors[].message`), keyed by the rule that failed: the
 * rules of class-validator, of the input hygiene and of what the database refused. The
 * English message is the validator's own; values a rule was given (a length, a minimum, a
 * list) are read back from it, so DTOs keep their plain decorators.
 */
type FieldText = (englishMessage: string, field: string) => string;

const after = (pattern: RegExp) => (m: string) => pattern.exec(m)?.[1] ?? '?';

/** Explanations of the `@Matches` rules whose English message says more than "format". */
const FORMATS_DE: Record<string, string> = {
  code: 'muss aus 1 bis 20 Buchstaben, Ziffern, _ oder - bestehen',
  postalCode: 'muss aus 3 bis 10 Buchstaben oder Ziffern bestehen',
  country: 'muss ein Ländercode nach ISO 3166 (zwei Buchstaben) sein',
  memberNo: 'muss aus 1 bis 20 Buchstaben, Ziffern, _, / oder - bestehen',
  reference: 'muss aus 1 bis 35 Zeichen des SEPA-Zeichensatzes bestehen (ohne Leerzeichen)',
  costCentre: 'muss aus 1 bis 36 Buchstaben, Ziffern, _ oder - bestehen',
};

export const FIELD_RULES_DE: Record<string, FieldText> = {
  isString: () => 'muss ein Text sein',
  isInt: (m) =>
    /from 0 to (\d+)/.test(m)
      ? `muss eine ganze Zahl von 0 bis ${after(/from 0 to (\d+)/)(m)} sein`
      : 'muss eine ganze Zahl sein',
  isBoolean: () => 'muss wahr oder falsch sein (true/false)',
  isArray: () => 'muss eine Liste sein',
  isObject: () => 'muss ein Objekt sein',
  isUuid: () => 'muss eine UUID sein',
  isUUID: () => 'muss eine UUID sein',
  isEmail: () => 'muss eine gültige E-Mail-Adresse sein',
  isIban: () => 'muss eine gültige IBAN sein (mit Prüfziffern)',
  isBic: () => 'muss eine gültige BIC sein',
  isCreditorId: () =>
    'muss eine gültige SEPA-Gläubiger-Identifikationsnummer sein (z. B. DE98ZZZ09999999999)',
  isIso8601: () => 'muss ein Datum im Format JJJJ-MM-TT sein',
  isISO8601: () => 'muss ein Datum im Format JJJJ-MM-TT sein',
  isIn: (m) => `muss einer dieser Werte sein: ${after(/following values: (.*)$/)(m)}`,
  isEnum: (m) => `muss einer dieser Werte sein: ${after(/following values: (.*)$/)(m)}`,
  min: (m) => `darf nicht kleiner als ${after(/less than (\S+)$/)(m)} sein`,
  max: (m) => `darf nicht größer als ${after(/greater than (\S+)$/)(m)} sein`,
  minLength: (m) =>
    /not counting spaces/.test(m)
      ? `muss mindestens ${after(/(\d+) characters/)(m)} Zeichen lang sein (ohne Leerzeichen an den Enden)`
      : `muss mindestens ${after(/(\d+) characters/)(m)} Zeichen lang sein`,
  maxLength: (m) => `darf höchstens ${after(/(\d+) characters/)(m)} Zeichen lang sein`,
  isLength: (m) => {
    const [min, max] = [...m.matchAll(/(\d+)/g)].map((x) => x[1]);
    return max ? `muss ${min} bis ${max} Zeichen lang sein` : `muss ${min} Zeichen lang sein`;
  },
  arrayMinSize: (m) => `muss mindestens ${after(/(\d+) elements/)(m)} Einträge haben`,
  arrayMaxSize: (m) => `darf höchstens ${after(/(\d+) elements/)(m)} Einträge haben`,
  arrayUnique: () => 'darf jeden Wert nur einmal enthalten',
  arrayNotEmpty: () => 'darf nicht leer sein',
  matches: (m, field) => {
    const last = field.split('.').pop() ?? field;
    if (/is wrong$/.test(m)) return 'ist falsch';
    return FORMATS_DE[last] ?? 'hat nicht das erwartete Format';
  },
  whitelistValidation: () => 'ist hier kein zulässiges Feld',
  nestedValidation: () => 'muss ein Objekt oder eine Liste von Objekten sein',
  isNotEmpty: () => 'darf nicht leer sein',
  notNull: () => 'darf nicht leer (null) sein',
  notEmpty: () => 'darf nicht leer sein',
  unique: () => 'ist bereits vergeben',
  exists: () => 'verweist auf keinen vorhandenen Datensatz',
  check: () => 'verletzt eine Regel der Datenbank',
  notPersonal: () => 'darf weder Ihre E-Mail noch Ihren Namen enthalten',
  strength: () =>
    'ist zu leicht zu erraten; einige voneinander unabhängige Wörter ergeben ein starkes Passwort',
  valid: () => 'ist unbekannt, schon benutzt oder abgelaufen',
};

/** The English message without its leading field name, as our own messages put it. */
export function germanFieldMessage(field: string, rule: string, englishMessage: string): string {
  const text = FIELD_RULES_DE[rule];
  if (!text) return englishMessage;
  const each = /^each value in /.test(englishMessage) ? 'jeder Wert ' : '';
  return `${field}: ${each}${text(englishMessage, field)}`;
}
