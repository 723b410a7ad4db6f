import { localKafkaBroker, kafkaVersion } from './kafka-broker';
import { existingDatabases, postgresAdminUrl, redact, SERVICE_DATABASES } from './postgres';
import { PrerequisiteError } from './process-tools';
import { upLocalInfra } from './local-infra';

const say = (line: string) => console.log(`[infra] ${line}`);

async function main(command: string | undefined): Promise<void> {
  switch (command) {
    case 'up': {
      const started = Date.now();
      await upLocalInfra(say);
      say(`up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return;
    }
    case 'down': {
      const outcome = await localKafkaBroker().stop();
      say(`Kafka: ${outcome === 'stopped' ? 'stopped' : 'was not running (started by this project)'}`);
      say("PostgreSQL is the machine's own server and stays up");
      return;
    }
    case 'status': {
      const kafka = await localKafkaBroker().status();
      say(
        `Kafka ${kafkaVersion()} on ${kafka.bootstrap}: ${kafka.running ? 'running' : 'down'}` +
          (kafka.managed ? ` (pid ${kafka.pid})` : kafka.running ? ' (not started by this project)' : ''),
      );
      try {
        const present = await existingDatabases();
        const missing = SERVICE_DATABASES.filter((d) => !present.includes(d));
        say(
          `PostgreSQL ${redact(postgresAdminUrl())}: up; ${missing.length ? `missing ${missing.join(', ')}` : 'all service databases present'}`,
        );
      } catch (error) {
        say(`PostgreSQL ${redact(postgresAdminUrl())}: down (${(error as Error).message})`);
      }
      return;
    }
    default:
      throw new Error('usage: infra up | down | status');
  }
}

main(process.argv[2]).catch((error: Error) => {
  console.error(`[infra] ${error instanceof PrerequisiteError ? '' : 'failed: '}${error.message}`);
  process.exitCode = 1;
});
