import {
  DataTable,
  List,
  SearchInput,
  SelectInput,
  ReferenceInput,
  useTranslate,
} from 'react-admin';
import { DayField } from '../../format/fields';

const STATUSES = ['active', 'left', 'excluded', 'deceased'];

export function MemberList() {
  const translate = useTranslate();
  const filters = [
    <SearchInput
      key="q"
      source="q"
      alwaysOn
      placeholder={translate('resources.members.fields.q')}
    />,
    <SelectInput
      key="status"
      source="status"
      choices={STATUSES.map((id) => ({ id, name: `dw.members.status.${id}` }))}
    />,
    <ReferenceInput key="tierId" source="tierId" reference="tiers">
      <SelectInput optionText="name" />
    </ReferenceInput>,
  ];
  return (
    <List filters={filters} sort={{ field: 'memberNo', order: 'ASC' }} perPage={25}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="memberNo" disableSort />
        <DataTable.Col
          source="name"
          disableSort
          render={(m: { lastName?: string; firstName?: string; organisationName?: string }) =>
            m.organisationName ?? [m.lastName, m.firstName].filter(Boolean).join(', ')
          }
        />
        <DataTable.Col source="city" disableSort />
        <DataTable.Col source="tierName" disableSort />
        <DataTable.Col
          source="status"
          disableSort
          render={(m: { status: string }) => translate(`dw.members.status.${m.status}`)}
        />
        <DataTable.Col source="joinedOn" disableSort field={DayField} />
      </DataTable>
    </List>
  );
}
