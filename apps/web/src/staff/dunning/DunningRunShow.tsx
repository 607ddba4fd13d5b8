import { Alert, LinearProgress } from '@mui/material';
import {
  ArrayField,
  DataTable,
  Labeled,
  NumberField,
  Show,
  SimpleShowLayout,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { DownloadButton } from '../../components/Download';
import { DayField, MoneyField } from '../../format/fields';

function Letters() {
  const translate = useTranslate();
  const record = useRecordContext<{ id: string; lettersReady: boolean; noticeCount: number }>();
  if (!record || record.noticeCount === 0) return null;
  return record.lettersReady ? (
    <DownloadButton
      path={`dunning-runs/${record.id}/letters.pdf`}
      label={translate('dw.dunning.letters')}
    />
  ) : (
    <Alert severity="info">
      {translate('dw.dunning.letters_rendering')}
      <LinearProgress sx={{ mt: 1 }} aria-label={translate('dw.dunning.letters_rendering')} />
    </Alert>
  );
}

/** One dunning run: who got which level, and the letters once the worker has rendered them. */
export function DunningRunShow() {
  return (
    <Show
      queryOptions={{
        refetchInterval: (q) =>
          (q.state.data as { lettersReady?: boolean } | undefined)?.lettersReady ? false : 2000,
      }}
    >
      <SimpleShowLayout>
        <DayField source="runOn" />
        <NumberField source="noticeCount" />
        <Labeled label="dw.fee_runs.files">
          <Letters />
        </Labeled>
        <ArrayField source="notices">
          <DataTable bulkActionButtons={false} rowClick={false}>
            <DataTable.Col
              source="memberNo"
              disableSort
              label="resources.members.fields.memberNo"
            />
            <DataTable.Col source="memberName" disableSort label="resources.members.fields.name" />
            <DataTable.Col
              source="level"
              disableSort
              label="resources.receivables.fields.dunningLevel"
            />
            <DataTable.Col
              source="openCents"
              disableSort
              field={MoneyField}
              align="right"
              label="dw.dunning.open"
            />
            <DataTable.Col
              source="feeCents"
              disableSort
              field={MoneyField}
              align="right"
              label="dw.dunning.fee"
            />
          </DataTable>
        </ArrayField>
      </SimpleShowLayout>
    </Show>
  );
}
