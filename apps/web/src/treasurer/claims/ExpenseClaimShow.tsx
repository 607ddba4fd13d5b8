import { Box } from '@mui/material';
import {
  Button,
  FunctionField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  minLength,
  required,
  useGetIdentity,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../../api/session';
import { useApiAction } from '../../api/useApi';
import { ActionDialog } from '../../components/ActionDialog';
import { DownloadButton } from '../../components/Download';
import { MoneyField } from '../../format/fields';

interface Claim {
  id: string;
  status: string;
  submittedBy: string;
  documentId: string | null;
}

/**
 * Approve (books it against the fund or grant) or reject with a reason. Four eyes: whoever
 * submitted a claim cannot decide it — the API refuses, and the buttons do not show.
 */
function Decide() {
  const translate = useTranslate();
  const claim = useRecordContext<Claim>();
  const { permissions } = usePermissions<Permissions>();
  const { identity } = useGetIdentity();
  const approve = useApiAction(translate('dw.claims.approved'));
  const reject = useApiAction(translate('dw.claims.rejected'));
  if (!claim || claim.status !== 'submitted' || !permissions?.roles.includes('treasurer')) {
    return null;
  }
  if (identity?.id === claim.submittedBy) return <TopToolbar />;
  return (
    <TopToolbar>
      <Button
        label="dw.claims.approve"
        variant="contained"
        disabled={approve.isPending}
        onClick={() => approve.mutate({ path: `expense-claims/${claim.id}/approve` })}
      />
      <ActionDialog
        title={translate('dw.claims.reject')}
        label={translate('dw.claims.reject')}
        submit={(body) => reject.mutateAsync({ path: `expense-claims/${claim.id}/reject`, body })}
      >
        <TextInput
          source="reason"
          label="dw.claims.reason"
          validate={[required(), minLength(3)]}
          fullWidth
          multiline
        />
      </ActionDialog>
    </TopToolbar>
  );
}

function Document() {
  const translate = useTranslate();
  const claim = useRecordContext<Claim>();
  if (!claim?.documentId) return <>{translate('dw.common.none')}</>;
  return (
    <Box>
      <DownloadButton
        path={`documents/${claim.documentId}`}
        label={translate('dw.claims.document')}
      />
    </Box>
  );
}

export function ExpenseClaimShow() {
  const translate = useTranslate();
  return (
    <Show actions={<Decide />}>
      <SimpleShowLayout>
        <ReferenceField source="initiativeId" reference="initiatives" link={false}>
          <TextField source="name" />
        </ReferenceField>
        <FunctionField
          source="kind"
          render={(c: { kind: string }) => translate(`dw.claims.kind.${c.kind}`)}
        />
        <TextField source="description" />
        <MoneyField source="amountCents" />
        <TextField source="payeeName" />
        <TextField source="payeeIban" />
        <FunctionField
          source="status"
          render={(c: { status: string }) => translate(`dw.claims.status.${c.status}`)}
        />
        <TextField source="rejectReason" emptyText="–" />
        <FunctionField source="documentId" render={() => <Document />} />
        <ReferenceField source="approvalEntryId" reference="entries" link="show" emptyText="–">
          <TextField source="entryNumber" />
        </ReferenceField>
        <ReferenceField source="payoutRunId" reference="payout-runs" link="show" emptyText="–">
          <TextField source="executionDate" />
        </ReferenceField>
      </SimpleShowLayout>
    </Show>
  );
}
