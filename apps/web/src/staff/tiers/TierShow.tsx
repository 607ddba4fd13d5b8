import {
  ArrayField,
  BooleanField,
  DataTable,
  FunctionField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  required,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../../api/session';
import { useApiAction } from '../../api/useApi';
import { ActionDialog } from '../../components/ActionDialog';
import { DayField, MoneyField } from '../../format/fields';
import { AmountInput, DayInput } from '../../format/inputs';

function TierActions() {
  const translate = useTranslate();
  const record = useRecordContext<{ id: string }>();
  const { permissions } = usePermissions<Permissions>();
  const action = useApiAction(translate('dw.common.saved'));
  const may = permissions?.roles.some((r) => r === 'staff' || r === 'treasurer');
  if (!record || !may) return null;
  return (
    <TopToolbar>
      <ActionDialog
        title={translate('dw.tiers.new_rate')}
        label={translate('dw.tiers.new_rate')}
        submit={(body) => action.mutateAsync({ path: `tiers/${record.id}/rates`, body })}
      >
        <DayInput
          source="validFrom"
          label="resources.tiers.fields.validFrom"
          validate={required()}
        />
        <AmountInput
          source="amountCents"
          label="resources.tiers.fields.amountCents"
          validate={required()}
        />
        <AmountInput
          source="reducedAmountCents"
          label="resources.tiers.fields.reducedAmountCents"
        />
        <AmountInput source="admissionFeeCents" label="resources.tiers.fields.admissionFeeCents" />
      </ActionDialog>
    </TopToolbar>
  );
}

export function TierShow() {
  const translate = useTranslate();
  return (
    <Show actions={<TierActions />}>
      <SimpleShowLayout>
        <TextField source="code" />
        <TextField source="name" />
        <FunctionField
          source="memberForm"
          render={(t: { memberForm: string }) => translate(`dw.tiers.form.${t.memberForm}`)}
        />
        <FunctionField
          source="interval"
          render={(t: { interval: string }) => translate(`dw.tiers.interval.${t.interval}`)}
        />
        <BooleanField source="proRata" />
        <BooleanField source="feesDeductible" />
        <DayField source="validFrom" />
        <DayField source="validTo" />
        <ArrayField source="rates">
          <DataTable bulkActionButtons={false} rowClick={false}>
            <DataTable.Col source="validFrom" disableSort field={DayField} />
            <DataTable.Col source="amountCents" disableSort field={MoneyField} align="right" />
            <DataTable.Col
              source="reducedAmountCents"
              disableSort
              field={MoneyField}
              align="right"
            />
            <DataTable.Col
              source="admissionFeeCents"
              disableSort
              field={MoneyField}
              align="right"
            />
          </DataTable>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
}
