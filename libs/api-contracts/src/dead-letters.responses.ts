import { IsIn, IsInt, IsString, Matches, Min } from 'class-validator';
import { IsUtcTimestamp } from '@partner-portal/contracts';
import { DEAD_LETTER_ID } from './dead-letters.requests';
import { NestedArray, Nullable, PageResponse } from './response-rules';

/** A message a consumer group could not apply and set aside on `<topic>.dlq`, with why. */
export class DeadLetterResponse {
  /** `<topic>.dlq:<partition>:<offset>`: what a replay names. */
  @Matches(DEAD_LETTER_ID)
  id!: string;

  /** The consumer group (service) that could not apply it. */
  @IsString()
  consumerGroup!: string;

  /** The topic it was consumed from, e.g. `erp.documents`. */
  @IsString()
  topic!: string;

  @IsInt()
  @Min(0)
  partition!: number;

  /** Its offset on that topic (a decimal string: offsets outgrow JSON numbers). */
  @Matches(/^\d{1,19}$/)
  offset!: string;

  /** The envelope's event id, when the message has one. */
  @Nullable()
  @IsString()
  eventId!: string | null;

  /** The envelope's event type, when the message has one. */
  @Nullable()
  @IsString()
  type!: string | null;

  /** The envelope's tenant, when the message has one. */
  @Nullable()
  @IsString()
  tenantId!: string | null;

  /** Why it could not be applied: the validation errors, or the handler's error (of the last replay, if any). */
  @IsString()
  reason!: string;

  /** The handler's failures before it was set aside (0: it failed validation). */
  @IsInt()
  @Min(0)
  attempts!: number;

  /** When it was set aside. */
  @IsUtcTimestamp()
  deadLetteredAt!: string;

  /** `dead`: not applied; `replayed`: a replay applied it (or found it applied). */
  @IsIn(['dead', 'replayed'])
  status!: 'dead' | 'replayed';

  /** Replays tried so far. */
  @IsInt()
  @Min(0)
  replayAttempts!: number;

  /** When a replay applied it. */
  @Nullable()
  @IsUtcTimestamp()
  replayedAt!: string | null;
}

/** A page of dead letters, newest first. */
export class DeadLetterPage extends PageResponse {
  @NestedArray(() => DeadLetterResponse)
  items!: DeadLetterResponse[];
}

/** What replaying one dead letter did. */
export const REPLAY_OUTCOMES = ['replayed', 'already_applied', 'already_replayed', 'failed', 'not_found'] as const;
export type ReplayOutcomeKind = (typeof REPLAY_OUTCOMES)[number];

/** The outcome of one dead letter of a replay. */
export class ReplayOutcomeResponse {
  @Matches(DEAD_LETTER_ID)
  id!: string;

  /**
   * `replayed`: applied now; `already_applied`: its consumer had applied the event already, nothing changed;
   * `already_replayed`: an earlier replay applied it, nothing changed; `failed`: still dead, `reason` says why;
   * `not_found`: no dead letter with this id (for this caller).
   */
  @IsIn(REPLAY_OUTCOMES)
  outcome!: ReplayOutcomeKind;

  /** Why it failed again (`failed` only). */
  @Nullable()
  @IsString()
  reason!: string | null;
}

/** The outcome of each dead letter of a replay, in the order asked. */
export class ReplayDeadLettersResponse {
  @NestedArray(() => ReplayOutcomeResponse)
  outcomes!: ReplayOutcomeResponse[];
}
