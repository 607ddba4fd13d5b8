import { Box, Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useState } from 'react';
import {
  BooleanField,
  DataTable,
  EditButton,
  FunctionField,
  Labeled,
  ReferenceManyField,
  SelectInput,
  Show,
  TabbedShowLayout,
  TextField,
  TextInput,
  TopToolbar,
  useRecordContext,
  useTranslate,
  ReferenceInput,
  BooleanInput,
  required,
} from 'react-admin';
import { germanDate } from '@dachwerk/formats';
import { useApi, useApiAction } from '../../api/useApi';
import { ActionDialog } from '../../components/ActionDialog';
import { AuditTrail } from '../../components/AuditTrail';
import { DownloadButton } from '../../components/Download';
import { SimpleTable } from '../../components/SimpleTable';
import { DayField, MoneyField } from '../../format/fields';
import { DayInput, IbanInput } from '../../format/inputs';
import { memberName, type MemberLike } from './memberName';

interface Member extends MemberLike {
  id: string;
  memberNo: string;
  status: string;
  restrictedAt: string | null;
  erasedAt: string | null;
}

function MemberTitle() {
  const record = useRecordContext<Member>();
  return <span>{record ? `${record.memberNo} · ${memberName(record)}` : ''}</span>;
}

function MemberActions() {
  const translate = useTranslate();
  const record = useRecordContext<Member>();
  const action = useApiAction(translate('dw.common.saved'));
  if (!record) return null;
  const base = `members/${record.id}`;
  const live = record.status === 'active' && !record.restrictedAt;
  return (
    <TopToolbar>
      {live && <EditButton />}
      {live && (
        <ActionDialog
          title={translate('dw.members.change_tier')}
          label={translate('dw.members.change_tier')}
          submit={(body) => action.mutateAsync({ path: `${base}/tiers`, body })}
        >
          <ReferenceInput source="tierId" reference="tiers">
            <SelectInput optionText="name" validate={required()} fullWidth />
          </ReferenceInput>
          <DayInput source="startsOn" label="dw.members.starts_on" validate={required()} />
          <BooleanInput source="reduced" label="resources.members.fields.reduced" />
        </ActionDialog>
      )}
      {live && (
        <ActionDialog
          title={translate('dw.mandates.new')}
          label={translate('dw.mandates.new')}
          submit={(body) =>
            action.mutateAsync({ path: 'mandates', body: { ...body, memberId: record.id } })
          }
        >
          <TextInput
            source="debtorName"
            label="resources.mandates.fields.debtorName"
            defaultValue={memberName(record)}
            validate={required()}
            fullWidth
          />
          <IbanInput
            source="iban"
            label="resources.mandates.fields.iban"
            validate={required()}
            fullWidth
          />
          <TextInput source="bic" label="resources.mandates.fields.bic" />
          <DayInput
            source="signedOn"
            label="resources.mandates.fields.signedOn"
            validate={required()}
          />
        </ActionDialog>
      )}
      {live && (
        <ActionDialog
          title={translate('dw.members.leave')}
          label={translate('dw.members.leave')}
          submit={(body) => action.mutateAsync({ path: `${base}/leave`, body })}
        >
          <DayInput source="leftOn" label="resources.members.fields.leftOn" validate={required()} />
          <SelectInput
            source="status"
            label="resources.members.fields.status"
            defaultValue="left"
            choices={['left', 'excluded', 'deceased'].map((id) => ({
              id,
              name: `dw.members.status.${id}`,
            }))}
          />
        </ActionDialog>
      )}
    </TopToolbar>
  );
}

function TierHistory() {
  const translate = useTranslate();
  const record = useRecordContext<Member>();
  const { data } = useApi<{ startsOn: string; tierName: string; reduced: boolean }[]>(
    record ? `members/${record.id}/tiers` : undefined,
  );
  return (
    <SimpleTable
      label="dw.members.tier_history"
      rows={data ?? []}
      rowKey={(t) => t.startsOn}
      columns={[
        { label: 'dw.members.starts_on', render: (t) => germanDate(t.startsOn) },
        { label: 'resources.members.fields.tierName', render: (t) => t.tierName },
        {
          label: 'resources.members.fields.reduced',
          render: (t) => translate(t.reduced ? 'dw.common.yes' : 'dw.common.no'),
        },
      ]}
    />
  );
}

function Privacy() {
  const translate = useTranslate();
  const record = useRecordContext<Member>();
  const action = useApiAction(translate('dw.members.restricted'));
  const [confirm, setConfirm] = useState(false);
  if (!record) return null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, alignItems: 'flex-start' }}>
      <DownloadButton
        path={`members/${record.id}/export`}
        label={translate('dw.members.gdpr_export')}
      />
      {record.restrictedAt ? (
        <Labeled label="dw.members.restricted_at">
          <DayField source="restrictedAt" />
        </Labeled>
      ) : (
        <Button color="error" variant="outlined" size="small" onClick={() => setConfirm(true)}>
          {translate('dw.members.erase')}
        </Button>
      )}
      <Dialog open={confirm} onClose={() => setConfirm(false)}>
        <DialogTitle>{translate('dw.members.erase')}</DialogTitle>
        <DialogContent>{translate('dw.members.erase_explained')}</DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirm(false)}>{translate('ra.action.cancel')}</Button>
          <Button
            color="error"
            onClick={() => {
              setConfirm(false);
              action.mutate({ path: `members/${record.id}/erasure` });
            }}
          >
            {translate('ra.action.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

function MemberAudit() {
  const record = useRecordContext<Member>();
  return record ? <AuditTrail entityType="member" entityId={record.id} /> : null;
}

export function MemberShow() {
  const translate = useTranslate();
  return (
    <Show title={<MemberTitle />} actions={<MemberActions />}>
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="dw.members.tab.details">
          <TextField source="memberNo" />
          <FunctionField source="name" render={(m: Member) => memberName(m)} />
          <TextField source="contactPerson" emptyText="–" />
          <FunctionField
            source="address"
            render={(m: { street?: string; postalCode?: string; city?: string }) =>
              [m.street, [m.postalCode, m.city].filter(Boolean).join(' ')]
                .filter(Boolean)
                .join(', ') || '–'
            }
          />
          <TextField source="email" emptyText="–" />
          <TextField source="phone" emptyText="–" />
          <TextField source="tierName" />
          <BooleanField source="reduced" />
          <FunctionField
            source="status"
            render={(m: Member) => translate(`dw.members.status.${m.status}`)}
          />
          <DayField source="joinedOn" />
          <DayField source="leftOn" />
          <BooleanField source="consentsToEmail" />
          <BooleanField source="consentsToPublication" />
          <MemberAudit />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="dw.members.tier_history" path="tiers">
          <TierHistory />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.mandates.name" path="mandates">
          <ReferenceManyField reference="mandates" target="memberId" label={false}>
            <DataTable bulkActionButtons={false} rowClick={false}>
              <DataTable.Col source="reference" disableSort />
              <DataTable.Col source="iban" disableSort />
              <DataTable.Col source="signedOn" disableSort field={DayField} />
              <DataTable.Col source="lastUsedOn" disableSort field={DayField} />
              <DataTable.Col source="expiresOn" disableSort field={DayField} />
              <DataTable.Col
                source="status"
                disableSort
                render={(m: { status: string }) => translate(`dw.mandates.status.${m.status}`)}
              />
            </DataTable>
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="resources.receivables.name" path="receivables">
          <ReferenceManyField reference="receivables" target="memberId" label={false}>
            <DataTable bulkActionButtons={false} rowClick={false}>
              <DataTable.Col source="description" disableSort />
              <DataTable.Col source="dueOn" disableSort field={DayField} />
              <DataTable.Col source="amountCents" disableSort field={MoneyField} align="right" />
              <DataTable.Col
                source="status"
                disableSort
                render={(r: { status: string }) => translate(`dw.receivables.status.${r.status}`)}
              />
              <DataTable.Col source="dunningLevel" disableSort />
            </DataTable>
          </ReferenceManyField>
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="dw.members.tab.privacy" path="privacy">
          <Privacy />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}
