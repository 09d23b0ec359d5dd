import { describe, expect, it } from 'vitest';
import { findRecords, searchTerm } from '../../api/entities/record-search.ts';
import { adultRow, linkRow, mirrorOf, youngPersonRow } from '../support/mirror-factories.ts';

describe('name search over the mirror', () => {
  it('finds what the records hold now, through record changes, new records, removals and link changes', () => {
    const alpha = adultRow({ name: 'Test Alpha Adult', phones: ['07700 900001'] });
    const beta = adultRow({ name: 'Test Beta Adult' });
    const child = youngPersonRow({ name: 'Test Alpha Child' });
    const mirror = mirrorOf([alpha, beta, child], []);
    const search = (typed: string | null) =>
      findRecords(mirror, {
        label: 'PersonOfInterest',
        search: typed === null ? null : searchTerm(typed),
        searchBy: ['name', 'phones'],
        sortBy: 'name',
        includeArchived: false,
        policeIntelligence: true,
      });

    expect(search('alpha')).toEqual([alpha.id]); // the young person of that name is another label
    expect(search('07700900001')).toEqual([alpha.id]); // spaces ignored
    expect(search(null)).toEqual([alpha.id, beta.id]);

    mirror.upsertLink(linkRow('ASSOCIATE_OF', alpha, beta)); // a link change leaves the records as they were
    expect(search('alpha')).toEqual([alpha.id]);

    mirror.upsertRecord({ ...alpha, name: 'Test Gamma Adult' });
    expect(search('alpha')).toEqual([]);
    expect(search('gamma')).toEqual([alpha.id]);

    const delta = adultRow({ name: 'Test Alpha Delta' });
    mirror.upsertRecord(delta);
    expect(search('alpha')).toEqual([delta.id]);

    mirror.removeRecord(delta.id);
    expect(search('alpha')).toEqual([]);
    expect(search(null)).toEqual([beta.id, alpha.id]); // by name: Beta before Gamma
  });
});
