import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';

export interface Column<T> {
  /** A catalogue key. */
  label: string;
  render: (row: T) => ReactNode;
  align?: 'left' | 'right';
}

/** A read-only table of rows the API returned whole (previews, histories, error lists). */
export function SimpleTable<T>({
  columns,
  rows,
  label,
  rowKey = (_row, index) => index,
}: {
  columns: Column<T>[];
  rows: T[];
  /** A catalogue key naming the table for screen readers. */
  label?: string;
  rowKey?: (row: T, index: number) => string | number;
}) {
  const translate = useTranslate();
  return (
    <Table size="small" aria-label={label ? translate(label) : undefined} sx={{ mt: 1 }}>
      <TableHead>
        <TableRow>
          {columns.map((c, i) => (
            <TableCell key={i} align={c.align}>
              {c.label ? translate(c.label) : ''}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map((row, index) => (
          <TableRow key={rowKey(row, index)}>
            {columns.map((c, i) => (
              <TableCell key={i} align={c.align}>
                {c.render(row)}
              </TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
