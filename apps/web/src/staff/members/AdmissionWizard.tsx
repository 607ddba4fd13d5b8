import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Step,
  StepLabel,
  Stepper,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import {
  BooleanInput,
  Form,
  FormDataConsumer,
  RadioButtonGroupInput,
  ReferenceInput,
  SaveButton,
  SelectInput,
  TextInput,
  Title,
  required,
  useCreatePath,
  useNotify,
  useTranslate,
} from 'react-admin';
import { useFormContext } from 'react-hook-form';
import { useNavigate } from 'react-router-dom';
import { ApiError } from '../../api/http';
import { useApiProvider } from '../../api/useApi';
import { DayInput, IbanInput } from '../../format/inputs';
import { MemberFields } from './MemberFields';
import { memberName } from './memberName';

const STEPS = ['person', 'tier', 'mandate', 'check'] as const;
type StepName = (typeof STEPS)[number];

/** Which fields each step holds, so a server error takes the user back to its step. */
const STEP_OF: Record<string, StepName> = {
  kind: 'person',
  firstName: 'person',
  lastName: 'person',
  organisationName: 'person',
  contactPerson: 'person',
  street: 'person',
  postalCode: 'person',
  city: 'person',
  email: 'person',
  phone: 'person',
  memberNo: 'tier',
  tierId: 'tier',
  joinedOn: 'tier',
  reduced: 'tier',
  'mandate.debtorName': 'mandate',
  'mandate.iban': 'mandate',
  'mandate.bic': 'mandate',
  'mandate.signedOn': 'mandate',
};

const STEP_FIELDS: Record<StepName, string[]> = {
  person: ['kind', 'firstName', 'lastName', 'organisationName', 'email', 'postalCode'],
  tier: ['memberNo', 'tierId', 'joinedOn'],
  mandate: ['mandate.debtorName', 'mandate.iban', 'mandate.bic', 'mandate.signedOn'],
  check: [],
};

interface Values {
  kind: 'person' | 'organisation';
  withMandate?: boolean;
  mandate?: { debtorName?: string; iban?: string; bic?: string; signedOn?: string };
  [field: string]: unknown;
}

function StepButtons({ step, setStep }: { step: number; setStep: (n: number) => void }) {
  const translate = useTranslate();
  const form = useFormContext();
  const next = async () => {
    if (!(await form.trigger(STEP_FIELDS[STEPS[step]]))) return;
    // The account holder is usually the member: proposed once the name is known.
    if (STEPS[step + 1] === 'mandate' && !form.getValues('mandate.debtorName')) {
      form.setValue('mandate.debtorName', memberName(form.getValues() as never));
    }
    setStep(step + 1);
  };
  return (
    <Box sx={{ display: 'flex', gap: 1, mt: 2 }}>
      {step > 0 && <Button onClick={() => setStep(step - 1)}>{translate('dw.wizard.back')}</Button>}
      {step < STEPS.length - 1 ? (
        <Button variant="contained" onClick={() => void next()}>
          {translate('dw.wizard.next')}
        </Button>
      ) : (
        <SaveButton label="dw.admission.admit" alwaysEnable />
      )}
    </Box>
  );
}

function Summary() {
  const translate = useTranslate();
  return (
    <FormDataConsumer<Values>>
      {({ formData }) => (
        <Box>
          <Typography>
            {translate('dw.admission.summary_member', {
              name: memberName(formData as never),
            })}
          </Typography>
          <Typography>
            {formData.withMandate
              ? translate('dw.admission.summary_mandate', { iban: formData.mandate?.iban ?? '' })
              : translate('dw.admission.summary_no_mandate')}
          </Typography>
        </Box>
      )}
    </FormDataConsumer>
  );
}

/**
 * Admission in one flow: the member with address and tier, then (optionally) the SEPA
 * mandate. If the mandate is refused after the member was admitted, a second try only
 * creates the mandate; every input stays where it was.
 */
export function AdmissionWizard() {
  const translate = useTranslate();
  const api = useApiProvider();
  const notify = useNotify();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const [step, setStep] = useState(0);
  const [admittedId, setAdmittedId] = useState<string>();

  const submit = async (values: Record<string, unknown>) => {
    const { withMandate, mandate, ...member } = values as Values;
    try {
      let id = admittedId;
      if (!id) {
        const created = await api.create<{ id: string }>('members', { data: member });
        id = String(created.data.id);
        setAdmittedId(id);
      }
      if (withMandate) {
        try {
          await api.call('POST', 'mandates', { body: { ...mandate, memberId: id } });
        } catch (e) {
          if (e instanceof ApiError) {
            // the mandate's fields sit below `mandate.` in this form
            const errors = Object.fromEntries(
              Object.entries((e.body as { errors: Record<string, string> }).errors).map(
                ([k, v]) => [`mandate.${k}`, v],
              ),
            );
            setStep(STEPS.indexOf('mandate'));
            notify(e.message, { type: 'error' });
            return errors;
          }
          throw e;
        }
      }
      notify('dw.admission.done', { type: 'success' });
      void navigate(createPath({ resource: 'members', type: 'show', id }));
    } catch (e) {
      if (e instanceof ApiError) {
        const errors = (e.body as { errors: Record<string, string> }).errors;
        const first = Object.keys(errors)
          .map((f) => STEP_OF[f])
          .find(Boolean);
        setStep(first ? STEPS.indexOf(first) : 0);
        notify(e.message, { type: 'error' });
        return errors;
      }
      throw e;
    }
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dw.admission.title')} />
      <CardContent>
        <Stepper activeStep={step} sx={{ mb: 3 }}>
          {STEPS.map((s) => (
            <Step key={s}>
              <StepLabel>{translate(`dw.admission.step.${s}`)}</StepLabel>
            </Step>
          ))}
        </Stepper>
        {admittedId && (
          <Alert severity="info" sx={{ mb: 2 }}>
            {translate('dw.admission.member_exists')}
          </Alert>
        )}
        <Form
          resource="members"
          onSubmit={submit}
          defaultValues={{ kind: 'person', withMandate: true, reduced: false }}
        >
          <Box sx={{ display: step === 0 ? 'block' : 'none' }}>
            <RadioButtonGroupInput
              source="kind"
              choices={[
                { id: 'person', name: 'dw.members.kind.person' },
                { id: 'organisation', name: 'dw.members.kind.organisation' },
              ]}
              disabled={!!admittedId}
            />
            <MemberFields />
          </Box>
          <Box sx={{ display: step === 1 ? 'block' : 'none' }}>
            <ReferenceInput source="tierId" reference="tiers">
              <SelectInput optionText="name" validate={required()} />
            </ReferenceInput>
            <DayInput source="joinedOn" validate={required()} />
            <BooleanInput source="reduced" />
            <TextInput source="memberNo" helperText="dw.admission.member_no_help" />
          </Box>
          <Box sx={{ display: step === 2 ? 'block' : 'none' }}>
            <BooleanInput source="withMandate" label="dw.admission.with_mandate" />
            <FormDataConsumer<Values>>
              {({ formData }) =>
                formData.withMandate && (
                  <Box
                    sx={{ display: 'grid', gridTemplateColumns: { sm: '1fr 1fr' }, columnGap: 2 }}
                  >
                    <TextInput
                      source="mandate.debtorName"
                      label="resources.mandates.fields.debtorName"
                      validate={required()}
                    />
                    <IbanInput
                      source="mandate.iban"
                      label="resources.mandates.fields.iban"
                      validate={required()}
                    />
                    <TextInput source="mandate.bic" label="resources.mandates.fields.bic" />
                    <DayInput
                      source="mandate.signedOn"
                      label="resources.mandates.fields.signedOn"
                      validate={required()}
                    />
                  </Box>
                )
              }
            </FormDataConsumer>
          </Box>
          <Box sx={{ display: step === 3 ? 'block' : 'none' }}>
            <Summary />
          </Box>
          <StepButtons step={step} setStep={setStep} />
        </Form>
      </CardContent>
    </Card>
  );
}
