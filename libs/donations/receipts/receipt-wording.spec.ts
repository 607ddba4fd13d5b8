import { excludesFeeDeduction, purposesAfterFoerderung, taxOfficePlace } from './receipt-wording';

describe('receipt wording: data fitted into the BMF template', () => {
  it('takes purposes with or without their leading "Förderung"', () => {
    expect(purposesAfterFoerderung(['Förderung des Sports (§ 52 Abs. 2 Nr. 21 AO)'])).toBe(
      'des Sports (§ 52 Abs. 2 Nr. 21 AO)',
    );
    expect(purposesAfterFoerderung(['des bürgerschaftlichen Engagements'])).toBe(
      'des bürgerschaftlichen Engagements',
    );
    expect(
      purposesAfterFoerderung([
        'die Förderung der Jugend- und Altenhilfe',
        'Förderung von Kunst und Kultur',
        'des Naturschutzes',
      ]),
    ).toBe('der Jugend- und Altenhilfe, von Kunst und Kultur sowie des Naturschutzes');
  });

  it('names the tax office once: "des Finanzamtes Stuttgart", whatever was recorded', () => {
    expect(taxOfficePlace('Finanzamt Stuttgart-Körperschaften')).toBe('Stuttgart-Körperschaften');
    expect(taxOfficePlace('Stuttgart-Körperschaften')).toBe('Stuttgart-Körperschaften');
    expect(taxOfficePlace('FA Ulm')).toBe('Ulm');
    expect(taxOfficePlace(' Finanzamtes Tübingen ')).toBe('Tübingen');
  });

  it.each([
    [['Förderung des Sports (§ 52 Abs. 2 Nr. 21 AO)'], true],
    [['Förderung des Breitensports'], true],
    [['Förderung der Heimatpflege und Heimatkunde (§ 52 Abs. 2 Nr. 22 AO)'], true],
    [['Förderung der Ortsverschönerung (§ 52 Abs. 2 Nr. 22 AO)'], false],
    [['Förderung der Kleingärtnerei (§ 52 Abs. 2 Satz 1 Nr. 23 AO)'], true],
    [['Förderung des traditionellen Brauchtums einschließlich des Karnevals'], true],
    [['Förderung des Amateurfunkens'], true],
    [
      ['Förderung kultureller Betätigungen, die in erster Linie der Freizeitgestaltung dienen'],
      true,
    ],
    [['Förderung der Bildung (§ 52 Abs. 2 Nr. 7 AO)', 'Förderung des Sports'], true],
    [
      [
        'Förderung des bürgerschaftlichen Engagements zugunsten gemeinnütziger Zwecke (§ 52 Abs. 2 Nr. 25 AO)',
        'Förderung der Jugend- und Altenhilfe (§ 52 Abs. 2 Nr. 4 AO)',
      ],
      false,
    ],
    [['Förderung des öffentlichen Personennahverkehrs und Transports'], false],
    [['Förderung von Kunst und Kultur (§ 52 Abs. 2 Nr. 5 AO)'], false],
  ])('decides § 10b Abs. 1 Satz 8 EStG from the purposes: %j → %s', (purposes, excluded) => {
    expect(excludesFeeDeduction(purposes)).toBe(excluded);
  });
});
