import { Edit, SimpleForm, useRecordContext } from 'react-admin';
import { MemberFields } from './MemberFields';

const EDITABLE = [
  'firstName',
  'lastName',
  'organisationName',
  'contactPerson',
  'street',
  'postalCode',
  'city',
  'email',
  'phone',
  'consentsToEmail',
  'consentsToPublication',
];

/** Only the fields the API lets change go back (the rest has its own actions). */
const editable = (data: Record<string, unknown>) =>
  Object.fromEntries(
    EDITABLE.filter((k) => data[k] !== undefined).map((k) => [
      k,
      data[k] === '' ? undefined : data[k],
    ]),
  );

function Fields() {
  const record = useRecordContext<{ kind: 'person' | 'organisation' }>();
  return <MemberFields kindFixed={record?.kind} />;
}

export function MemberEdit() {
  return (
    <Edit mutationMode="pessimistic" transform={editable} redirect="show">
      <SimpleForm>
        <Fields />
      </SimpleForm>
    </Edit>
  );
}
