import { Alert, Box, Typography } from '@mui/material';
import { germanAmount } from '@dachwerk/formats';
import {
  AutocompleteInput,
  Form,
  FormDataConsumer,
  Labeled,
  RadioButtonGroupInput,
  ReferenceInput,
  SaveButton,
  SelectInput,
  Show,
  SimpleShowLayout,
  TextField,
  TextInput,
  required,
  useNotify,
  usePermissions,
  useRecordContext,
  useRefresh,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../../api/session';
import { memberName, type MemberLike } from '../../staff/members/memberName';
import { useApiAction } from '../../api/useApi';
import { DayField, MoneyField } from '../../format/fields';
import { accountLabel, useAccounts } from '../accounts/useAccounts';

interface Suggestion {
  kind: 'member' | 'donor';
  id: string;
  name: string;
  reason: string;
  receivableIds?: string[];
  openCents?: number;
}
interface Transaction {
  id: string;
  status: string;
  amountCents: number;
  /** only on the single record (a row from a list has none) */
  suggestions?: Suggestion[];
}

const NO_RECORD = {};

const KINDS = ['receivables', 'donation', 'account', 'ignore'];

function Resolve() {
  const translate = useTranslate();
  const tx = useRecordContext<Transaction>();
  const notify = useNotify();
  const refresh = useRefresh();
  const match = useApiAction(translate('dw.bank.resolved'));
  const { data: accounts = [] } = useAccounts();
  if (!tx || tx.status !== 'unmatched') return null;
  const suggestions = tx.suggestions ?? [];
  const members = suggestions.filter((s) => s.kind === 'member' && s.receivableIds?.length);
  const donors = suggestions.filter((s) => s.kind === 'donor');
  const credit = tx.amountCents > 0;
  const submit = async (values: Record<string, unknown>) => {
    const { suggestion, ...rest } = values;
    const member = members.find((m) => m.id === suggestion);
    const body =
      rest.kind === 'receivables'
        ? { kind: 'receivables', receivableIds: member?.receivableIds }
        : rest;
    try {
      await match.mutateAsync({ path: `bank-transactions/${tx.id}/match`, body });
      refresh();
    } catch (e) {
      return (e as { body?: { errors?: Record<string, string> } }).body?.errors ?? {};
    }
    notify('dw.bank.resolved', { type: 'success' });
    return undefined;
  };
  return (
    <Box
      component="section"
      aria-label={translate('dw.bank.resolve')}
      sx={{ mt: 2, width: '100%' }}
    >
      <Typography variant="h6" component="h2">
        {translate('dw.bank.resolve')}
      </Typography>
      <Form
        // the resolution's own values, not the transaction's fields
        record={NO_RECORD}
        onSubmit={submit}
        defaultValues={{
          kind: credit ? (members.length ? 'receivables' : 'donation') : 'account',
          earmark: 'general',
        }}
      >
        <RadioButtonGroupInput
          source="kind"
          label="dw.bank.resolve_as"
          choices={KINDS.filter((k) => credit || (k !== 'receivables' && k !== 'donation')).map(
            (id) => ({
              id,
              name: `dw.bank.kind.${id}`,
            }),
          )}
        />
        <FormDataConsumer<{ kind: string }>>
          {({ formData }) => {
            switch (formData.kind) {
              case 'receivables':
                return members.length ? (
                  <SelectInput
                    source="suggestion"
                    label="dw.bank.member"
                    validate={required()}
                    choices={members.map((m) => ({
                      id: m.id,
                      name: `${m.name} – ${translate('dw.bank.open_cents', { amount: germanAmount(m.openCents ?? 0) })}`,
                    }))}
                  />
                ) : (
                  <Alert severity="info">{translate('dw.bank.no_member')}</Alert>
                );
              case 'donation':
                return (
                  <>
                    {donors.length > 0 && (
                      <Typography variant="body2">
                        {translate('dw.bank.suggested')}: {donors.map((d) => d.name).join(', ')}
                      </Typography>
                    )}
                    <ReferenceInput source="donorId" reference="donors">
                      <AutocompleteInput
                        label="dw.bank.donor"
                        optionText={(d?: MemberLike) => (d ? memberName(d) : '')}
                        validate={required()}
                        sx={{ minWidth: 320 }}
                      />
                    </ReferenceInput>
                    <SelectInput
                      source="earmark"
                      label="dw.bank.earmark"
                      choices={['general', 'purpose'].map((id) => ({
                        id,
                        name: `dw.bank.earmarks.${id}`,
                      }))}
                    />
                  </>
                );
              case 'account':
                return (
                  <>
                    <AutocompleteInput
                      source="account"
                      label="dw.journal.account"
                      choices={accounts.filter((a) => a.isActive)}
                      optionValue="number"
                      optionText={accountLabel}
                      validate={required()}
                      sx={{ minWidth: 320 }}
                    />
                    <TextInput source="note" label="dw.bank.text" />
                  </>
                );
              case 'ignore':
                return (
                  <TextInput
                    source="note"
                    label="dw.bank.why_ignore"
                    validate={required()}
                    fullWidth
                  />
                );
              default:
                return null;
            }
          }}
        </FormDataConsumer>
        <SaveButton label="dw.bank.resolve" alwaysEnable />
      </Form>
    </Box>
  );
}

export function BankTransactionShow() {
  const translate = useTranslate();
  const { permissions } = usePermissions<Permissions>();
  return (
    <Show>
      <SimpleShowLayout>
        <DayField source="bookedOn" />
        <MoneyField source="amountCents" />
        <TextField source="counterpartyName" emptyText="–" />
        <TextField source="counterpartyIban" emptyText="–" />
        <TextField source="remittance" emptyText="–" />
        <TextField source="endToEndId" emptyText="–" />
        <Labeled label="resources.bank-transactions.fields.status">
          <TextField source="status" />
        </Labeled>
        <TextField source="matchedAs" emptyText="–" />
        {permissions?.roles.includes('treasurer') && <Resolve />}
        {!permissions?.roles.includes('treasurer') && (
          <Typography>{translate('dw.bank.treasurer_only')}</Typography>
        )}
      </SimpleShowLayout>
    </Show>
  );
}
