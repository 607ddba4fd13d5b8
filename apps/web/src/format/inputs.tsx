import { germanAmount, germanDate, parseDayInput, parseEuroToCents } from '@dachwerk/formats';
import { electronicFormatIBAN, friendlyFormatIBAN, isValidIBAN } from 'ibantools';
import { useTranslate } from 'react-admin';
import { TextBackedInput, type TextBackedInputProps } from './TextBackedInput';

type Props = Omit<TextBackedInputProps<never>, 'toText' | 'fromText' | 'invalidMessage'>;

/** "1.234,56 €" without the sign: what people type into an amount field. */
export const centsAsText = (cents: number): string => germanAmount(cents).replace(/\s?€$/, '');

/**
 * An amount typed the German way ("1.234,56", also "1234.56") held as integer cents,
 * parsed by string arithmetic (the same function the API uses for CSV files).
 */
export function AmountInput({
  allowNegative = false,
  ...props
}: Props & { allowNegative?: boolean }) {
  const translate = useTranslate();
  return (
    <TextBackedInput<number>
      {...props}
      toText={centsAsText}
      fromText={(text) => {
        const cents = parseEuroToCents(text);
        return cents === undefined || (!allowNegative && cents < 0) ? undefined : cents;
      }}
      invalidMessage={translate('dw.amount.invalid')}
      inputMode="decimal"
      placeholder="0,00"
    />
  );
}

/** A calendar day typed as TT.MM.JJJJ, held as ISO (YYYY-MM-DD) like the API takes it. */
export function DayInput(props: Props) {
  const translate = useTranslate();
  return (
    <TextBackedInput<string>
      {...props}
      toText={germanDate}
      fromText={parseDayInput}
      invalidMessage={translate('dw.date.invalid')}
      placeholder={translate('dw.date.placeholder')}
      inputMode="numeric"
    />
  );
}

/** An IBAN grouped in fours while typing and checked (ibantools, as the API does). */
export function IbanInput(props: Props) {
  const translate = useTranslate();
  return (
    <TextBackedInput<string>
      {...props}
      toText={(iban) => friendlyFormatIBAN(iban) ?? iban}
      display={(text) => {
        const compact = electronicFormatIBAN(text) ?? '';
        return (compact.match(/.{1,4}/g) ?? []).join(' ');
      }}
      fromText={(text) => {
        const iban = electronicFormatIBAN(text) ?? '';
        return isValidIBAN(iban) ? iban : undefined;
      }}
      invalidMessage={translate('dw.iban.invalid')}
      placeholder="DE.. .... .... .... .... .."
    />
  );
}
