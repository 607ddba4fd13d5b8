import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search that treats "Ueberweiser" and "Überweiser" alike: fold_text spells German
 * umlauts and ß out, drops accents and strokes (é → e, Ł → l) and lowers the case — the
 * same rule as foldText in libs/shared/text/fold.ts. Case is lowered after the letters
 * are ASCII, so it does not depend on the database's locale.
 */
export class FoldText1765930000000 implements MigrationInterface {
  name = 'FoldText1765930000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE FUNCTION fold_text(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       RETURN lower(translate(
         replace(replace(replace(replace(replace(replace(replace(replace(t,
           'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'ß', 'ss'), 'ẞ', 'SS'),
         'ÁÀÂÃÅĀĂĄáàâãåāăąÇĆČçćčĎĐÐďđðÉÈÊËĒĖĘĚéèêëēėęěĞğÍÌÎÏĪĮİíìîïīįıŁłŃŇÑńňñÓÒÔÕØŌŐóòôõøōőŘřŚŠŞśšşŤŢťţÚÙÛŪŮŰŲúùûūůűųÝŸýÿŹŻŽźżž',
         'AAAAAAAAaaaaaaaaCCCcccDDDdddEEEEEEEEeeeeeeeeGgIIIIIIIiiiiiiiLlNNNnnnOOOOOOOoooooooRrSSSsssTTttUUUUUUUuuuuuuuYYyyZZZzzz'))`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION fold_text(text)`);
  }
}
