import { MenuItem, TextField } from '@mui/material';
import { useEffect, useState } from 'react';
import { useDataProvider, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import type { DachwerkDataProvider } from '../api/dataProvider';
import { currentMe } from '../api/session';
import { useOrgId } from '../api/useOrgId';

interface Organisation {
  id: string;
  name: string;
}

/** The organisation is part of the URL (`/o/<id>/…`); switching goes to the other's start page. */
export function OrganisationSwitcher() {
  const dataProvider = useDataProvider<DachwerkDataProvider>();
  const translate = useTranslate();
  const navigate = useNavigate();
  const orgId = useOrgId();
  const [organisations, setOrganisations] = useState<Organisation[]>([]);

  useEffect(() => {
    let live = true;
    dataProvider
      .callGlobal<{ items: Organisation[] }>('GET', 'organisations', { query: { pageSize: 200 } })
      .then((page) => live && setOrganisations(page.items))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [dataProvider]);

  const bound = new Set(currentMe()?.organisations.map((o) => o.organisationId));
  const choices = organisations.filter((o) => bound.has(o.id) || currentMe()?.isPlatformAdmin);
  if (choices.length < 2) {
    const only = choices[0];
    return only ? <span className="dw-org-name">{only.name}</span> : null;
  }
  return (
    <TextField
      select
      size="small"
      label={translate('dw.org.switch')}
      value={orgId}
      onChange={(event) => void navigate(`/o/${event.target.value}/`)}
      sx={{
        minWidth: 260,
        '& .MuiInputBase-root': { color: 'inherit', backgroundColor: 'rgba(255,255,255,0.12)' },
        '& .MuiInputLabel-root': { color: 'inherit' },
        '& .MuiSvgIcon-root': { color: 'inherit' },
      }}
    >
      {choices.map((o) => (
        <MenuItem key={o.id} value={o.id}>
          {o.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
