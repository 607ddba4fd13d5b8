import { Catalogue, list, opt } from './entry';

const ROLE_DE: Record<string, string> = {
  admin: 'Administration',
  staff: 'Geschäftsstelle',
  treasurer: 'Kasse',
  board: 'Vorstand',
  initiative: 'Initiative',
};
const roles = (v: unknown): string =>
  list(
    (Array.isArray(v) ? v : []).map((r) => ROLE_DE[String(r)] ?? String(r)),
    'oder',
  );

/** Problems of the HTTP layer, the database, sessions, users and organisations. */
export const GENERAL: Catalogue = {
  // The HTTP layer and the framework
  BAD_REQUEST: {
    de: { title: 'Ungültige Anfrage', detail: 'Die Anfrage ist fehlerhaft.' },
    en: { title: 'Bad request' },
  },
  MALFORMED_JSON: {
    de: { title: 'Ungültiges JSON', detail: 'Der Inhalt der Anfrage ist kein gültiges JSON.' },
    en: { title: 'Malformed JSON' },
  },
  METHOD_NOT_ALLOWED: {
    de: {
      title: 'Methode nicht erlaubt',
      detail: 'Diese Methode gibt es für diese Adresse nicht.',
    },
    en: { title: 'Method not allowed' },
  },
  PAYLOAD_TOO_LARGE: {
    de: { title: 'Anfrage zu groß', detail: 'Die Anfrage ist größer als erlaubt.' },
    en: { title: 'Payload too large' },
  },
  UNSUPPORTED_MEDIA_TYPE: {
    de: {
      title: 'Format nicht unterstützt',
      detail: 'Dieses Inhaltsformat wird hier nicht angenommen.',
    },
    en: { title: 'Unsupported media type' },
  },
  TOO_MANY_REQUESTS: {
    de: {
      title: 'Zu viele Anfragen',
      detail: (p) =>
        `Zu viele Versuche in kurzer Zeit${opt(p.retryAfterSeconds, (s) => `; bitte in ${s} Sekunden erneut versuchen`)}.`,
    },
    en: { title: 'Too many requests' },
  },
  CROSS_SITE_REQUEST: {
    de: {
      title: 'Anfrage von fremder Seite',
      detail: 'Abgelehnt: Die Anfrage kommt von einer anderen Website.',
    },
    en: { title: 'Cross-site request' },
  },
  NOT_FOUND: {
    de: {
      title: 'Nicht gefunden',
      detail: 'Das Gesuchte gibt es nicht, oder es liegt außerhalb Ihres Zugriffs.',
    },
    en: { title: 'Not found' },
  },
  CONFLICT: {
    de: {
      title: 'Konflikt',
      detail: 'Die Änderung widerspricht einem gespeicherten Datensatz.',
    },
    en: { title: 'Conflict' },
  },
  VALIDATION_FAILED: {
    de: {
      title: 'Ungültige Eingabe',
      detail: 'Die Anfrage ist ungültig; die Fehler sind je Feld aufgeführt.',
    },
    en: { title: 'Invalid input' },
  },
  INTERNAL_ERROR: {
    de: {
      title: 'Interner Fehler',
      detail:
        'Ein unerwarteter Fehler ist aufgetreten. Bitte nennen Sie die errorId, wenn Sie ihn melden.',
    },
    en: { title: 'Internal error' },
  },
  SERVICE_DEGRADED: {
    de: {
      title: 'Dienst eingeschränkt',
      detail: (p) => `Nicht erreichbar: ${list(p.unreachable) || 'ein benötigter Dienst'}.`,
    },
    en: { title: 'Service degraded' },
  },
  IDEMPOTENCY_KEY_REUSED: {
    de: {
      title: 'Idempotency-Key schon verwendet',
      detail: 'Dieser Idempotency-Key wurde für eine andere Anfrage verwendet.',
    },
    en: { title: 'Idempotency key reused' },
  },
  SMTP_NOT_CONFIGURED: {
    de: {
      title: 'E-Mail nicht eingerichtet',
      detail:
        'Der E-Mail-Versand ist nicht eingerichtet (SMTP_URL); bitte laden Sie das PDF herunter.',
    },
    en: { title: 'E-mail not configured' },
  },
  FILE_REQUIRED: {
    de: {
      title: 'Datei fehlt',
      detail: 'Bitte laden Sie die Datei als Multipart-Feld „file“ hoch.',
    },
    en: { title: 'File required' },
  },
  FILE_TOO_LARGE: {
    de: {
      title: 'Datei zu groß',
      detail: (p) => `Die Datei ist zu groß${opt(p.maxMegabytes, (m) => ` (höchstens ${m} MB)`)}.`,
    },
    en: { title: 'File too large' },
  },
  UPLOAD_TOO_LARGE: {
    de: {
      title: 'Datei zu groß',
      detail: (p) =>
        `Die Datei ist zu groß${opt(p.maxBytes, (b) => ` (höchstens ${Math.round(Number(b) / 1024 / 1024)} MB)`)}.`,
    },
    en: { title: 'Upload too large' },
  },
  FILE_TYPE_UNSUPPORTED: {
    de: {
      title: 'Dateiart nicht unterstützt',
      detail: 'Angenommen werden nur PDF-, JPEG- und PNG-Dateien.',
    },
    en: { title: 'File type not supported' },
  },
  INVALID_DATE: {
    de: {
      title: 'Ungültiges Datum',
      detail: (p) => `${opt(p.field, (f) => `${f}: `)}Das ist kein gültiges Datum.`,
    },
    en: { title: 'Invalid date' },
  },
  RANGE_INVALID: {
    de: { title: 'Ungültiger Zeitraum', detail: '„Von“ darf nicht nach „bis“ liegen.' },
    en: { title: 'Invalid range' },
  },
  PERIOD_REVERSED: {
    de: { title: 'Zeitraum vertauscht', detail: 'Das Ende liegt vor dem Beginn.' },
    en: { title: 'Period reversed' },
  },
  DATE_IN_FUTURE: {
    de: { title: 'Datum in der Zukunft', detail: 'Das Datum darf nicht in der Zukunft liegen.' },
    en: { title: 'Date in the future' },
  },
  DATE_IN_PAST: {
    de: {
      title: 'Datum in der Vergangenheit',
      detail: 'Das Datum darf nicht in der Vergangenheit liegen.',
    },
    en: { title: 'Date in the past' },
  },
  DOCUMENT_NOT_READY: {
    de: {
      title: 'Dokument noch nicht fertig',
      detail: 'Die Schreiben werden noch erzeugt; bitte gleich noch einmal versuchen.',
    },
    en: { title: 'Document not ready' },
  },
  IMPORT_COMMITTED: {
    de: { title: 'Import schon übernommen', detail: 'Dieser Import wurde bereits übernommen.' },
    en: { title: 'Import committed already' },
  },
  IMPORT_HAS_ERRORS: {
    de: {
      title: 'Import fehlerhaft',
      detail:
        'Die Datei hat Fehler (je Zeile aufgeführt); es wurde nichts übernommen. Bitte korrigieren und erneut hochladen.',
    },
    en: { title: 'Import has errors' },
  },
  IMPORT_EMPTY: {
    de: { title: 'Import leer', detail: 'Die Datei enthält keine Datensätze.' },
    en: { title: 'Import empty' },
  },
  IMPORT_DUPLICATE: {
    de: {
      title: 'Datei schon importiert',
      detail:
        'Diese Datei wurde schon einmal importiert; mit force=true wird sie erneut importiert.',
    },
    en: { title: 'File imported before' },
  },
  CSV_INVALID: {
    de: {
      title: 'CSV fehlerhaft',
      detail: 'Die Datei hat Fehler (je Zeile aufgeführt); es wurde nichts importiert.',
    },
    en: { title: 'CSV invalid' },
  },
  MAPPING_INVALID: {
    de: {
      title: 'Spaltenzuordnung ungültig',
      detail: 'mapping muss ein JSON-Objekt von Spaltenname zu Feld sein.',
    },
    en: { title: 'Mapping invalid' },
  },

  // What the database refused (libs/shared/errors/database-problem.ts)
  VALUE_TOO_LONG: {
    de: { title: 'Wert zu lang', detail: 'Ein Wert ist zu lang zum Speichern.' },
    en: { title: 'Value too long' },
  },
  NUMBER_OUT_OF_RANGE: {
    de: { title: 'Zahl außerhalb des Bereichs', detail: 'Eine Zahl ist zu groß oder zu klein.' },
    en: { title: 'Number out of range' },
  },
  DATE_INVALID: {
    de: { title: 'Ungültiges Datum', detail: 'Ein Datum ist ungültig.' },
    en: { title: 'Invalid date' },
  },
  CHARACTER_INVALID: {
    de: { title: 'Ungültiges Zeichen', detail: 'Ein Text enthält ein unzulässiges Zeichen.' },
    en: { title: 'Invalid character' },
  },
  VALUE_MALFORMED: {
    de: { title: 'Wert fehlerhaft', detail: 'Ein Wert hat nicht das erwartete Format.' },
    en: { title: 'Malformed value' },
  },
  VALUE_INVALID: {
    de: { title: 'Ungültiger Wert', detail: 'Ein Wert der Anfrage kann nicht gespeichert werden.' },
    en: { title: 'Invalid value' },
  },
  STILL_REFERENCED: {
    de: { title: 'Noch in Gebrauch', detail: 'Andere Datensätze verweisen noch auf diesen.' },
    en: { title: 'Still referenced' },
  },
  REFERENCE_NOT_FOUND: {
    de: {
      title: 'Verweis ins Leere',
      detail: 'Die Anfrage verweist auf einen Datensatz, den es nicht gibt.',
    },
    en: { title: 'Reference not found' },
  },
  CONSTRAINT_VIOLATED: {
    de: {
      title: 'Regel verletzt',
      detail: 'Die Datenbank hat die Änderung abgelehnt, weil sie eine ihrer Regeln verletzt.',
    },
    en: { title: 'Constraint violated' },
  },
  CONCURRENT_UPDATE: {
    de: {
      title: 'Gleichzeitige Änderung',
      detail: 'Eine gleichzeitige Änderung kam dazwischen; bitte erneut versuchen.',
    },
    en: { title: 'Concurrent update' },
  },
  DATABASE_UNAVAILABLE: {
    de: {
      title: 'Datenbank nicht erreichbar',
      detail: 'Die Datenbank ist gerade nicht erreichbar; bitte gleich noch einmal versuchen.',
    },
    en: { title: 'Database unavailable' },
  },

  // Sessions, accounts and roles
  UNAUTHENTICATED: {
    de: {
      title: 'Nicht angemeldet',
      detail: 'Bitte melden Sie sich an; die Sitzung fehlt oder ist abgelaufen.',
    },
    en: { title: 'Not logged in' },
  },
  INVALID_CREDENTIALS: {
    de: { title: 'Anmeldung fehlgeschlagen', detail: 'E-Mail oder Passwort ist falsch.' },
    en: { title: 'Invalid credentials' },
  },
  ACCOUNT_LOCKED: {
    de: {
      title: 'Zugang vorübergehend gesperrt',
      detail: (p) =>
        `Zu viele fehlgeschlagene Anmeldungen; bitte ${opt(p.retryAfterSeconds, (s) => `in ${s} Sekunden `)}erneut versuchen.`,
    },
    en: { title: 'Account locked' },
  },
  FORBIDDEN: {
    de: {
      title: 'Keine Berechtigung',
      detail: (p) => {
        const required = p.requiredRoles ?? p.roles;
        if (Array.isArray(required) && required.length)
          return `Dafür braucht es die Rolle ${roles(required)}.`;
        return 'Dafür fehlt Ihnen die Berechtigung.';
      },
    },
    en: { title: 'Forbidden' },
  },
  RESET_NEEDS_MAIL: {
    de: {
      title: 'E-Mail nötig',
      detail:
        'Der E-Mail-Versand ist nicht eingerichtet (SMTP_URL), und nur die Kontoinhaberin oder der Kontoinhaber darf einen Rücksetz-Link sehen; bitte wenden Sie sich an die Plattform-Administration.',
    },
    en: { title: 'Reset needs e-mail' },
  },
  MAIL_FAILED: {
    de: {
      title: 'E-Mail nicht gesendet',
      detail:
        'Die E-Mail konnte nicht gesendet werden; bitte später erneut versuchen (ein neuer Link ersetzt diesen).',
    },
    en: { title: 'E-mail failed' },
  },
  CURRENT_PASSWORD_WRONG: {
    de: { title: 'Passwort falsch', detail: 'Das aktuelle Passwort ist falsch.' },
    en: { title: 'Current password wrong' },
  },
  TOKEN_INVALID: {
    de: {
      title: 'Link ungültig',
      detail:
        'Der Link ist unbekannt, schon benutzt oder abgelaufen; bitte fordern Sie einen neuen an.',
    },
    en: { title: 'Link invalid' },
  },
  EMAIL_TAKEN: {
    de: {
      title: 'E-Mail vergeben',
      detail:
        'Es gibt schon ein Konto mit dieser E-Mail; laden Sie es stattdessen ein (POST /users/invitations).',
    },
    en: { title: 'E-mail taken' },
  },
  NOT_A_MEMBER: {
    de: {
      title: 'Keine Rolle in der Organisation',
      detail:
        'Das Konto hat keine Rolle in dieser Organisation; laden Sie es ein (POST /users/invitations).',
    },
    en: { title: 'No role in the organisation' },
  },
  USER_INACTIVE: {
    de: { title: 'Konto deaktiviert', detail: 'Das Konto ist deaktiviert.' },
    en: { title: 'User inactive' },
  },
  CANNOT_DEACTIVATE_SELF: {
    de: {
      title: 'Eigenes Konto',
      detail: 'Sie können Ihr eigenes Konto nicht deaktivieren.',
    },
    en: { title: 'Cannot deactivate yourself' },
  },
  CANNOT_DEMOTE_SELF: {
    de: {
      title: 'Eigene Rolle',
      detail: 'Sie können sich die eigene Administrationsrolle nicht entziehen.',
    },
    en: { title: 'Cannot demote yourself' },
  },

  // Organisations and initiatives
  ORGANISATION_NAME_TAKEN: {
    de: {
      title: 'Name vergeben',
      detail: 'Es gibt schon eine Organisation mit diesem Namen.',
    },
    en: { title: 'Organisation name taken' },
  },
  IBAN_TAKEN: {
    de: { title: 'Konto schon erfasst', detail: 'Dieses Bankkonto ist bereits erfasst.' },
    en: { title: 'IBAN taken' },
  },
  INITIATIVE_UNKNOWN: {
    de: {
      title: 'Initiative unbekannt',
      detail: 'Diese Initiative gibt es in dieser Organisation nicht.',
    },
    en: { title: 'Initiative unknown' },
  },
  INITIATIVE_NAME_TAKEN: {
    de: {
      title: 'Name vergeben',
      detail: 'Es gibt schon eine Initiative mit diesem Namen.',
    },
    en: { title: 'Initiative name taken' },
  },
  INITIATIVE_ENDED: {
    de: {
      title: 'Initiative beendet',
      detail: (p) =>
        `${opt(p.initiativeName, (n) => `${n}: `)}Die Initiative ist beendet und nimmt kein Geld mehr an.`,
    },
    en: { title: 'Initiative ended' },
  },
  INITIATIVE_NOT_ACTIVE: {
    de: {
      title: 'Initiative nicht aktiv',
      detail: (p) =>
        `${opt(p.initiativeName, (n) => `${n}: `)}Das geht nur mit einer aktiven Initiative.`,
    },
    en: { title: 'Initiative not active' },
  },
  AGREEMENT_MISSING: {
    de: {
      title: 'Vereinbarung fehlt',
      detail: 'Eine Initiative ist nur mit unterschriebener Vereinbarung aktiv.',
    },
    en: { title: 'Agreement missing' },
  },
  AGREEMENT_REVERSED: {
    de: {
      title: 'Vereinbarung endet zu früh',
      detail: 'Die Vereinbarung endet, bevor sie unterschrieben wurde.',
    },
    en: { title: 'Agreement reversed' },
  },
  COST_CENTRE_TAKEN: {
    de: { title: 'Kostenstelle vergeben', detail: 'Diese Kostenstelle ist bereits vergeben.' },
    en: { title: 'Cost centre taken' },
  },
  COST_CENTRE_UNKNOWN: {
    de: {
      title: 'Kostenstelle unbekannt',
      detail: (p) =>
        `Die Kostenstelle${opt(p.costCentre, (c) => ` ${c}`)} gibt es in dieser Organisation nicht.`,
    },
    en: { title: 'Cost centre unknown' },
  },
};
