import { shout } from './shout';

describe('shout', () => {
  test('upper-cases and adds a mark', () => {
    expect(shout('hi')).toEqual('HI!');
  });
});
