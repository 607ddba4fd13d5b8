import { Alert, Box, Typography } from '@mui/material';
import { useState } from 'react';
import {
  Create,
  RadioButtonGroupInput,
  ReferenceInput,
  SelectInput,
  SimpleForm,
  TextInput,
  maxLength,
  minLength,
  required,
  useNotify,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useFormContext, useWatch } from 'react-hook-form';
import type { Permissions } from '../api/session';
import { useApiProvider, useErrorText } from '../api/useApi';
import { FileDrop } from '../components/FileDrop';
import { AmountInput, IbanInput } from '../format/inputs';

/**
 * The receipt or invoice: dropped, picked or photographed on the phone, uploaded at once
 * to the initiative's documents; the claim then names it.
 */
function DocumentUpload() {
  const translate = useTranslate();
  const api = useApiProvider();
  const notify = useNotify();
  const errorText = useErrorText();
  const { setValue } = useFormContext();
  const initiativeId = useWatch<{ initiativeId?: string }>({ name: 'initiativeId' });
  const [progress, setProgress] = useState<number>();
  const [stored, setStored] = useState<string>();
  const upload = (file: File) => {
    if (!initiativeId) return;
    const form = new FormData();
    form.append('file', file);
    setProgress(0);
    setStored(undefined);
    api
      .upload<{ id: string }>(`initiatives/${initiativeId}/documents`, form, setProgress)
      .then((doc) => {
        setValue('documentId', doc.id, { shouldDirty: true });
        setStored(file.name);
      })
      .catch((e: unknown) => notify(errorText(e), { type: 'error' }))
      .finally(() => setProgress(undefined));
  };
  return (
    <Box sx={{ width: '100%', my: 1 }}>
      <Typography variant="subtitle2" component="h2">
        {translate('dw.claims.document_label')}
      </Typography>
      <FileDrop
        accept="application/pdf,image/jpeg,image/png"
        label={translate('dw.claims.document_hint')}
        onFile={upload}
        progress={progress}
        camera
      />
      {stored && (
        <Alert severity="success" role="status" sx={{ mt: 1 }}>
          {translate('dw.claims.document_stored', { name: stored })}
        </Alert>
      )}
    </Box>
  );
}

/** An initiative submits an expense claim or an invoice, with its document. */
export function ClaimCreate() {
  const { permissions } = usePermissions<Permissions>();
  const own = permissions?.initiativeIds ?? [];
  return (
    <Create redirect="show" sx={{ maxWidth: 720 }}>
      <SimpleForm defaultValues={{ kind: 'reimbursement', initiativeId: own[0] }}>
        <ReferenceInput source="initiativeId" reference="initiatives">
          <SelectInput optionText="name" validate={required()} fullWidth />
        </ReferenceInput>
        <RadioButtonGroupInput
          source="kind"
          choices={['reimbursement', 'invoice'].map((id) => ({ id, name: `dw.claims.kind.${id}` }))}
        />
        <TextInput
          source="description"
          validate={[required(), minLength(3), maxLength(300)]}
          fullWidth
          multiline
        />
        <AmountInput source="amountCents" validate={required()} />
        <TextInput source="payeeName" validate={[required(), maxLength(70)]} fullWidth />
        <IbanInput source="payeeIban" validate={required()} fullWidth />
        <DocumentUpload />
      </SimpleForm>
    </Create>
  );
}
