import { Alert, Box, Typography } from '@mui/material';
import { germanAmount } from '@dachwerk/formats';
import {
  FunctionField,
  RadioButtonGroupInput,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  maxLength,
  minLength,
  required,
  useGetIdentity,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { Permissions } from '../api/session';
import { useApiAction } from '../api/useApi';
import { ActionDialog } from '../components/ActionDialog';
import { SimpleTable } from '../components/SimpleTable';
import { DayField, MoneyField } from '../format/fields';
import { AmountInput } from '../format/inputs';

interface Decision {
  kind: string;
  decidedBy: string;
  amountCents: number | null;
  resolutionRef: string | null;
  comment: string | null;
  round: number;
  createdAt: string;
}
interface Application {
  id: string;
  status: string;
  requestedCents: number;
  costLines: { lineNo: number; category: string; description: string; amountCents: number }[];
  reviews: { reviewerId: string; conflictOfInterest: boolean; weightedScore: number | null }[];
  decisions: Decision[];
}

const currentRound = (a: Application) => a.decisions.filter((d) => d.kind === 'return').length + 1;

function ApprovalFields() {
  const kind = useWatch<{ kind?: string }>({ name: 'kind' });
  if (kind !== 'approve') return <TextInput source="comment" multiline fullWidth />;
  return (
    <>
      <AmountInput source="amountCents" validate={required()} />
      <TextInput
        source="resolutionRef"
        validate={[required(), minLength(3), maxLength(100)]}
        fullWidth
      />
      <TextInput source="comment" label="dw.applications.conditions" multiline fullWidth />
    </>
  );
}

/**
 * Four eyes: an approval counts once two different board members approved the same amount
 * in the same round; the API refuses a second approval by the same person, and so does
 * the screen (it says why instead of offering the button).
 */
function Decide() {
  const translate = useTranslate();
  const app = useRecordContext<Application>();
  const { permissions } = usePermissions<Permissions>();
  const { identity } = useGetIdentity();
  const decide = useApiAction(translate('dw.applications.decided'));
  if (!app || app.status !== 'complete' || !permissions?.roles.includes('board')) return null;
  const approvals = app.decisions.filter(
    (d) => d.kind === 'approve' && d.round === currentRound(app),
  );
  const first = approvals[0];
  return (
    <TopToolbar>
      {first && (
        <Alert severity="info" sx={{ mr: 'auto' }}>
          {translate('dw.applications.first_approval', {
            amount: germanAmount(first.amountCents ?? 0),
            ref: first.resolutionRef ?? '',
          })}
        </Alert>
      )}
      <ActionDialog
        title={translate('dw.applications.decide')}
        label={translate('dw.applications.decide')}
        submit={(body) => decide.mutateAsync({ path: `applications/${app.id}/decisions`, body })}
      >
        {approvals.some((d) => d.decidedBy === identity?.id) && (
          <Alert severity="warning" sx={{ mb: 1 }}>
            {translate('dw.applications.already_approved')}
          </Alert>
        )}
        <RadioButtonGroupInput
          source="kind"
          label="dw.applications.decision"
          defaultValue="approve"
          choices={['approve', 'reject', 'return'].map((id) => ({
            id,
            name: `dw.applications.kind.${id}`,
          }))}
        />
        <ApprovalFields />
      </ActionDialog>
    </TopToolbar>
  );
}

function Details() {
  const translate = useTranslate();
  const app = useRecordContext<Application>();
  if (!app) return null;
  return (
    <Box sx={{ width: '100%' }}>
      <Typography variant="h6" component="h2">
        {translate('dw.applications.cost_plan')}
      </Typography>
      <SimpleTable
        label="dw.applications.cost_plan"
        rows={app.costLines}
        rowKey={(l) => l.lineNo}
        columns={[
          { label: 'dw.applications.category', render: (l) => l.category },
          { label: 'resources.applications.fields.description', render: (l) => l.description },
          {
            label: 'resources.applications.fields.requestedCents',
            render: (l) => germanAmount(l.amountCents),
            align: 'right',
          },
        ]}
      />
      <Typography variant="h6" component="h2" sx={{ mt: 2 }}>
        {translate('dw.applications.decisions')}
      </Typography>
      <SimpleTable
        label="dw.applications.decisions"
        rows={app.decisions}
        columns={[
          {
            label: 'dw.applications.decision',
            render: (d) => translate(`dw.applications.kind.${d.kind}`),
          },
          { label: 'dw.applications.round', render: (d) => d.round },
          {
            label: 'resources.applications.fields.approvedCents',
            render: (d) => (d.amountCents === null ? '' : germanAmount(d.amountCents)),
            align: 'right',
          },
          {
            label: 'resources.applications.fields.resolutionRef',
            render: (d) => d.resolutionRef ?? '',
          },
          { label: 'dw.applications.comment', render: (d) => d.comment ?? '' },
        ]}
      />
    </Box>
  );
}

export function ApplicationShow() {
  const translate = useTranslate();
  return (
    <Show actions={<Decide />}>
      <SimpleShowLayout>
        <TextField source="title" />
        <ReferenceField source="initiativeId" reference="initiatives" link={false}>
          <TextField source="name" />
        </ReferenceField>
        <TextField source="description" />
        <MoneyField source="requestedCents" />
        <MoneyField source="ownShareCents" />
        <FunctionField
          source="status"
          render={(a: { status: string }) => translate(`dw.applications.status.${a.status}`)}
        />
        <FunctionField
          source="weightedScore"
          render={(a: { weightedScore: number | null }) =>
            a.weightedScore === null ? '–' : a.weightedScore.toLocaleString('de-DE')
          }
        />
        <MoneyField source="approvedCents" emptyText="–" />
        <TextField source="resolutionRef" emptyText="–" />
        <DayField source="proofDueOn" emptyText="–" />
        <Details />
      </SimpleShowLayout>
    </Show>
  );
}
