import { Box, Button, Card, CardContent, Typography } from '@mui/material';
import { germanAmount, germanDate } from '@dachwerk/formats';
import {
  ArrayInput,
  DataTable,
  List,
  Form,
  NumberInput,
  ResourceContextProvider,
  SaveButton,
  SimpleFormIterator,
  TextInput,
  Title,
  required,
  useCreatePath,
  usePermissions,
  useTranslate,
} from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { Permissions } from '../../api/session';
import { useApi, useApiAction } from '../../api/useApi';
import { DayField } from '../../format/fields';
import { SimpleTable } from '../../components/SimpleTable';
import { AmountInput } from '../../format/inputs';

interface Level {
  level: number;
  daysOverdue: number;
  feeCents: number;
  title: string;
}

interface Candidate {
  memberId: string;
  memberNo: string;
  memberName: string;
  openCents: number;
  oldestDueOn: string;
  lastDunnedOn: string | null;
}

function Levels({ mayEdit }: { mayEdit: boolean }) {
  const translate = useTranslate();
  const { data } = useApi<{ items: Level[] } | Level[]>('dunning-levels', { pageSize: 20 });
  const save = useApiAction(translate('dw.common.saved'));
  const levels = Array.isArray(data) ? data : (data?.items ?? []);
  if (!data) return null;
  return (
    <ResourceContextProvider value="dunning-runs">
      <Form
        key={JSON.stringify(levels)}
        defaultValues={{ levels }}
        disabled={!mayEdit}
        onSubmit={async (values: Record<string, unknown>) => {
          try {
            await save.mutateAsync({ method: 'PUT', path: 'dunning-levels', body: values });
          } catch (e) {
            return (e as { body?: { errors?: Record<string, string> } }).body?.errors ?? {};
          }
        }}
      >
        <ArrayInput source="levels" label="dw.dunning.levels">
          <SimpleFormIterator inline disableReordering>
            <NumberInput
              source="level"
              label="resources.receivables.fields.dunningLevel"
              validate={required()}
            />
            <NumberInput
              source="daysOverdue"
              label="dw.dunning.days_overdue"
              validate={required()}
            />
            <AmountInput source="feeCents" label="dw.dunning.fee" validate={required()} />
            <TextInput source="title" label="dw.dunning.level_title" validate={required()} />
          </SimpleFormIterator>
        </ArrayInput>
        {mayEdit && <SaveButton />}
      </Form>
    </ResourceContextProvider>
  );
}

function ExclusionCandidates() {
  const translate = useTranslate();
  const { data } = useApi<Candidate[] | { items: Candidate[] }>('dunning/exclusion-candidates');
  const rows = Array.isArray(data) ? data : (data?.items ?? []);
  return (
    <Box sx={{ mt: 3 }}>
      <Typography variant="h6" component="h2">
        {translate('dw.dunning.candidates')}
      </Typography>
      <SimpleTable
        rows={rows}
        rowKey={(c) => c.memberId}
        columns={[
          { label: 'resources.members.fields.memberNo', render: (c) => c.memberNo },
          { label: 'resources.members.fields.name', render: (c) => c.memberName },
          { label: 'dw.dunning.open', render: (c) => germanAmount(c.openCents), align: 'right' },
          { label: 'dw.dunning.oldest_due', render: (c) => germanDate(c.oldestDueOn) },
        ]}
      />
    </Box>
  );
}

/** Dunning: the levels, a new run (treasurer), and members past the last level. */
export function DunningPage() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const { permissions } = usePermissions<Permissions>();
  const treasurer = permissions?.roles.includes('treasurer') ?? false;
  const start = useApiAction<{ id: string }>(translate('dw.dunning.started'));
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate('dw.dunning.title')} />
      <CardContent>
        {treasurer && (
          <Button
            variant="contained"
            disabled={start.isPending}
            onClick={() =>
              start.mutate(
                { path: 'dunning-runs', body: {} },
                {
                  onSuccess: (run) =>
                    void navigate(
                      createPath({ resource: 'dunning-runs', type: 'show', id: run.id }),
                    ),
                },
              )
            }
            sx={{ mb: 2 }}
          >
            {translate('dw.dunning.start')}
          </Button>
        )}
        <Levels mayEdit={treasurer} />
        <Box sx={{ mt: 3 }}>
          <Typography variant="h6" component="h2">
            {translate('resources.dunning-runs.name', { smart_count: 2 })}
          </Typography>
          <List
            resource="dunning-runs"
            disableSyncWithLocation
            exporter={false}
            actions={false}
            perPage={10}
            title=" "
          >
            <DataTable rowClick="show" bulkActionButtons={false}>
              <DataTable.Col source="runOn" disableSort field={DayField} />
              <DataTable.Col source="noticeCount" disableSort align="right" />
            </DataTable>
          </List>
        </Box>
        <ExclusionCandidates />
      </CardContent>
    </Card>
  );
}
