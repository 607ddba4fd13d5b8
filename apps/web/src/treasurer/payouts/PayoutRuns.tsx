import {
  Create,
  DataTable,
  List,
  NumberField,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  required,
  useRecordContext,
  useTranslate,
  Labeled,
} from 'react-admin';
import { DownloadButton } from '../../components/Download';
import { DayField, MoneyField } from '../../format/fields';
import { DayInput } from '../../format/inputs';

/** Payout runs: every approved claim into one pain.001 credit-transfer file. */
export function PayoutRunList() {
  return (
    <List exporter={false} perPage={25}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="executionDate" disableSort field={DayField} />
        <DataTable.Col source="claimCount" disableSort align="right" />
        <DataTable.Col source="totalCents" disableSort field={MoneyField} align="right" />
        <DataTable.Col source="messageId" disableSort />
      </DataTable>
    </List>
  );
}

export function PayoutRunCreate() {
  return (
    <Create redirect="show">
      <SimpleForm>
        <DayInput source="executionDate" validate={required()} />
      </SimpleForm>
    </Create>
  );
}

function SepaFile() {
  const translate = useTranslate();
  const run = useRecordContext<{ id: string }>();
  return run ? (
    <DownloadButton
      path={`payout-runs/${run.id}/sepa-file`}
      label={translate('dw.payouts.sepa_file')}
      variant="contained"
    />
  ) : null;
}

export function PayoutRunShow() {
  return (
    <Show>
      <SimpleShowLayout>
        <DayField source="executionDate" />
        <NumberField source="claimCount" />
        <MoneyField source="totalCents" />
        <TextField source="messageId" />
        <TextField source="sha256" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} />
        <Labeled label="dw.payouts.file">
          <SepaFile />
        </Labeled>
      </SimpleShowLayout>
    </Show>
  );
}
