import { IsInt, Max, Min } from 'class-validator';

/** Body of a cancellation: how many purchased licenses to give up. */
export class CancellationRequest {
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  quantity!: number;
}
