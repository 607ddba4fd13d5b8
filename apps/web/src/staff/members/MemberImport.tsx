import { useTranslate } from 'react-admin';
import { CsvImport } from '../../components/CsvImport';

export function MemberImport() {
  const translate = useTranslate();
  return (
    <CsvImport
      path="member-imports"
      title={translate('dw.import.members')}
      columns="Mitgliedsnummer;Vorname;Nachname;Firma;Straße;PLZ;Ort;E-Mail;Eintritt;Beitragsstufe;Ermäßigt;IBAN;Mandatsreferenz;Mandatsdatum"
    />
  );
}
