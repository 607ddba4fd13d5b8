import { toSepaText } from './sepa-text';

describe('toSepaText', () => {
  it.each([
    ['Jürgen Groß', 'Juergen Gross'],
    ['Zoë Brontë', 'Zoe Bronte'],
    ['Łukasz Żółć', 'Lukasz Zolc'],
    ['Æsir Ørsted Œuvre', 'AEsir Orsted OEuvre'],
    ['Ðorđe Þór', 'Dorde THor'],
    ['Müller & Söhne GmbH', 'Mueller + Soehne GmbH'],
    ['Beitrag 1. Quartal 2026 – „Garten“', "Beitrag 1. Quartal 2026 - 'Garten'"],
    ['Spende 50 €', 'Spende 50 EUR'],
    ['François Čapek-Ñúñez', 'Francois Capek-Nunez'],
  ])('spells %s as %s', (text, sepa) => {
    expect(toSepaText(text, 140)).toBe(sepa);
  });

  it('drops no letter: every letter of the input leaves a trace', () => {
    const names = ['Ærø', 'Đặng Thị Ngọc', 'İlkay Gündoğan', 'Ștefan Țiriac', 'Ελένη', 'Иван'];
    for (const name of names) {
      const letters = [...name].filter((c) => /\p{L}/u.test(c)).length;
      const sepa = toSepaText(name, 140);
      expect(sepa).toMatch(/^[A-Za-z0-9/?:().,'+ -]*$/);
      expect(sepa.replace(/[^A-Za-z?]/g, '').length).toBeGreaterThanOrEqual(letters);
    }
  });

  it('cuts to the field length without a trailing space', () => {
    expect(toSepaText('Überweisung für Ärger', 12)).toBe('Ueberweisung');
  });
});
