import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  LicenseConsumed,
  LicenseReleased,
  LicenseReleaseReason,
  LicenseReservationRejected,
  LicenseReservationRejectionReason,
  LicenseReserved,
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
} from '@partner-portal/contracts';
import { Outbox } from '@partner-portal/messaging';
import { recordLedger } from '../ledger/ledger';
import { ExtensionStatusService } from '../module-status/extension-status.service';
import { deactivationEndsAcceptance, holderKeyOf, invitationClaim, seatClaim } from '../pool/license-arithmetic';
import { PoolRepository, returnedRows } from '../pool/pool.repository';

type HoldState = 'reserved' | 'consumed';

/** `InvitationRequested` in either version: a license is held the same way whoever asked. */
type RequestedInvitation = EventOf<typeof InvitationRequested> | EventOf<typeof InvitationRequestedVersion2>;

/**
 * The license side of the invitation saga. A person (holder key: normalized e-mail) holds at most one license per
 * tenant, whatever holds it: each open invitation and each active seat is a claim on it. The first claim takes a
 * license from the pool; the last one to go gives it back.
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
    const holderKey = holderKeyOf(payload.email);
    const claim = invitationClaim(payload.invitationId);
    const pools = new PoolRepository(manager);
    const pool = await pools.get(tenantId);
    if (await this.hasClaim(manager, tenantId, claim)) return;

    const installed = await this.extensions.isInstalled(manager, tenantId, payload.environment, payload.companyId);
    if (!pool.serverModuleActive || !installed) {
      return this.reject(manager, event, LicenseReservationRejectionReason.ModuleInactive);
    }
    const hold = await this.lockHold(manager, tenantId, holderKey);
    if (!hold) {
      const after = await pools.reserveOne(tenantId);
      if (!after) return this.reject(manager, event, LicenseReservationRejectionReason.NoLicenseAvailable);
      await manager.query(`INSERT INTO license_hold (tenant_id, holder_key, state) VALUES ($1, $2, 'reserved')`, [
        tenantId,
        holderKey,
      ]);
      await recordLedger(manager, {
        tenantId,
        kind: 'reservation',
        delta: { reserved: 1 },
        after,
        holderKey,
        invitationId: payload.invitationId,
        cause: event.eventId,
        actor: event.producer,
      });
    }
    await this.addClaim(manager, tenantId, claim, holderKey, { invitationId: payload.invitationId });
    await this.publish(manager, event, LicenseReserved, {
      invitationId: payload.invitationId,
      holderKey,
      reused: hold !== undefined,
    });
  }

  /** `InviteAccepted`: the invitation's claim becomes a seat's, and a reserved license becomes consumed. */
  async consume(manager: EntityManager, event: EventOf<typeof InviteAccepted>): Promise<void> {
    const { tenantId, payload } = event;
    const holderKey = holderKeyOf(payload.email);
    const hold = await this.lockHold(manager, tenantId, holderKey);
    const removed = await this.removeClaim(manager, tenantId, invitationClaim(payload.invitationId));
    if (!hold || !removed) {
      this.logger.warn({
        message: 'accepted invitation holds no license',
        invitationId: payload.invitationId,
        tenantId,
      });
      return;
    }
    await this.addClaim(manager, tenantId, seatClaim(payload), holderKey, { invitationId: payload.invitationId });
    if (hold === 'reserved') {
      const after = await new PoolRepository(manager).consumeReserved(tenantId);
      if (!after) throw new Error(`pool of ${tenantId} has no reserved license for ${holderKey}`);
      await manager.query(
        `UPDATE license_hold SET state = 'consumed', updated_at = now() WHERE tenant_id = $1 AND holder_key = $2`,
        [tenantId, holderKey],
      );
      await recordLedger(manager, {
        tenantId,
        kind: 'consumption',
        delta: { reserved: -1, consumed: 1 },
        after,
        holderKey,
        invitationId: payload.invitationId,
        cause: event.eventId,
        actor: event.producer,
      });
    }
    await this.publish(manager, event, LicenseConsumed, { invitationId: payload.invitationId, holderKey });
    // The user was deactivated before this acceptance reached us: the seat ends now, as it would have in order.
    if (await this.takeEndedSeat(manager, tenantId, seatClaim(payload), new Date(payload.acceptedAt))) {
      await this.removeClaim(manager, tenantId, seatClaim(payload));
      await this.releaseIfUnclaimed(manager, event, holderKey, LicenseReleaseReason.UserDeactivated, {
        invitationId: payload.invitationId,
      });
    }
  }

  /** `InviteExpired` / `InviteRevoked`: the invitation no longer holds the license. */
  async endInvitation(
    manager: EntityManager,
    event: EventEnvelope<InvitationTargetV1>,
    reason: LicenseReleaseReason.InviteExpired | LicenseReleaseReason.InviteRevoked,
  ): Promise<void> {
    const { tenantId, payload } = event;
    const holderKey = holderKeyOf(payload.email);
    await this.lockHold(manager, tenantId, holderKey);
    if (!(await this.removeClaim(manager, tenantId, invitationClaim(payload.invitationId)))) return;
    await this.releaseIfUnclaimed(manager, event, holderKey, reason, { invitationId: payload.invitationId });
  }

  /** `PortalUserDeactivated`: the seat no longer holds the license. */
  async endSeat(manager: EntityManager, event: EventOf<typeof PortalUserDeactivated>): Promise<void> {
    const { tenantId, payload } = event;
    const holderKey = holderKeyOf(payload.email);
    await this.lockHold(manager, tenantId, holderKey);
    if (!(await this.removeClaim(manager, tenantId, seatClaim(payload)))) {
      // No seat yet: the acceptance is still on its way (another topic); it will find this and end at once.
      await manager.query(
        `INSERT INTO ended_seat (tenant_id, claim, ended_at) VALUES ($1, $2, $3)
         ON CONFLICT (tenant_id, claim) DO UPDATE SET ended_at = GREATEST(ended_seat.ended_at, EXCLUDED.ended_at)`,
        [tenantId, seatClaim(payload), event.occurredAt],
      );
      return;
    }
    await this.releaseIfUnclaimed(manager, event, holderKey, LicenseReleaseReason.UserDeactivated, {
      membershipId: payload.membershipId,
    });
  }

  /**
   * `PortalUserActivated` without an invitation (a reactivation): the seat claims a license again, from the person's
   * hold when it has one, else from the pool. With none available the user is active without a license; the
   * service logs it (the event flow cannot refuse a reactivation after the fact).
   */
  async resumeSeat(manager: EntityManager, event: EventOf<typeof PortalUserActivated>): Promise<void> {
    const { tenantId, payload } = event;
    if (payload.invitationId) return; // An activation from an invitation was counted on InviteAccepted.
    await manager.query(`DELETE FROM ended_seat WHERE tenant_id = $1 AND claim = $2`, [tenantId, seatClaim(payload)]);
    const holderKey = holderKeyOf(payload.email);
    const hold = await this.lockHold(manager, tenantId, holderKey);
    if (!hold) {
      const after = await new PoolRepository(manager).consumeOneAvailable(tenantId);
      if (!after) {
        this.logger.warn({
          message: 'portal user reactivated without an available license',
          tenantId,
          membershipId: payload.membershipId,
        });
        return;
      }
      await manager.query(`INSERT INTO license_hold (tenant_id, holder_key, state) VALUES ($1, $2, 'consumed')`, [
        tenantId,
        holderKey,
      ]);
      await recordLedger(manager, {
        tenantId,
        kind: 'consumption',
        delta: { consumed: 1 },
        after,
        holderKey,
        cause: event.eventId,
        actor: event.producer,
      });
    }
    await this.addClaim(manager, tenantId, seatClaim(payload), holderKey, { membershipId: payload.membershipId });
  }

  /** Takes a deactivation kept for this seat; true when it ends the acceptance of `acceptedAt`. */
  private async takeEndedSeat(
    manager: EntityManager,
    tenantId: string,
    claim: string,
    acceptedAt: Date,
  ): Promise<boolean> {
    const [ended] = returnedRows<{ ended_at: Date }>(
      await manager.query(`DELETE FROM ended_seat WHERE tenant_id = $1 AND claim = $2 RETURNING ended_at`, [
        tenantId,
        claim,
      ]),
    );
    return ended !== undefined && deactivationEndsAcceptance(new Date(ended.ended_at), acceptedAt);
  }

  private async releaseIfUnclaimed(
    manager: EntityManager,
    event: EventEnvelope<object>,
    holderKey: string,
    reason: LicenseReleaseReason,
    ids: { invitationId?: string; membershipId?: string },
  ): Promise<void> {
    const { tenantId } = event;
    const [{ remaining }] = await manager.query(
      `SELECT count(*)::int AS remaining FROM license_claim WHERE tenant_id = $1 AND holder_key = $2`,
      [tenantId, holderKey],
    );
    if (remaining > 0) return;
    const [deleted] = returnedRows<{ state: HoldState }>(
      await manager.query(`DELETE FROM license_hold WHERE tenant_id = $1 AND holder_key = $2 RETURNING state`, [
        tenantId,
        holderKey,
      ]),
    );
    const from: HoldState = deleted.state;
    const after = await new PoolRepository(manager).release(tenantId, from);
    if (!after) throw new Error(`pool of ${tenantId} has no ${from} license to release for ${holderKey}`);
    await recordLedger(manager, {
      tenantId,
      kind: 'release',
      delta: { [from]: -1 },
      after,
      holderKey,
      invitationId: ids.invitationId,
      cause: event.eventId,
      actor: event.producer,
    });
    await this.publish(manager, event, LicenseReleased, { holderKey, reason, ...ids });
  }

  private async reject(
    manager: EntityManager,
    event: RequestedInvitation,
    reason: LicenseReservationRejectionReason,
  ): Promise<void> {
    await this.publish(manager, event, LicenseReservationRejected, {
      invitationId: event.payload.invitationId,
      reason,
    });
  }

  /** The person's hold, locked for the rest of the transaction, or undefined. */
  private async lockHold(manager: EntityManager, tenantId: string, holderKey: string): Promise<HoldState | undefined> {
    const [row] = await manager.query(
      `SELECT state FROM license_hold WHERE tenant_id = $1 AND holder_key = $2 FOR UPDATE`,
      [tenantId, holderKey],
    );
    return row?.state;
  }

  private async hasClaim(manager: EntityManager, tenantId: string, claim: string): Promise<boolean> {
    const rows = await manager.query(`SELECT 1 FROM license_claim WHERE tenant_id = $1 AND claim = $2`, [
      tenantId,
      claim,
    ]);
    return rows.length > 0;
  }

  private async addClaim(
    manager: EntityManager,
    tenantId: string,
    claim: string,
    holderKey: string,
    ids: { invitationId?: string; membershipId?: string },
  ): Promise<void> {
    await manager.query(
      `INSERT INTO license_claim (tenant_id, claim, holder_key, invitation_id, membership_id)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [tenantId, claim, holderKey, ids.invitationId ?? null, ids.membershipId ?? null],
    );
  }

  private async removeClaim(manager: EntityManager, tenantId: string, claim: string): Promise<boolean> {
    const rows = returnedRows(
      await manager.query(`DELETE FROM license_claim WHERE tenant_id = $1 AND claim = $2 RETURNING 1`, [
        tenantId,
        claim,
      ]),
    );
    return rows.length > 0;
  }

  private async publish<P extends object>(
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
