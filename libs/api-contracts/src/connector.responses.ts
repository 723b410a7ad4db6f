import { IsInt, Min } from 'class-validator';

/** Every event of a connector's batch was acknowledged by Kafka. */
export class ConnectorEventsAcceptedResponse {
  /** How many events were published. */
  @IsInt()
  @Min(1)
  accepted!: number;
}
