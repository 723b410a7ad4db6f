import { IsOptional, IsString } from 'class-validator';
import { validatePlain } from '@partner-portal/contracts';
import { Nullable } from './response-rules';

class Answer {
  @Nullable()
  @IsString()
  name!: string | null;

  @IsOptional()
  @Nullable()
  @IsString()
  nickname?: string | null;
}

describe('the response rules', () => {
  it('accept null for a nullable field and still check any other value, but refuse it missing', () => {
    expect(validatePlain(Answer, { name: null }).errors).toEqual([]);
    expect(validatePlain(Answer, { name: 'Rita' }).errors).toEqual([]);
    expect(validatePlain(Answer, { name: 7 }).errors.map((e) => e.field)).toEqual(['name']);
    expect(validatePlain(Answer, {}).errors.map((e) => e.field)).toEqual(['name']);
  });

  it('let a field that is optional and nullable be absent, null or a value', () => {
    for (const nickname of [undefined, null, 'R.']) {
      expect(validatePlain(Answer, { name: null, nickname }).errors).toEqual([]);
    }
    expect(validatePlain(Answer, { name: null, nickname: 1 }).errors.map((e) => e.field)).toEqual(['nickname']);
  });
});
