import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '@partner-portal/infra';
import { traceSettings } from '@partner-portal/logging';
import {
  asProcessEnv,
  configLoaderOf,
  hasMigrations,
  manifestOf,
  sampleSecrets,
  workspaceServices,
} from './deployment-fixtures';

/*
 * No helm binary is available on the machines this runs on (none in the npm registry worth depending on, no Go
 * toolchain to build one), so this is a static check: it parses Chart.yaml and values.yaml, reads the templates as
 * text, and models the one template that matters for configuration, the container environment (_helpers.tpl,
 * "partner-portal.env"), to call each service's own configuration loader with what the chart would give it.
 * docs/deploy.md says so too; `helm lint` and `helm template` are to be run where helm exists.
 */

const chartDir = join(repoRoot, 'infra/helm/partner-portal');
const read = (file: string) => readFileSync(join(chartDir, file), 'utf8');

interface ServiceValues {
  port: number;
  migrate: boolean;
  env?: Record<string, string>;
  secretEnv?: Record<string, string>;
  replicas?: number;
  terminationGracePeriodSeconds?: number;
}

interface Values {
  image: { repository: string; tag: string };
  secrets: { name: string; create: boolean };
  kafka: { brokers: string; topicPrefix: string; sasl: { mechanism: string }; ssl: boolean };
  oidc: { issuer: string; audience: string; clientId: string; webScope: string };
  tracing: { otlpEndpoint: string; sampler: string; samplerArg: string };
  defaults: {
    replicas: number;
    terminationGracePeriodSeconds: number;
    podDisruptionBudget: { maxUnavailable: number };
    resources: { requests: object; limits: object };
  };
  services: Record<string, ServiceValues>;
  ingress: { enabled: boolean };
}

const chart = parse(read('Chart.yaml')) as { apiVersion: string; name: string; appVersion: string };
const values = parse(read('values.yaml')) as Values;
const helpers = read('templates/_helpers.tpl');
const deployment = read('templates/deployment.yaml');
const migrateJob = read('templates/migrate-job.yaml');

/** Variables whose values are secrets: they must come from the Secret, never from values.yaml in clear. */
const SECRET_VARIABLES = [
  'DATABASE_URL',
  'GATEWAY_API_TOKEN',
  'OPERATOR_API_TOKEN',
  'INVITATION_CODE_PEPPER',
  'EMAIL_PAYLOAD_KEY',
  'SENDGRID_API_KEY',
  'KAFKA_SASL_PASSWORD',
];

const envVariable = (name: string) => `${name.toUpperCase().replace(/-/g, '_')}_URL`;

/**
 * The environment "partner-portal.env" renders for a service, with the Secret's keys resolved to sample values: the
 * variables it adds for every service, Kafka's authentication, the gateway's issuer and service URLs, then the
 * service's `env` and `secretEnv`. The test below ties each variable modelled here to the template's text.
 */
function chartEnvironment(
  name: string,
  tracingValues: Partial<Values['tracing']> = {},
  release = 'portal',
): NodeJS.ProcessEnv {
  const service = values.services[name];
  const tracing = { ...values.tracing, ...tracingValues };
  const secrets: Record<string, string> = {
    ...sampleSecrets(),
    DATABASE_URL: `postgres://portal:secret@db.example.com:5432/${name}`,
  };
  const environment: Record<string, unknown> = {
    PORT: service.port,
    HOST: '0.0.0.0',
    KAFKA_BROKERS: values.kafka.brokers,
    KAFKA_TOPIC_PREFIX: values.kafka.topicPrefix,
  };
  if (values.kafka.sasl.mechanism) {
    Object.assign(environment, {
      KAFKA_SASL_MECHANISM: values.kafka.sasl.mechanism,
      KAFKA_SASL_USERNAME: name,
      KAFKA_SASL_PASSWORD: secrets.KAFKA_SASL_PASSWORD,
    });
  }
  if (tracing.otlpEndpoint) {
    Object.assign(environment, {
      OTEL_EXPORTER_OTLP_ENDPOINT: tracing.otlpEndpoint,
      OTEL_TRACES_SAMPLER: tracing.sampler,
      OTEL_TRACES_SAMPLER_ARG: tracing.samplerArg,
    });
  }
  if (name === 'gateway') {
    Object.assign(environment, {
      OIDC_ISSUER: values.oidc.issuer,
      OIDC_AUDIENCE: values.oidc.audience,
      OIDC_CLIENT_ID: values.oidc.clientId,
      OIDC_WEB_SCOPE: values.oidc.webScope,
    });
    for (const [other, otherValues] of Object.entries(values.services)) {
      if (other !== 'gateway') environment[envVariable(other)] = `http://${release}-${other}:${otherValues.port}`;
    }
  }
  Object.assign(environment, service.env ?? {});
  for (const [variable, key] of Object.entries(service.secretEnv ?? {})) {
    expect([name, key]).toEqual([name, expect.stringMatching(/^[a-z0-9-]+$/)]);
    environment[variable] = secrets[variable];
  }
  return asProcessEnv(environment);
}

describe('the Helm chart (infra/helm/partner-portal), checked statically', () => {
  it('is a chart of its own name whose images default to its appVersion', () => {
    expect(chart).toMatchObject({ apiVersion: 'v2', name: 'partner-portal' });
    expect(helpers).toContain('.root.Values.image.tag | default .root.Chart.AppVersion');
  });

  it('has an entry for every service under services/, on its port, migrating exactly those with a database', () => {
    expect(Object.keys(values.services).sort()).toEqual(workspaceServices().sort());
    for (const name of workspaceServices()) {
      expect([name, values.services[name].port]).toEqual([name, manifestOf(name).portal?.port]);
      expect([name, values.services[name].migrate]).toEqual([name, hasMigrations(name)]);
    }
  });

  it('renders a Deployment, a Service and a PodDisruptionBudget for every entry, and a migration Job for each database', () => {
    const everyService = /\{\{- range \$name, \$svc := \.Values\.services \}\}/;
    for (const [file, kind] of [
      ['deployment.yaml', 'Deployment'],
      ['service.yaml', 'Service'],
      ['pdb.yaml', 'PodDisruptionBudget'],
      ['migrate-job.yaml', 'Job'],
    ]) {
      const template = read(`templates/${file}`);
      expect([file, everyService.test(template)]).toEqual([file, true]);
      expect(template).toContain(`kind: ${kind}`);
    }
    expect(migrateJob).toContain('{{- if $svc.migrate }}');
    expect(read('templates/pdb.yaml')).toContain('maxUnavailable: {{ $settings.podDisruptionBudget.maxUnavailable }}');
    expect(values.defaults.podDisruptionBudget.maxUnavailable).toBeGreaterThanOrEqual(1);
    expect(values.defaults.replicas).toBeGreaterThanOrEqual(2);
  });

  it('probes readiness and liveness on the health routes, and waits longer than a shutdown takes', () => {
    expect(deployment).toMatch(/readinessProbe:\s+httpGet: \{ path: \/health\/ready, port: http \}/);
    expect(deployment).toMatch(/livenessProbe:\s+httpGet: \{ path: \/health\/live, port: http \}/);
    expect(deployment).toContain('terminationGracePeriodSeconds: {{ $settings.terminationGracePeriodSeconds }}');
    // A stopping consumer may hold its partitions up to the Kafka session timeout (libs/messaging's inbox: 30 s).
    const inbox = readFileSync(join(repoRoot, 'libs/messaging/src/inbox/inbox-consumer.ts'), 'utf8');
    const sessionTimeoutMs = Number(
      /sessionTimeout: options\.sessionTimeout \?\? ([\d_]+)/.exec(inbox)![1].replace(/_/g, ''),
    );
    expect(values.defaults.terminationGracePeriodSeconds * 1_000).toBeGreaterThan(sessionTimeoutMs);
    expect(deployment).toContain('resources:');
  });

  it("runs the migrate-only entrypoint before install and upgrade, apart from the Deployments' selectors", () => {
    expect(migrateJob).toContain('helm.sh/hook: pre-install,pre-upgrade');
    expect(migrateJob).toContain("command: ['node', 'services/{{ $name }}/dist/migrate.js']");
    expect(migrateJob).toContain('app.kubernetes.io/component: {{ $name }}-migrate');
    expect(migrateJob).not.toContain('partner-portal.selectorLabels');
  });

  it("gives every service what its configuration loader demands (the chart's environment, the Secret's values)", async () => {
    for (const name of workspaceServices()) {
      const load = await configLoaderOf(name);
      expect(() => load(chartEnvironment(name))).not.toThrow();
    }
  });

  it('renders every variable the check above assumes it adds', () => {
    for (const variable of [
      'PORT',
      'HOST',
      'KAFKA_BROKERS',
      'KAFKA_TOPIC_PREFIX',
      'KAFKA_SASL_MECHANISM',
      'KAFKA_SASL_USERNAME',
      'KAFKA_SASL_PASSWORD',
      'OIDC_ISSUER',
      'OIDC_AUDIENCE',
      'OIDC_CLIENT_ID',
      'OIDC_WEB_SCOPE',
      'OTEL_EXPORTER_OTLP_ENDPOINT',
      'OTEL_TRACES_SAMPLER',
      'OTEL_TRACES_SAMPLER_ARG',
    ]) {
      expect(helpers).toContain(`- name: ${variable}\n`);
    }
    expect(helpers).toContain('- name: {{ $other | upper | replace "-" "_" }}_URL');
    expect(helpers).toContain(
      'value: http://{{ include "partner-portal.fullname" (dict "root" $root "name" $other) }}',
    );
    expect(helpers).toContain('{{- range $key, $value := .svc.env }}');
    expect(helpers).toContain('{{- range $key, $secretKey := .svc.secretEnv }}');
    expect(deployment).toContain('{{- include "partner-portal.env" $ctx | nindent 12 }}');
    expect(migrateJob).toContain('{{- include "partner-portal.env" $ctx | nindent 12 }}');
  });

  it('exports traces only once a collector is named, with a sampler the services read', () => {
    expect(values.tracing.otlpEndpoint).toBe('');
    expect(helpers).toContain('{{- if $root.Values.tracing.otlpEndpoint }}');
    for (const name of workspaceServices()) {
      expect(traceSettings(name, chartEnvironment(name)).exporters).toEqual([]);
      const traced = traceSettings(name, chartEnvironment(name, { otlpEndpoint: 'http://otel-collector:4318' }));
      expect(traced).toMatchObject({ exporters: ['otlp'], protocol: 'http/protobuf', serviceName: name });
      expect(traced.sampler.kind).toBe(values.tracing.sampler);
    }
  });

  it('takes every secret from the Secret, each key documented in docs/deploy.md', () => {
    const deployDoc = readFileSync(join(repoRoot, 'docs/deploy.md'), 'utf8');
    const keys = new Set<string>(['kafka-password-<service>']);
    for (const [name, service] of Object.entries(values.services)) {
      for (const variable of SECRET_VARIABLES) expect([name, service.env?.[variable]]).toEqual([name, undefined]);
      for (const key of Object.values(service.secretEnv ?? {})) keys.add(key);
    }
    for (const key of keys) expect([key, deployDoc.includes(`\`${key}\``)]).toEqual([key, true]);
    expect(values.secrets.create).toBe(false);
  });

  it('leaves Kafka and PostgreSQL outside: external brokers with SASL, database URLs from the Secret', () => {
    expect(values.kafka.brokers).not.toBe('');
    expect(values.kafka.sasl.mechanism).toBe('scram-sha-512');
    for (const name of workspaceServices().filter(hasMigrations)) {
      expect(values.services[name].secretEnv?.DATABASE_URL).toBe(`${name}-database-url`);
    }
  });

  it("has the gateway's Ingress off by default, and says which proxies the gateway believes", async () => {
    expect(values.ingress.enabled).toBe(false);
    expect(read('templates/ingress.yaml')).toContain('{{- if .Values.ingress.enabled }}');
    expect(values.services.gateway.env?.TRUST_PROXY).toBeDefined();
    const gateway = (await configLoaderOf('gateway'))(chartEnvironment('gateway')) as { trustProxy: string[] };
    expect(gateway.trustProxy).toEqual(values.services.gateway.env!.TRUST_PROXY.split(','));
  });
});
