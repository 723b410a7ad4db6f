import { PrerequisiteError, requireJava, requireMaven } from './process-tools';

describe('prerequisite checks', () => {
  const path = process.env.PATH;
  afterEach(() => {
    process.env.PATH = path;
  });

  it('names the JDK to install when java is missing', () => {
    process.env.PATH = '/nonexistent';
    expect(() => requireJava(17)).toThrow(PrerequisiteError);
    expect(() => requireJava(17)).toThrow(/Java 17\+ is needed .* apt-get install openjdk-17-jdk-headless/);
  });

  it('names Maven when mvn is missing', () => {
    process.env.PATH = '/nonexistent';
    expect(() => requireMaven()).toThrow(/Apache Maven is needed .* apt-get install maven/);
  });

  it('accepts the java on this machine', () => {
    expect(requireJava(17)).toBeGreaterThanOrEqual(17);
  });
});
