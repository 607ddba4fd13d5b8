import { Button, Chip, Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { germanDate } from '@dachwerk/formats';
import {
  DataTable,
  List,
  TopToolbar,
  required,
  usePermissions,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import type { Permissions } from '../../api/session';
import { useApiAction } from '../../api/useApi';
import { ActionDialog } from '../../components/ActionDialog';
import { DayField } from '../../format/fields';
import { DayInput } from '../../format/inputs';

interface Period {
  periodNo: number;
  startsOn: string;
  endsOn: string;
  closedAt: string | null;
}
interface FiscalYear {
  id: string;
  startsOn: string;
  endsOn: string;
  closedAt: string | null;
  periods: Period[];
}

const useTreasurer = () =>
  usePermissions<Permissions>().permissions?.roles.includes('treasurer') ?? false;

/** The months of a year; only the first open one can be closed (periods close in order). */
function Periods() {
  const translate = useTranslate();
  const year = useRecordContext<FiscalYear>();
  const treasurer = useTreasurer();
  const close = useApiAction(translate('dw.fiscal.period_closed'));
  if (!year) return null;
  const firstOpen = year.periods.find((p) => !p.closedAt)?.periodNo;
  return (
    <Table size="small" aria-label={translate('dw.fiscal.periods')}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('dw.fiscal.period')}</TableCell>
          <TableCell>{translate('dw.fiscal.from_to')}</TableCell>
          <TableCell>{translate('resources.fiscal-years.fields.status')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {year.periods.map((p) => (
          <TableRow key={p.periodNo}>
            <TableCell>{p.periodNo}</TableCell>
            <TableCell>
              {germanDate(p.startsOn)} – {germanDate(p.endsOn)}
            </TableCell>
            <TableCell>
              <Chip
                size="small"
                label={translate(p.closedAt ? 'dw.fiscal.closed' : 'dw.fiscal.open')}
                color={p.closedAt ? 'default' : 'success'}
                variant="outlined"
              />
            </TableCell>
            <TableCell align="right">
              {treasurer && p.periodNo === firstOpen && (
                <Button
                  size="small"
                  disabled={close.isPending}
                  onClick={() =>
                    close.mutate({
                      path: `ledger/fiscal-years/${year.id}/periods/${p.periodNo}/close`,
                    })
                  }
                >
                  {translate('dw.fiscal.close_period', { period: p.periodNo })}
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function Actions() {
  const translate = useTranslate();
  const treasurer = useTreasurer();
  const open = useApiAction(translate('dw.fiscal.year_opened'));
  return (
    <TopToolbar>
      {treasurer && (
        <ActionDialog
          title={translate('dw.fiscal.new_year')}
          label={translate('dw.fiscal.new_year')}
          submit={(body) => open.mutateAsync({ path: 'ledger/fiscal-years', body })}
        >
          <DayInput
            source="startsOn"
            label="resources.fiscal-years.fields.startsOn"
            validate={required()}
          />
          <DayInput source="endsOn" label="resources.fiscal-years.fields.endsOn" />
        </ActionDialog>
      )}
    </TopToolbar>
  );
}

export function FiscalYearList() {
  const translate = useTranslate();
  return (
    <List actions={<Actions />} exporter={false} perPage={25}>
      <DataTable bulkActionButtons={false} rowClick="expand" expand={<Periods />}>
        <DataTable.Col source="startsOn" disableSort field={DayField} />
        <DataTable.Col source="endsOn" disableSort field={DayField} />
        <DataTable.Col
          source="status"
          disableSort
          render={(y: FiscalYear) => translate(y.closedAt ? 'dw.fiscal.closed' : 'dw.fiscal.open')}
        />
      </DataTable>
    </List>
  );
}
