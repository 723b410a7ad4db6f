import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PrerequisiteError, requireJava, requireMaven, run, silent, type ProgressLog } from './process-tools';

/** A `<properties>` entry of a pom: where the project pins the version of something it fetches. */
export function pomProperty(pom: string, name: string): string {
  const match = new RegExp(`<${name.replace(/\./g, '\\.')}>([^<]+)</${name.replace(/\./g, '\\.')}>`).exec(
    readFileSync(pom, 'utf8'),
  );
  if (!match) throw new Error(`${pom} has no <${name}>`);
  return match[1];
}

/** Jars some pom lists, copied with their runtime dependencies into one folder that is a `java -cp` classpath. */
export interface MavenJars {
  /** What they are, for progress lines and errors, e.g. `Apache Kafka 4.4.0`. */
  label: string;
  pom: string;
  libsDir: string;
  /** Jars whose presence means this very selection was fetched (their names carry the pinned versions). */
  markers: string[];
  /** Properties the pom leaves to the caller (`-Dname=value`): a version chosen in another pom. */
  properties?: Record<string, string>;
}

/** Whether the jars of the pinned versions are present. */
export function mavenJarsPresent(jars: MavenJars): boolean {
  return jars.markers.every((jar) => existsSync(join(jars.libsDir, jar)));
}

/**
 * Copies the pom's dependencies and their runtime dependencies from Maven Central into its folder, once per
 * selection of versions (another selection replaces the folder, so that two versions of a jar never share a
 * classpath). Returns whether anything was fetched.
 */
export function ensureMavenJars(jars: MavenJars, log: ProgressLog = silent): boolean {
  if (mavenJarsPresent(jars)) return false;
  requireJava(17);
  requireMaven();
  log(`fetching ${jars.label} from Maven Central into ${jars.libsDir} ...`);
  rmSync(jars.libsDir, { recursive: true, force: true });
  mkdirSync(jars.libsDir, { recursive: true });
  const result = run('mvn', [
    '-q',
    '-B',
    '-f',
    jars.pom,
    ...Object.entries(jars.properties ?? {}).map(([name, value]) => `-D${name}=${value}`),
    'dependency:copy-dependencies',
    `-DoutputDirectory=${jars.libsDir}`,
    '-DincludeScope=runtime',
  ]);
  if (!result.ok || !mavenJarsPresent(jars)) {
    rmSync(jars.libsDir, { recursive: true, force: true });
    throw new PrerequisiteError(`Maven could not fetch ${jars.label}:\n${result.output.slice(-4_000)}`);
  }
  return true;
}

/**
 * The `java` arguments of a server process of ours (a broker, a Connect worker): a fixed heap range and G1 with
 * short pauses, as Kafka's own start scripts use, and its Log4j 2 log written under `logsDir`.
 */
export function javaServerArgs(options: {
  heapMb: number;
  log4jConfig: string;
  logsDir: string;
  libsDir: string;
  mainClass: string;
  args: string[];
}): string[] {
  return [
    `-Xms${Math.min(options.heapMb, 512)}m`,
    `-Xmx${options.heapMb}m`,
    '-XX:+UseG1GC',
    '-XX:MaxGCPauseMillis=20',
    '-Djava.awt.headless=true',
    `-Dlog4j2.configurationFile=${options.log4jConfig}`,
    `-Dkafka.logs.dir=${options.logsDir}`,
    '-cp',
    join(options.libsDir, '*'),
    options.mainClass,
    ...options.args,
  ];
}

/**
 * Writes a Java `.properties` file (read as ISO-8859-1, where `\` escapes and a line break ends a value), readable
 * by its owner only: such files hold credentials.
 */
export function writeJavaProperties(file: string, header: string, properties: Record<string, string>): void {
  const escape = (text: string) => text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  const lines = Object.entries(properties).map(([name, value]) => `${escape(name)}=${escape(value)}`);
  writeFileSync(file, `# ${header}\n${lines.join('\n')}\n`, { mode: 0o600 });
}
