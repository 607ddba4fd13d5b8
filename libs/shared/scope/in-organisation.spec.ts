import { DomainError } from '../errors/domain-error';
import { isUuid, resolveAllIn, resolveIn } from './in-organisation';

const A = '0190f0a0-0000-7000-8000-000000000001';
const B = '0190f0a0-0000-7000-8000-000000000002';

describe('resolving ids inside an organisation', () => {
  it('returns the row the lookup found, or answers 404 naming the entity, id and field', async () => {
    await expect(resolveIn('Donor', A, async () => ({ id: A }))).resolves.toEqual({ id: A });
    const missing = resolveIn('Donor', B, async () => undefined, 'intoDonorId');
    await expect(missing).rejects.toBeInstanceOf(DomainError);
    await expect(missing).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { entity: 'Donor', id: B, field: 'intoDonorId' },
    });
  });

  it('never asks the database about a malformed id', async () => {
    const lookup = jest.fn(async () => ({ id: 'x' }));
    await expect(resolveIn('Donor', "1' OR '1'='1", lookup)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(lookup).not.toHaveBeenCalled();
    expect([isUuid(A), isUuid('abc'), isUuid(42)]).toEqual([true, false, false]);
  });

  it('resolves a list only when every id is found, and names the first that is not', async () => {
    const rows = [{ id: B }, { id: A }];
    await expect(resolveAllIn('Donation', [A, B, A], async () => rows)).resolves.toBe(rows);
    await expect(
      resolveAllIn('Donation', [A, B], async () => [{ id: A }], 'donationIds'),
    ).rejects.toMatchObject({ details: { entity: 'Donation', id: B, field: 'donationIds' } });
    const lookup = jest.fn(async () => []);
    await expect(resolveAllIn('Donation', [], lookup)).resolves.toEqual([]);
    expect(lookup).not.toHaveBeenCalled();
  });
});
