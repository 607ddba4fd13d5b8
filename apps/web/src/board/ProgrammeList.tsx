import { germanAmount } from '@dachwerk/formats';
import { DataTable, List } from 'react-admin';
import { DayField, MoneyField } from '../format/fields';

interface Programme {
  budgetCents: number;
  reservedCents: number;
}

/** Funding programmes with their budget and what approved grants have reserved of it. */
export function ProgrammeList() {
  return (
    <List exporter={false} perPage={50}>
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="costCentre" disableSort />
        <DataTable.Col source="startsOn" disableSort field={DayField} />
        <DataTable.Col source="endsOn" disableSort field={DayField} />
        <DataTable.Col source="budgetCents" disableSort field={MoneyField} align="right" />
        <DataTable.Col source="reservedCents" disableSort field={MoneyField} align="right" />
        <DataTable.Col
          source="freeCents"
          disableSort
          align="right"
          render={(p: Programme) => germanAmount(p.budgetCents - p.reservedCents)}
        />
      </DataTable>
    </List>
  );
}
