import { Button, Dialog, DialogActions, DialogContent, DialogTitle } from '@mui/material';
import { useState, type ReactNode } from 'react';
import { Form, SaveButton, useTranslate } from 'react-admin';

const NO_RECORD = {};

/** A dialog with its own small form; the server's field errors land on its inputs. */
export function ActionDialog({
  title,
  label,
  children,
  submit,
}: {
  title: string;
  label: string;
  children: ReactNode;
  submit: (values: Record<string, unknown>) => Promise<unknown>;
}) {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        {label}
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <Form
          // its own values only: not the record of the page it opens on
          record={NO_RECORD}
          onSubmit={async (values: Record<string, unknown>) => {
            try {
              await submit(values);
              setOpen(false);
            } catch (e) {
              return (e as { body?: { errors?: Record<string, string> } }).body?.errors ?? {};
            }
          }}
        >
          <DialogTitle>{title}</DialogTitle>
          <DialogContent>{children}</DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(false)}>{translate('ra.action.cancel')}</Button>
            <SaveButton label={label} alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
}
