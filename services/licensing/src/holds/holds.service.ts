import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  LicenseConsumed,
  LicenseReleased,
  LicenseReleaseReason,
  LicenseReservationRejected,
  LicenseReserved,
  ReactivationLicensed,
  ReactivationRefused,
  type EventDefinition,
  type EventEnvelope,
  type EventOf,
  type PlainPayload,
  type InvitationRequested,
  type InvitationRequestedVersion2,
  type InvitationTargetV1,
  type InviteAccepted,
  type PortalUserActivated,
  type PortalUserDeactivated,
  type PortalUserDeactivatedVersion2,
  type PortalUserReactivationRequested,
} from '@partner-portal/contracts';
import { Outbox } from '@partner-portal/messaging';
import { recordLedger } from '../ledger/ledger';
import { ExtensionStatusService } from '../module-status/extension-status.service';
import {
  available,
  consumeLicense,
  endInvitation,
  endSeat,
  holderKeyOf,
  invitationClaim,
  ledgerEntryOf,
  reactivateSeat,
  reserveLicense,
  resumeSeat,
  seatClaim,
  type Holder,
  type HoldDecision,
  type HoldState,
  type LicenseEvent,
  type ModuleStatus,
  type PoolChange,
} from '../pool/license-rules';
import { PoolRepository } from '../pool/pool.repository';

/** `InvitationRequested` in either version: a license is held the same way whoever asked. */
type RequestedInvitation = EventOf<typeof InvitationRequested> | EventOf<typeof InvitationRequestedVersion2>;

/** The invitation or membership an event concerns, for the logs. */
type Ids = { invitationId: string } | { membershipId: string };

/**
 * The license side of the invitation saga, as storage: each handler loads the facts (locking the person's hold),
 * asks the license rules (pool/license-rules.ts) and stores the decision. A person (holder key: normalized e-mail)
 * holds at most one license per tenant; each open invitation and each active seat is a claim on it.
 */
@Injectable()
export class HoldsService {
  private readonly logger = new Logger(HoldsService.name);

  constructor(
    private readonly outbox: Outbox,
    private readonly extensions: ExtensionStatusService,
  ) {}

  /** `InvitationRequested`: hold a license for the invited person, or refuse with a reason. */
  async reserve(manager: EntityManager, event: RequestedInvitation): Promise<void> {
    const { tenantId, payload } = event;
    const { holder, claimed } = await this.loadHolder(
      manager,
      tenantId,
      payload.email,
      invitationClaim(payload.invitationId),
    );
    // Read after the hold's lock, which may have waited for another event of the same person.
    const pool = await new PoolRepository(manager).get(tenantId);
    const module = await this.moduleStatus(manager, event, pool.serverModuleActive);
    const facts = { holder, invitationId: payload.invitationId, claimed, module, available: available(pool) };
    await this.store(manager, event, holder, { invitationId: payload.invitationId }, reserveLicense(facts), () =>
      reserveLicense({ ...facts, available: 0 }),
    );
  }

  /** `InviteAccepted`: the invitation's claim becomes a seat's, and a reserved license becomes consumed. */
  async consume(manager: EntityManager, event: EventOf<typeof InviteAccepted>): Promise<void> {
    const { tenantId, payload } = event;
    const seat = seatClaim(payload);
    const { holder, claimed } = await this.loadHolder(
      manager,
      tenantId,
      payload.email,
      invitationClaim(payload.invitationId),
    );
    const [ended] = await manager.query(`SELECT ended_at FROM ended_seat WHERE tenant_id = $1 AND claim = $2`, [
      tenantId,
      seat,
    ]);
    const decision = consumeLicense({
      holder,
      invitationId: payload.invitationId,
      seat,
      claimed,
      acceptedAt: new Date(payload.acceptedAt),
      seatEndedAt: ended ? new Date(ended.ended_at) : undefined,
    });
    await this.store(manager, event, holder, { invitationId: payload.invitationId }, decision);
  }

  /** `InviteExpired` / `InviteRevoked`: the invitation no longer holds the license. */
  async endInvitation(
    manager: EntityManager,
    event: EventEnvelope<InvitationTargetV1>,
    reason: LicenseReleaseReason.InviteExpired | LicenseReleaseReason.InviteRevoked,
  ): Promise<void> {
    const { tenantId, payload } = event;
    const { holder, claimed } = await this.loadHolder(
      manager,
      tenantId,
      payload.email,
      invitationClaim(payload.invitationId),
    );
    const decision = endInvitation({ holder, invitationId: payload.invitationId, claimed, reason });
    await this.store(manager, event, holder, { invitationId: payload.invitationId }, decision);
  }

  /** `PortalUserDeactivated` (either version): the seat no longer holds the license. */
  async endSeat(
    manager: EntityManager,
    event: EventOf<typeof PortalUserDeactivated> | EventOf<typeof PortalUserDeactivatedVersion2>,
  ): Promise<void> {
    const { tenantId, payload } = event;
    const seat = seatClaim(payload);
    const { holder, claimed } = await this.loadHolder(manager, tenantId, payload.email, seat);
    const decision = endSeat({
      holder,
      membershipId: payload.membershipId,
      seat,
      claimed,
      deactivatedAt: new Date(event.occurredAt),
    });
    await this.store(manager, event, holder, { membershipId: payload.membershipId }, decision);
  }

  /** `PortalUserReactivationRequested`: license the reactivation (`ReactivationLicensed`) or refuse it. */
  async reactivateSeat(manager: EntityManager, event: EventOf<typeof PortalUserReactivationRequested>): Promise<void> {
    const { tenantId, payload } = event;
    const seat = seatClaim(payload);
    const { holder, claimed } = await this.loadHolder(manager, tenantId, payload.email, seat);
    const pool = await new PoolRepository(manager).get(tenantId);
    const module = await this.moduleStatus(manager, event, pool.serverModuleActive);
    const facts = { holder, membershipId: payload.membershipId, seat, claimed, module, available: available(pool) };
    await this.store(manager, event, holder, { membershipId: payload.membershipId }, reactivateSeat(facts), () =>
      reactivateSeat({ ...facts, available: 0 }),
    );
  }

  /** `PortalUserActivated`: counted already, except after a reactivation that did not wait for licensing. */
  async resumeSeat(manager: EntityManager, event: EventOf<typeof PortalUserActivated>): Promise<void> {
    const { tenantId, payload } = event;
    const seat = seatClaim(payload);
    const { holder, claimed } = await this.loadHolder(manager, tenantId, payload.email, seat);
    const pool = await new PoolRepository(manager).get(tenantId);
    const facts = {
      holder,
      membershipId: payload.membershipId,
      seat,
      fromInvitation: Boolean(payload.invitationId),
      claimed,
      available: available(pool),
    };
    await this.store(manager, event, holder, { membershipId: payload.membershipId }, resumeSeat(facts), () =>
      resumeSeat({ ...facts, available: 0 }),
    );
  }

  /**
   * The person's hold, locked for the rest of the transaction (so that their claims and license change one event at
   * a time), their claims, and whether `claim` exists in the tenant (whoever holds it).
   */
  private async loadHolder(
    manager: EntityManager,
    tenantId: string,
    email: string,
    claim: string,
  ): Promise<{ holder: Holder; claimed: boolean }> {
    const key = holderKeyOf(email);
    const [hold] = await manager.query(
      `SELECT state FROM license_hold WHERE tenant_id = $1 AND holder_key = $2 FOR UPDATE`,
      [tenantId, key],
    );
    const claims: Array<{ claim: string; holder_key: string }> = await manager.query(
      `SELECT claim, holder_key FROM license_claim WHERE tenant_id = $1 AND (holder_key = $2 OR claim = $3)`,
      [tenantId, key, claim],
    );
    return {
      holder: {
        key,
        hold: hold?.state as HoldState | undefined,
        claims: claims.filter((c) => c.holder_key === key).map((c) => c.claim),
      },
      claimed: claims.some((c) => c.claim === claim),
    };
  }

  private async moduleStatus(
    manager: EntityManager,
    event: EventEnvelope<{ environment: string; companyId: string }>,
    serverModuleActive: boolean,
  ): Promise<ModuleStatus> {
    const { environment, companyId } = event.payload;
    const extensionInstalled = await this.extensions.isInstalled(manager, event.tenantId, environment, companyId);
    return { serverModuleActive, extensionInstalled };
  }

  /**
   * Stores a decision: the pool first, by its conditional updates, so that a license a concurrent writer took leaves
   * nothing else written; then the hold (before the claims, which reference it), the claims, a kept deactivation and
   * the events. `whenNoneLeft` is the decision with no license available, for when the pool's guard finds none.
   */
  private async store(
    manager: EntityManager,
    event: EventEnvelope<object>,
    holder: Holder,
    ids: Ids,
    decision: HoldDecision,
    whenNoneLeft?: () => HoldDecision,
  ): Promise<void> {
    const { tenantId } = event;
    if (!(await this.changePool(manager, event, holder.key, decision.pool ?? []))) {
      if (!whenNoneLeft) throw new Error(`pool of ${tenantId} had no license to take for ${holder.key}`);
      return this.store(manager, event, holder, ids, whenNoneLeft());
    }
    if (decision.hold === null) {
      await manager.query(`DELETE FROM license_hold WHERE tenant_id = $1 AND holder_key = $2`, [tenantId, holder.key]);
    } else if (decision.hold && holder.hold) {
      await manager.query(
        `UPDATE license_hold SET state = $3, updated_at = now() WHERE tenant_id = $1 AND holder_key = $2`,
        [tenantId, holder.key, decision.hold],
      );
    } else if (decision.hold) {
      // A plain INSERT: a concurrent first claim of the same person fails on the key and is retried, finding this hold.
      await manager.query(`INSERT INTO license_hold (tenant_id, holder_key, state) VALUES ($1, $2, $3)`, [
        tenantId,
        holder.key,
        decision.hold,
      ]);
    }
    if (decision.claimsRemoved?.length) {
      await manager.query(`DELETE FROM license_claim WHERE tenant_id = $1 AND claim = ANY($2::text[])`, [
        tenantId,
        decision.claimsRemoved,
      ]);
    }
    for (const added of decision.claimsAdded ?? []) {
      await manager.query(
        `INSERT INTO license_claim (tenant_id, claim, holder_key, invitation_id, membership_id)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [tenantId, added.claim, holder.key, added.invitationId ?? null, added.membershipId ?? null],
      );
    }
    if (decision.endedSeat && 'keep' in decision.endedSeat) {
      await manager.query(
        `INSERT INTO ended_seat (tenant_id, claim, ended_at) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, claim) DO UPDATE SET ended_at = GREATEST(ended_seat.ended_at, EXCLUDED.ended_at)`,
        [tenantId, decision.endedSeat.keep, decision.endedSeat.endedAt],
      );
    } else if (decision.endedSeat) {
      await manager.query(`DELETE FROM ended_seat WHERE tenant_id = $1 AND claim = $2`, [
        tenantId,
        decision.endedSeat.forget,
      ]);
    }
    for (const published of decision.events ?? []) await this.publish(manager, event, published);
    const context = { tenantId, eventId: event.eventId, type: event.type, ...ids };
    if (decision.refusal) {
      this.logger.log({
        message: 'license refused',
        ...context,
        refusal: decision.refusal.code,
        reason: decision.refusal.message,
      });
    }
    if (decision.warning) this.logger.warn({ message: decision.warning, ...context });
  }

  /**
   * The pool changes in order, each with its ledger line. False when a change that takes an available license finds
   * none (the first and only change of such a decision); a reserved or consumed license the hold says is there but
   * the pool does not have is a broken invariant, and the transaction fails.
   */
  private async changePool(
    manager: EntityManager,
    event: EventEnvelope<object>,
    holderKey: string,
    changes: PoolChange[],
  ): Promise<boolean> {
    const pools = new PoolRepository(manager);
    for (const change of changes) {
      if (change.type === 'purchase') throw new Error('a purchase is not a saga change');
      const after = await pools.apply(event.tenantId, change);
      if (!after && (change.type === 'reserve' || change.type === 'consume_available')) return false;
      if (!after) {
        const missing = change.type === 'release' ? `${change.from} license to release` : 'reserved license';
        throw new Error(`pool of ${event.tenantId} has no ${missing} for ${holderKey}`);
      }
      const { kind, delta, invitationId } = ledgerEntryOf(change);
      await recordLedger(manager, {
        tenantId: event.tenantId,
        kind,
        delta,
        after,
        holderKey,
        invitationId,
        cause: event.eventId,
        actor: event.producer,
      });
    }
    return true;
  }

  private async publish(manager: EntityManager, cause: EventEnvelope<object>, event: LicenseEvent): Promise<void> {
    switch (event.type) {
      case 'LicenseReserved':
        return this.append(manager, cause, LicenseReserved, event.payload);
      case 'LicenseReservationRejected':
        return this.append(manager, cause, LicenseReservationRejected, event.payload);
      case 'LicenseConsumed':
        return this.append(manager, cause, LicenseConsumed, event.payload);
      case 'LicenseReleased':
        return this.append(manager, cause, LicenseReleased, event.payload);
      case 'ReactivationLicensed':
        return this.append(manager, cause, ReactivationLicensed, event.payload);
      case 'ReactivationRefused':
        return this.append(manager, cause, ReactivationRefused, event.payload);
    }
  }

  private async append<P extends object>(
    manager: EntityManager,
    cause: EventEnvelope<object>,
    definition: EventDefinition<P>,
    payload: PlainPayload<P>,
  ): Promise<void> {
    await this.outbox.append(manager, [
      this.outbox.create(definition, {
        tenantId: cause.tenantId,
        correlationId: cause.correlationId,
        causationId: cause.eventId,
        payload,
      }),
    ]);
  }
}
