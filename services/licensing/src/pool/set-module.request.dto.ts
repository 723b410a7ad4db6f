import { IsBoolean } from 'class-validator';

/** Body of the server module switch. */
export class SetModuleRequest {
  /** false stops new reservations (invitations are rejected with `module_inactive`); held licenses stay. */
  @IsBoolean()
  active!: boolean;
}
