import { Box, Typography } from '@mui/material';
import { germanAmount } from '@dachwerk/formats';
import {
  Button,
  DataTable,
  Form,
  FunctionField,
  List,
  ReferenceField,
  SaveButton,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  maxLength,
  minLength,
  required,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../api/session';
import { useApiAction } from '../api/useApi';
import { SimpleTable } from '../components/SimpleTable';
import { DayField, MoneyField } from '../format/fields';

const STATUSES = ['open', 'submitted', 'overdue', 'accepted'];
const NO_RECORD = {};

interface Proof {
  applicationId: string;
  status: string;
  lines?: {
    lineNo: number;
    category: string;
    description: string;
    plannedCents: number;
    actualCents: number;
  }[];
}

/** Proofs of use: due after a grant; initiatives see their own, the board all. */
export function ProofList() {
  const translate = useTranslate();
  const filters = [
    <SelectInput
      key="status"
      source="status"
      alwaysOn
      choices={STATUSES.map((id) => ({ id, name: `dw.proofs.status.${id}` }))}
    />,
  ];
  return (
    <List filters={filters} exporter={false} perPage={50}>
      <DataTable rowClick="show" bulkActionButtons={false}>
        <DataTable.Col source="title" disableSort />
        <DataTable.Col source="dueOn" disableSort field={DayField} />
        <DataTable.Col source="approvedCents" disableSort field={MoneyField} align="right" />
        <DataTable.Col
          source="status"
          disableSort
          render={(p: Proof) => translate(`dw.proofs.status.${p.status}`)}
        />
      </DataTable>
    </List>
  );
}

/** Plan against actual, line by line, from the approved claims. */
function PlanVsActual() {
  const translate = useTranslate();
  const proof = useRecordContext<Proof>();
  return (
    <Box sx={{ width: '100%' }}>
      <Typography variant="h6" component="h2">
        {translate('dw.proofs.plan_vs_actual')}
      </Typography>
      <SimpleTable
        label="dw.proofs.plan_vs_actual"
        rows={proof?.lines ?? []}
        rowKey={(l) => l.lineNo}
        columns={[
          { label: 'dw.applications.category', render: (l) => l.category },
          { label: 'resources.applications.fields.description', render: (l) => l.description },
          {
            label: 'dw.proofs.planned',
            render: (l) => germanAmount(l.plannedCents),
            align: 'right',
          },
          { label: 'dw.proofs.actual', render: (l) => germanAmount(l.actualCents), align: 'right' },
        ]}
      />
    </Box>
  );
}

/** The initiative's short report hands the proof in. */
function Report() {
  const translate = useTranslate();
  const proof = useRecordContext<Proof>();
  const { permissions } = usePermissions<Permissions>();
  const report = useApiAction(translate('dw.proofs.reported'));
  const allowed = permissions?.roles.some((r) => r === 'initiative' || r === 'staff');
  if (!proof || !allowed || !['open', 'overdue'].includes(proof.status)) return null;
  return (
    <Box component="section" aria-label={translate('dw.proofs.report')} sx={{ width: '100%' }}>
      <Typography variant="h6" component="h2">
        {translate('dw.proofs.report')}
      </Typography>
      <Form
        record={NO_RECORD}
        onSubmit={async (body: Record<string, unknown>) => {
          try {
            await report.mutateAsync({ path: `proofs-of-use/${proof.applicationId}/report`, body });
          } catch (e) {
            return (e as { body?: { errors?: Record<string, string> } }).body?.errors ?? {};
          }
          return undefined;
        }}
      >
        <TextInput
          source="report"
          label="dw.proofs.report_text"
          validate={[required(), minLength(20), maxLength(20_000)]}
          multiline
          minRows={4}
          fullWidth
        />
        <SaveButton label="dw.proofs.hand_in" alwaysEnable />
      </Form>
    </Box>
  );
}

function Accept() {
  const translate = useTranslate();
  const proof = useRecordContext<Proof>();
  const { permissions } = usePermissions<Permissions>();
  const accept = useApiAction(translate('dw.proofs.accepted'));
  const allowed = permissions?.roles.some((r) => r === 'board' || r === 'staff');
  if (!proof || !allowed || proof.status !== 'submitted') return null;
  return (
    <TopToolbar>
      <Button
        label="dw.proofs.accept"
        variant="contained"
        disabled={accept.isPending}
        onClick={() => accept.mutate({ path: `proofs-of-use/${proof.applicationId}/accept` })}
      />
    </TopToolbar>
  );
}

export function ProofShow() {
  const translate = useTranslate();
  return (
    <Show actions={<Accept />}>
      <SimpleShowLayout>
        <TextField source="title" />
        <ReferenceField source="initiativeId" reference="initiatives" link={false}>
          <TextField source="name" />
        </ReferenceField>
        <DayField source="dueOn" />
        <FunctionField
          source="status"
          render={(p: Proof) => translate(`dw.proofs.status.${p.status}`)}
        />
        <MoneyField source="approvedCents" />
        <MoneyField source="spentCents" />
        <TextField source="conditions" emptyText="–" />
        <TextField source="report" emptyText="–" />
        <PlanVsActual />
        <Report />
      </SimpleShowLayout>
    </Show>
  );
}
