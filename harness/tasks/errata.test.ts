import { describe, expect, it } from 'vitest';
import { erratumFor } from './errata.ts';

describe('erratumFor', () => {
  it('knows the HumanEval-X references that cannot pass, and its test notes, so tasks validate lists them as errata', () => {
    expect(erratumFor('JavaScript/112')).toMatchObject({ effect: 'unpassable', reason: expect.stringContaining('comma operator') });
    expect(erratumFor('JavaScript/162')).toMatchObject({ effect: 'unpassable', reason: expect.stringContaining('js-md5') });
    expect(erratumFor('Rust/32')).toMatchObject({ effect: 'note', reason: expect.stringContaining('commented out') });
  });

  it('has nothing to say of a sound task, or of a name that only looks like an object key', () => {
    expect(erratumFor('JavaScript/0')).toBeUndefined();
    expect(erratumFor('toString')).toBeUndefined();
  });
});
