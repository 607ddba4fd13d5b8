import {
  BooleanField,
  CheckboxGroupInput,
  Create,
  DataTable,
  List,
  SimpleForm,
  TextInput,
  TopToolbar,
  CreateButton,
  email,
  required,
  useNotify,
  useTranslate,
} from 'react-admin';
import { useParams } from 'react-router-dom';
import { useApiProvider, useErrorText } from '../api/useApi';
import { ActionDialog } from '../components/ActionDialog';

const ROLES = ['admin', 'staff', 'treasurer', 'board', 'initiative'];
const roleChoices = ROLES.map((id) => ({ id, name: `dw.roles.${id}` }));

interface User {
  organisations: { organisationId: string; roles: string[] }[];
}

/** Invites an existing account into this organisation with roles (it accepts by e-mail). */
function Invite() {
  const translate = useTranslate();
  const { orgId } = useParams();
  const api = useApiProvider();
  const notify = useNotify();
  const errorText = useErrorText();
  return (
    <ActionDialog
      title={translate('dw.admin.invite')}
      label={translate('dw.admin.invite')}
      submit={(body) =>
        api
          .callGlobal('POST', 'users/invitations', { body: { ...body, organisationId: orgId } })
          .then(
            () => notify('dw.admin.invited', { type: 'success' }),
            (e: unknown) => {
              notify(errorText(e), { type: 'error' });
              throw e;
            },
          )
      }
    >
      <TextInput
        source="email"
        label="resources.users.fields.email"
        validate={[required(), email()]}
        fullWidth
      />
      <CheckboxGroupInput
        source="roles"
        label="dw.admin.roles"
        choices={roleChoices}
        validate={required()}
      />
    </ActionDialog>
  );
}

export function UserList() {
  const translate = useTranslate();
  const { orgId } = useParams();
  return (
    <List
      exporter={false}
      perPage={50}
      actions={
        <TopToolbar>
          <CreateButton />
          <Invite />
        </TopToolbar>
      }
    >
      <DataTable bulkActionButtons={false} rowClick={false}>
        <DataTable.Col source="name" disableSort />
        <DataTable.Col source="email" disableSort />
        <DataTable.Col
          label="dw.admin.roles"
          render={(u: User) =>
            (u.organisations.find((o) => o.organisationId === orgId)?.roles ?? [])
              .map((r) => translate(`dw.roles.${r}`))
              .join(', ')
          }
        />
        <DataTable.Col source="isActive" disableSort field={BooleanField} />
      </DataTable>
    </List>
  );
}

/** A new account with roles here; its holder sets the password through a one-time link. */
export function UserCreate() {
  const { orgId } = useParams();
  return (
    <Create
      redirect="list"
      transform={({ roles, ...values }: { roles?: string[] }) => ({
        ...values,
        organisations: [{ organisationId: orgId, roles: roles ?? [] }],
      })}
    >
      <SimpleForm>
        <TextInput source="email" validate={[required(), email()]} fullWidth />
        <TextInput source="name" validate={required()} fullWidth />
        <CheckboxGroupInput source="roles" label="dw.admin.roles" choices={roleChoices} />
      </SimpleForm>
    </Create>
  );
}
