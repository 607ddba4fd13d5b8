import { DataTable, List, useTranslate } from 'react-admin';
import { DayField } from '../../format/fields';
import { centsAsText } from '../../format/inputs';

interface Tier {
  interval: string;
  memberForm: string;
  rates: { validFrom: string; amountCents: number }[];
}

/** The rate that applies last (rates are kept by the day they start). */
export const latestRate = (t: Tier) =>
  [...t.rates].sort((a, b) => a.validFrom.localeCompare(b.validFrom)).pop();

export function TierList() {
  const translate = useTranslate();
  return (
    <List perPage={50} exporter={false}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="code" disableSort />
        <DataTable.Col source="name" disableSort />
        <DataTable.Col
          source="memberForm"
          disableSort
          render={(t: Tier) => translate(`dw.tiers.form.${t.memberForm}`)}
        />
        <DataTable.Col
          source="interval"
          disableSort
          render={(t: Tier) => translate(`dw.tiers.interval.${t.interval}`)}
        />
        <DataTable.Col
          source="amountCents"
          disableSort
          align="right"
          render={(t: Tier) => {
            const rate = latestRate(t);
            return rate ? `${centsAsText(rate.amountCents)} €` : '–';
          }}
        />
        <DataTable.Col source="validFrom" disableSort field={DayField} />
      </DataTable>
    </List>
  );
}
