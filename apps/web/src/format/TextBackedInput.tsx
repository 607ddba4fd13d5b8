import { TextField } from '@mui/material';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  FieldTitle,
  useInput,
  useResourceContext,
  useTranslate,
  type InputProps,
  type Validator,
} from 'react-admin';

/** What the form holds while the typed text is no valid value yet (validation refuses it). */
export interface InvalidText {
  invalid: string;
}

const isInvalid = (value: unknown): value is InvalidText =>
  typeof value === 'object' && value !== null && 'invalid' in value;

export interface TextBackedInputProps<T> extends Omit<InputProps, 'format' | 'parse'> {
  /** The value as people read it ("1.234,56", "02.03.2026", "DE89 3704 …"). */
  toText: (value: T) => string;
  /** The typed text as a value, or undefined when it is none. */
  fromText: (text: string) => T | undefined;
  /** How the text looks while typing (e.g. an IBAN grouped in fours). */
  display?: (text: string) => string;
  invalidMessage: string;
  placeholder?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
  helperText?: ReactNode;
  fullWidth?: boolean;
}

/**
 * An input that keeps exactly what the user typed and gives the form the parsed value:
 * no reformatting under the cursor, no float in between, and a refused form keeps the text.
 */
export function TextBackedInput<T>(props: TextBackedInputProps<T>) {
  const {
    toText,
    fromText,
    display = (t: string) => t,
    invalidMessage,
    placeholder,
    inputMode,
    helperText,
    fullWidth,
    label,
    source,
    validate,
    ...rest
  } = props;
  const translate = useTranslate();
  const resource = useResourceContext(props);
  const checkTyped: Validator = (value: unknown) => (isInvalid(value) ? invalidMessage : undefined);
  const validators = [
    checkTyped,
    ...(Array.isArray(validate) ? validate : validate ? [validate] : []),
  ];
  const {
    field,
    fieldState: { error, invalid },
    formState: { isSubmitted },
    isRequired,
  } = useInput({ ...rest, source, validate: validators });
  const value = field.value as T | InvalidText | null | undefined;
  const [text, setText] = useState(() =>
    value === null || value === undefined || value === ''
      ? ''
      : isInvalid(value)
        ? value.invalid
        : toText(value),
  );
  const typed = useRef(text);

  // A value set from outside (record loaded, form reset) replaces the text.
  useEffect(() => {
    if (isInvalid(value)) return;
    const empty = value === null || value === undefined || (value as unknown) === '';
    const current = typed.current.trim() === '' ? undefined : fromText(typed.current);
    if (empty ? typed.current.trim() !== '' : current !== value) {
      const next = empty ? '' : toText(value);
      typed.current = next;
      setText(next);
    }
  }, [value, fromText, toText]);

  const onChange = (raw: string) => {
    const next = display(raw);
    typed.current = next;
    setText(next);
    if (next.trim() === '') field.onChange(null);
    else {
      const parsed = fromText(next);
      field.onChange(parsed === undefined ? { invalid: next } : parsed);
    }
  };

  const showError = invalid && (isSubmitted || !!error?.message);
  return (
    <TextField
      id={`${resource ?? 'form'}-${field.name}`}
      name={field.name}
      inputRef={field.ref}
      value={text}
      onChange={(e) => onChange(e.target.value)}
      onBlur={() => {
        const parsed = typed.current.trim() ? fromText(typed.current) : undefined;
        if (parsed !== undefined) {
          const pretty = toText(parsed);
          typed.current = pretty;
          setText(pretty);
        }
        field.onBlur();
      }}
      label={
        label === false ? undefined : (
          <FieldTitle label={label} source={source} resource={resource} isRequired={isRequired} />
        )
      }
      placeholder={placeholder}
      error={showError}
      helperText={
        showError && error?.message ? translate(error.message, { _: error.message }) : helperText
      }
      fullWidth={fullWidth}
      size="small"
      margin="dense"
      slotProps={{ htmlInput: { inputMode, autoComplete: 'off' } }}
    />
  );
}
