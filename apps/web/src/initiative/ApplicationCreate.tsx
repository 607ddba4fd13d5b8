import { Alert } from '@mui/material';
import { germanAmount } from '@dachwerk/formats';
import {
  ArrayInput,
  Create,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  maxLength,
  minLength,
  required,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { Permissions } from '../api/session';
import { AmountInput } from '../format/inputs';

interface CostLine {
  amountCents?: number | null;
}

/** The cost plan's total while typing, next to what is asked for. */
function PlanTotal() {
  const translate = useTranslate();
  const lines = useWatch<{ costLines?: CostLine[] }, 'costLines'>({ name: 'costLines' });
  const total = (lines ?? []).reduce(
    (sum, l) => sum + (Number.isSafeInteger(l?.amountCents) ? Number(l.amountCents) : 0),
    0,
  );
  return (
    <Alert severity="info" role="status" aria-live="polite" sx={{ my: 1 }}>
      {translate('dw.applications.plan_total', { amount: germanAmount(total) })}
    </Alert>
  );
}

/** An initiative applies to a programme: what for, how much, and the cost plan line by line. */
export function ApplicationCreate() {
  const { permissions } = usePermissions<Permissions>();
  return (
    <Create redirect="show" sx={{ maxWidth: 900 }}>
      <SimpleForm defaultValues={{ initiativeId: permissions?.initiativeIds[0], costLines: [{}] }}>
        <ReferenceInput source="programmeId" reference="programmes">
          <SelectInput optionText="name" validate={required()} fullWidth />
        </ReferenceInput>
        <ReferenceInput source="initiativeId" reference="initiatives">
          <SelectInput optionText="name" validate={required()} fullWidth />
        </ReferenceInput>
        <TextInput source="title" validate={[required(), minLength(3), maxLength(200)]} fullWidth />
        <TextInput
          source="description"
          validate={[required(), minLength(10), maxLength(10_000)]}
          multiline
          minRows={3}
          fullWidth
        />
        <AmountInput source="requestedCents" validate={required()} />
        <AmountInput source="ownShareCents" />
        <ArrayInput source="costLines" label="dw.applications.cost_plan">
          <SimpleFormIterator inline disableReordering>
            <TextInput
              source="category"
              label="dw.applications.category"
              validate={[required(), maxLength(60)]}
            />
            <TextInput
              source="description"
              label="resources.applications.fields.description"
              validate={[required(), maxLength(300)]}
            />
            <AmountInput
              source="amountCents"
              label="resources.applications.fields.amountCents"
              validate={required()}
            />
          </SimpleFormIterator>
        </ArrayInput>
        <PlanTotal />
      </SimpleForm>
    </Create>
  );
}
