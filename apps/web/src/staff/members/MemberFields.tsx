import { Box } from '@mui/material';
import { BooleanInput, FormDataConsumer, TextInput, email, maxLength, required } from 'react-admin';

/** Name, address and contact of a member: the same in the admission wizard and the edit form. */
export function MemberFields({ kindFixed }: { kindFixed?: 'person' | 'organisation' }) {
  return (
    <FormDataConsumer<{ kind?: string }>>
      {({ formData }) => {
        const kind = kindFixed ?? formData.kind;
        return (
          <Box sx={{ display: 'grid', gridTemplateColumns: { sm: '1fr 1fr' }, columnGap: 2 }}>
            {kind === 'organisation' ? (
              <>
                <TextInput source="organisationName" validate={[required(), maxLength(200)]} />
                <TextInput source="contactPerson" validate={maxLength(200)} />
              </>
            ) : (
              <>
                <TextInput source="firstName" validate={maxLength(100)} />
                <TextInput source="lastName" validate={[required(), maxLength(100)]} />
              </>
            )}
            <TextInput source="street" sx={{ gridColumn: { sm: '1 / 3' } }} />
            <TextInput source="postalCode" />
            <TextInput source="city" />
            <TextInput source="email" type="email" validate={email()} />
            <TextInput source="phone" type="tel" />
            <BooleanInput source="consentsToEmail" />
            <BooleanInput source="consentsToPublication" />
          </Box>
        );
      }}
    </FormDataConsumer>
  );
}
