import { containsPattern, escapeLike } from './sql-text';

describe('search patterns', () => {
  it('escapes the wildcards and the escape character so that they match literally', () => {
    expect(escapeLike('100%_off\\x')).toBe('100\\%\\_off\\\\x');
  });

  it('makes a lower-case contains pattern', () => {
    expect(containsPattern('Fabrikam_NL')).toBe('%fabrikam\\_nl%');
  });
});
