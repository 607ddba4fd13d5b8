import { Box } from '@mui/material';
import {
  BooleanInput,
  FunctionField,
  Labeled,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  minLength,
  required,
  usePermissions,
  useRecordContext,
  useRedirect,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../../api/session';
import { useApiAction } from '../../api/useApi';
import { ActionDialog } from '../../components/ActionDialog';
import { AuditTrail } from '../../components/AuditTrail';
import { DownloadButton } from '../../components/Download';
import { DayField, MoneyField } from '../../format/fields';
import { memberName, type MemberLike } from '../../staff/members/memberName';
import { receiptStatus, type ReceiptLike } from './receiptStatus';

interface Receipt extends ReceiptLike {
  id: string;
}

function Actions() {
  const translate = useTranslate();
  const receipt = useRecordContext<Receipt>();
  const redirect = useRedirect();
  const { permissions } = usePermissions<Permissions>();
  const voidIt = useApiAction<{ replacement: { id: string } | null }>(
    translate('dw.receipts.voided'),
  );
  if (!receipt || receipt.voidedAt || !permissions?.roles.includes('treasurer')) return null;
  return (
    <TopToolbar>
      <ActionDialog
        title={translate('dw.receipts.void')}
        label={translate('dw.receipts.void')}
        submit={async (body) => {
          const result = await voidIt.mutateAsync({ path: `receipts/${receipt.id}/void`, body });
          if (result.replacement) redirect('show', 'receipts', result.replacement.id);
        }}
      >
        <TextInput
          source="reason"
          label="dw.receipts.void_reason"
          validate={[required(), minLength(3)]}
          fullWidth
        />
        <BooleanInput source="reissue" label="dw.receipts.reissue" />
      </ActionDialog>
    </TopToolbar>
  );
}

function Files() {
  const translate = useTranslate();
  const receipt = useRecordContext<Receipt>();
  if (!receipt) return null;
  if (receiptStatus(receipt) === 'rendering')
    return <>{translate('dw.receipts.status.rendering')}</>;
  return (
    <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
      <DownloadButton
        path={`receipts/${receipt.id}/pdf`}
        label={translate('dw.receipts.pdf')}
        variant="contained"
      />
      <DownloadButton
        path={`receipts/${receipt.id}/pdf`}
        query={{ duplicate: true }}
        label={translate('dw.receipts.duplicate')}
      />
    </Box>
  );
}

function History() {
  const receipt = useRecordContext<Receipt>();
  return receipt ? <AuditTrail entityType="receipt" entityId={receipt.id} /> : null;
}

/** One receipt: its figures, its PDF (original or Zweitschrift), void and replace. */
export function ReceiptShow() {
  const translate = useTranslate();
  return (
    <Show
      actions={<Actions />}
      queryOptions={{
        refetchInterval: (q) =>
          (q.state.data as ReceiptLike | undefined)?.renderedAt ? false : 2000,
      }}
    >
      <SimpleShowLayout>
        <TextField source="number" />
        <DayField source="issuedOn" />
        <FunctionField
          source="kind"
          render={(r: { kind: string }) => translate(`dw.receipts.kind.${r.kind}`)}
        />
        <MoneyField source="totalCents" />
        <ReferenceField source="donorId" reference="donors" link={false}>
          <FunctionField render={(d: MemberLike) => memberName(d)} />
        </ReferenceField>
        <ReferenceField source="replacesReceiptId" reference="receipts" link="show" emptyText="–">
          <TextField source="number" />
        </ReferenceField>
        <TextField source="voidReason" emptyText="–" />
        <Labeled label="dw.receipts.files">
          <Files />
        </Labeled>
        <History />
        <TextField source="documentSha256" emptyText={translate('dw.common.none')} />
      </SimpleShowLayout>
    </Show>
  );
}
