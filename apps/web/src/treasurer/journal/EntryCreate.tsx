import { Alert, Box } from '@mui/material';
import { germanAmount } from '@dachwerk/formats';
import {
  ArrayInput,
  AutocompleteInput,
  Create,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  maxLength,
  required,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import { DayInput, AmountInput } from '../../format/inputs';
import { accountLabel, useAccounts } from '../accounts/useAccounts';
import { difference, toPostedLines, type EditorLine } from './balance';

const SPHERES = [1, 2, 3, 4].map((id) => ({ id, name: `dw.journal.spheres.${id}` }));

/** Debit and credit so far, while typing: the entry posts only when they are equal. */
function Difference() {
  const translate = useTranslate();
  const lines = useWatch<{ lines: EditorLine[] }, 'lines'>({ name: 'lines' });
  const diff = difference(lines);
  return (
    <Alert
      severity={diff === 0 ? 'success' : 'warning'}
      role="status"
      aria-live="polite"
      sx={{ my: 1 }}
    >
      {diff === 0
        ? translate('dw.journal.balanced')
        : translate('dw.journal.difference', {
            amount: germanAmount(Math.abs(diff)),
            side: translate(diff > 0 ? 'dw.journal.more_debit' : 'dw.journal.more_credit'),
          })}
    </Alert>
  );
}

function AccountInput() {
  const { data: accounts = [] } = useAccounts();
  return (
    <AutocompleteInput
      source="account"
      label="dw.journal.account"
      choices={accounts.filter((a) => a.isActive)}
      optionValue="number"
      optionText={accountLabel}
      validate={required()}
      sx={{ minWidth: 280 }}
    />
  );
}

interface Values {
  lines?: EditorLine[];
  [field: string]: unknown;
}

const validate = (values: Values) => {
  const errors: Record<string, string> = {};
  const diff = difference(values.lines);
  if (diff !== 0) errors.lines = 'dw.journal.unbalanced';
  (values.lines ?? []).forEach((l, i) => {
    const both = (l.debitCents ?? 0) > 0 && (l.creditCents ?? 0) > 0;
    const none = !(l.debitCents ?? 0) && !(l.creditCents ?? 0);
    if (both || none) errors[`lines.${i}.debitCents`] = 'dw.journal.one_side';
  });
  return errors;
};

/** A manual entry: any number of lines, the difference shown while typing. */
export function EntryCreate() {
  const translate = useTranslate();
  return (
    <Create
      redirect="show"
      transform={({ description, ...values }: Values) => ({
        ...values,
        // an empty description is left out (the API refuses empty text rather than store it)
        ...(typeof description === 'string' && description.trim() ? { description } : {}),
        lines: toPostedLines(values.lines ?? []),
      })}
    >
      <SimpleForm validate={validate} defaultValues={{ lines: [{}, {}] }}>
        <Box
          sx={{
            display: 'grid',
            gridTemplateColumns: { sm: 'repeat(4, 1fr)' },
            columnGap: 2,
            width: '100%',
          }}
        >
          <DayInput source="bookedOn" validate={required()} />
          <DayInput source="documentOn" validate={required()} />
          <TextInput source="documentNo" validate={[required(), maxLength(36)]} />
          <TextInput source="text" validate={[required(), maxLength(60)]} />
        </Box>
        <TextInput source="description" multiline fullWidth />
        <ArrayInput source="lines" label={translate('dw.journal.lines')}>
          <SimpleFormIterator inline disableReordering>
            <AccountInput />
            <AmountInput source="debitCents" label="dw.journal.debit" />
            <AmountInput source="creditCents" label="dw.journal.credit" />
            <SelectInput
              source="sphere"
              label="dw.journal.sphere"
              choices={SPHERES}
              emptyText="–"
            />
            <TextInput source="costCentre" label="dw.journal.cost_centre" />
          </SimpleFormIterator>
        </ArrayInput>
        <Difference />
      </SimpleForm>
    </Create>
  );
}
