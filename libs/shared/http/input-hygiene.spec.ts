import 'reflect-metadata';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { cleanInput, cleanQuery, cleanText, pathParameterError } from './input-hygiene';

class AddressDto {
  @ApiProperty() street: string;
  @ApiPropertyOptional({ type: String, nullable: true }) city?: string | null;
}

class PersonDto {
  @ApiProperty() name: string;
  @ApiPropertyOptional({ type: String, nullable: true }) note?: string | null;
  @ApiPropertyOptional() nickname?: string;
  @ApiProperty() password: string;
  @ApiProperty({ type: AddressDto, isArray: true }) addresses: AddressDto[];
  @ApiProperty({ type: String, isArray: true }) tags: string[];
  @ApiPropertyOptional() extra?: Record<string, unknown>;
}

class UpdatePersonDto extends PartialType(PersonDto) {}

const person = (fields: Partial<PersonDto>): PersonDto => Object.assign(new PersonDto(), fields);
const address = (fields: Partial<AddressDto>): AddressDto =>
  Object.assign(new AddressDto(), fields);

describe('input hygiene', () => {
  it('trims text, folds line ends and drops NUL and other control characters', () => {
    expect(cleanText('  Jürgen\u0000 Groß\u0007 ')).toBe('Jürgen Groß');
    expect(cleanText('Zeile 1\r\nZeile 2\rZeile 3\tEnde')).toBe('Zeile 1\nZeile 2\nZeile 3\tEnde');
    expect(cleanText('\u0085\u009f\u007f')).toBe('');
  });

  it('refuses null and empty text unless the field is nullable, which clears it', () => {
    const dto = person({
      name: '  \u0000 ',
      note: '   ',
      nickname: null as unknown as string,
      password: '  secret\u0000  ',
      tags: ['a', ' '],
      addresses: [address({ street: 'Weg 1 ', city: '' }), address({ street: null as never })],
    });
    expect(cleanInput(dto)).toEqual([
      { field: 'name', rule: 'isNotEmpty', message: 'name must not be empty' },
      { field: 'nickname', rule: 'notNull', message: 'nickname must not be null' },
      {
        field: 'addresses.1.street',
        rule: 'notNull',
        message: 'addresses.1.street must not be null',
      },
      { field: 'tags.1', rule: 'isNotEmpty', message: 'tags.1 must not be empty' },
    ]);
    expect(dto.note).toBeNull();
    expect(dto.password).toBe('  secret\u0000  ');
    expect(dto.addresses[0]).toEqual({ street: 'Weg 1', city: null });
  });

  it('keeps the nullable declaration through PartialType, and leaves free-form objects alone', () => {
    const dto: UpdatePersonDto = Object.assign(new UpdatePersonDto(), {
      note: null,
      name: null as unknown as string,
      extra: { anything: null, text: ' x ' },
    });
    expect(cleanInput(dto).map((e) => `${e.field}:${e.rule}`)).toEqual(['name:notNull']);
    expect(dto.extra).toEqual({ anything: null, text: 'x' });
  });

  it('treats an empty query parameter as not given', () => {
    expect(cleanQuery({ from: '', to: ' 2025-01-01 ', q: ['a\u0000', 'b'] })).toEqual({
      to: '2025-01-01',
      q: ['a', 'b'],
    });
  });

  it('checks path ids as UUIDs and path numbers against the integer range', () => {
    expect(pathParameterError('number', '2147483647', Number)).toBeUndefined();
    expect(pathParameterError('number', '2147483648', Number)?.rule).toBe('isInt');
    expect(pathParameterError('periodNo', '1.5', Number)?.rule).toBe('isInt');
    expect(pathParameterError('periodNo', '-1', Number)?.rule).toBe('isInt');
    expect(
      pathParameterError('id', '0190a7c4-2f4e-7c3a-8b1e-2a3b4c5d6e7f', String),
    ).toBeUndefined();
    expect(pathParameterError('donorId', 'abc', String)).toEqual({
      field: 'donorId',
      rule: 'isUuid',
      message: 'donorId must be a UUID',
    });
    expect(pathParameterError('name', 'abc', String)).toBeUndefined();
  });
});
