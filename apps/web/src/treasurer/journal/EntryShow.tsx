import { germanAmount } from '@dachwerk/formats';
import {
  Labeled,
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../../api/session';
import { useApiAction } from '../../api/useApi';
import { ActionDialog } from '../../components/ActionDialog';
import { SimpleTable } from '../../components/SimpleTable';
import { DayField, MoneyField } from '../../format/fields';
import { DayInput } from '../../format/inputs';
import { accountLabel, useAccounts } from '../accounts/useAccounts';

interface Line {
  lineNo: number;
  account: number;
  side: 'debit' | 'credit';
  amountCents: number;
  sphere: number;
  costCentre: string | null;
}
interface Entry {
  id: string;
  reversesEntryId: string | null;
  reversedByEntryId?: string | null;
  lines: Line[];
}

function Lines() {
  const entry = useRecordContext<Entry>();
  const { data: accounts = [] } = useAccounts();
  const name = (n: number) => accounts.find((a) => a.number === n);
  if (!entry) return null;
  return (
    <SimpleTable
      label="dw.journal.lines"
      rows={entry.lines}
      rowKey={(l) => l.lineNo}
      columns={[
        {
          label: 'dw.journal.account',
          render: (l) => {
            const account = name(l.account);
            return account ? accountLabel(account) : l.account;
          },
        },
        {
          label: 'dw.journal.debit',
          render: (l) => (l.side === 'debit' ? germanAmount(l.amountCents) : ''),
          align: 'right',
        },
        {
          label: 'dw.journal.credit',
          render: (l) => (l.side === 'credit' ? germanAmount(l.amountCents) : ''),
          align: 'right',
        },
        { label: 'dw.journal.sphere', render: (l) => l.sphere },
        { label: 'dw.journal.cost_centre', render: (l) => l.costCentre ?? '' },
      ]}
    />
  );
}

function Actions() {
  const translate = useTranslate();
  const entry = useRecordContext<Entry>();
  const { permissions } = usePermissions<Permissions>();
  const reverse = useApiAction(translate('dw.journal.reversed'));
  if (!entry || entry.reversedByEntryId || !permissions?.roles.includes('treasurer')) return null;
  return (
    <TopToolbar>
      <ActionDialog
        title={translate('dw.journal.reverse')}
        label={translate('dw.journal.reverse')}
        submit={(body) => reverse.mutateAsync({ path: `ledger/entries/${entry.id}/reverse`, body })}
      >
        <DayInput source="bookedOn" label="resources.entries.fields.bookedOn" />
      </ActionDialog>
    </TopToolbar>
  );
}

export function EntryShow() {
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <NumberField source="entryNumber" />
        <DayField source="bookedOn" />
        <DayField source="documentOn" />
        <TextField source="documentNo" />
        <TextField source="text" />
        <TextField source="description" emptyText="–" />
        <TextField source="source" />
        <MoneyField source="totalCents" />
        <ReferenceField source="reversesEntryId" reference="entries" link="show" emptyText="–">
          <TextField source="entryNumber" />
        </ReferenceField>
        <ReferenceField source="reversedByEntryId" reference="entries" link="show" emptyText="–">
          <TextField source="entryNumber" />
        </ReferenceField>
        <Labeled label="dw.journal.lines">
          <Lines />
        </Labeled>
        <TextField source="hash" sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }} />
      </SimpleShowLayout>
    </Show>
  );
}
