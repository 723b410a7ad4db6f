import { readFileSync } from 'node:fs';

/** The SASL mechanisms a client may authenticate with (kafkajs names); the platform's brokers use SCRAM-SHA-512. */
export const SaslMechanisms = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type SaslMechanism = (typeof SaslMechanisms)[number];

/** The variables that turn on authentication and TLS towards Kafka; all unset means neither (the default). */
export const KafkaSecurityVariables = {
  mechanism: 'KAFKA_SASL_MECHANISM',
  username: 'KAFKA_SASL_USERNAME',
  password: 'KAFKA_SASL_PASSWORD',
  ssl: 'KAFKA_SSL',
  sslCaFile: 'KAFKA_SSL_CA_FILE',
} as const;

/** How a client authenticates and encrypts; shaped as kafkajs's `KafkaConfig` fields of the same names. */
export interface KafkaSecurity {
  // One member per mechanism, as kafkajs's own type is.
  sasl?: { [M in SaslMechanism]: { mechanism: M; username: string; password: string } }[SaslMechanism];
  ssl?: boolean | { ca: string[] };
}

type Env = Record<string, string | undefined>;

// An empty variable (as .env.example leaves them) means unset.
function variable(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

/** Every problem with the Kafka security variables, one `  VARIABLE: reason` line each; empty when they are usable. */
export function kafkaSecurityProblems(env: Env): string[] {
  const v = KafkaSecurityVariables;
  const mechanism = variable(env, v.mechanism)?.toLowerCase();
  const problems: string[] = [];
  if (mechanism !== undefined && !(SaslMechanisms as readonly string[]).includes(mechanism)) {
    problems.push(`  ${v.mechanism}: must be one of ${SaslMechanisms.join(', ')}`);
  }
  for (const credential of [v.username, v.password]) {
    if (mechanism !== undefined && variable(env, credential) === undefined) {
      problems.push(`  ${credential}: is required when ${v.mechanism} is set`);
    }
    if (mechanism === undefined && variable(env, credential) !== undefined) {
      problems.push(`  ${credential}: is set but ${v.mechanism} is not (set it to scram-sha-512)`);
    }
  }
  const ssl = variable(env, v.ssl)?.toLowerCase();
  if (ssl !== undefined && ssl !== 'true' && ssl !== 'false') problems.push(`  ${v.ssl}: must be true or false`);
  const caFile = variable(env, v.sslCaFile);
  if (caFile !== undefined && ssl !== 'true') problems.push(`  ${v.sslCaFile}: is only read with ${v.ssl}=true`);
  if (caFile !== undefined && ssl === 'true') {
    try {
      readFileSync(caFile);
    } catch (error) {
      problems.push(`  ${v.sslCaFile}: cannot be read (${(error as Error).message})`);
    }
  }
  return problems;
}

/**
 * The SASL and TLS settings of a Kafka client from the environment: nothing when the variables are unset, so
 * that a client connects as before. Throws one error naming every bad variable.
 */
export function readKafkaSecurity(env: Env = process.env): KafkaSecurity {
  const problems = kafkaSecurityProblems(env);
  if (problems.length > 0) throw new Error(`Kafka security configuration is invalid:\n${problems.join('\n')}`);
  const v = KafkaSecurityVariables;
  const security: KafkaSecurity = {};
  const mechanism = variable(env, v.mechanism)?.toLowerCase() as SaslMechanism | undefined;
  if (mechanism) {
    security.sasl = {
      mechanism,
      username: variable(env, v.username) as string,
      password: variable(env, v.password) as string,
    } as KafkaSecurity['sasl'];
  }
  if (variable(env, v.ssl)?.toLowerCase() === 'true') {
    const caFile = variable(env, v.sslCaFile);
    security.ssl = caFile ? { ca: [readFileSync(caFile, 'utf8')] } : true;
  }
  return security;
}

/** The environment variables that give a client these settings (for starting a process with them). */
export function kafkaSecurityEnv(security: KafkaSecurity): Record<string, string> {
  const v = KafkaSecurityVariables;
  return {
    ...(security.sasl
      ? {
          [v.mechanism]: security.sasl.mechanism,
          [v.username]: security.sasl.username,
          [v.password]: security.sasl.password,
        }
      : {}),
    ...(security.ssl ? { [v.ssl]: 'true' } : {}),
  };
}
