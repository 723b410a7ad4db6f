import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  PortalUserDeactivationReason,
  type ErpAccessChange,
  type CompanyUpserted,
  type ContactDeleted,
  type ContactUpserted,
  type EventOf,
  type PartnerDeleted,
  type PartnerUpserted,
} from '@partner-portal/contracts';
import { ErpMirror, type AppliedUpsert, type ContactKey, type PartnerKey } from '@partner-portal/erp-mirror';
import { PortalUsersService } from '../portal-users/portal-users.service';

/**
 * The ERP mirror, plus what partner-identity does when the ERP closes the portal to someone: the portal users of a
 * deleted contact or partner, of a partner blocked or with its portal switched off, and of a contact no longer marked
 * as portal contact lose access.
 */
@Injectable()
export class MasterDataService {
  constructor(private readonly portalUsers: PortalUsersService) {}

  upsertCompany(manager: EntityManager, event: EventOf<typeof CompanyUpserted>): Promise<boolean> {
    return new ErpMirror(manager).upsertCompany(event);
  }

  async upsertPartner(manager: EntityManager, event: EventOf<typeof PartnerUpserted>): Promise<AppliedUpsert | null> {
    const applied = await new ErpMirror(manager).upsertPartner(event);
    if (applied?.accessEnded)
      await this.endAccess(manager, { tenantId: event.tenantId, ...event.payload }, applied.accessEnded, event);
    return applied;
  }

  async upsertContact(manager: EntityManager, event: EventOf<typeof ContactUpserted>): Promise<AppliedUpsert | null> {
    const applied = await new ErpMirror(manager).upsertContact(event);
    if (applied?.accessEnded)
      await this.endAccess(manager, { tenantId: event.tenantId, ...event.payload }, applied.accessEnded, event);
    return applied;
  }

  private endAccess(
    manager: EntityManager,
    key: PartnerKey | ContactKey,
    erpChange: ErpAccessChange,
    cause: EventOf<typeof PartnerUpserted> | EventOf<typeof ContactUpserted>,
  ): Promise<number> {
    return this.portalUsers.deactivateByErp(
      manager,
      key,
      { reason: PortalUserDeactivationReason.Erp, erpChange },
      cause,
    );
  }

  /** Marks the partner deleted and deactivates the portal users of all its contacts. */
  async deletePartner(manager: EntityManager, event: EventOf<typeof PartnerDeleted>): Promise<boolean> {
    if (!(await new ErpMirror(manager).deletePartner(event))) return false;
    const key = { tenantId: event.tenantId, ...event.payload };
    await this.portalUsers.deactivateByErp(
      manager,
      key,
      { reason: PortalUserDeactivationReason.PartnerDeleted },
      event,
    );
    return true;
  }

  /** Marks the contact deleted and deactivates its portal user. */
  async deleteContact(manager: EntityManager, event: EventOf<typeof ContactDeleted>): Promise<boolean> {
    if (!(await new ErpMirror(manager).deleteContact(event))) return false;
    const key = { tenantId: event.tenantId, ...event.payload };
    await this.portalUsers.deactivateByErp(
      manager,
      key,
      { reason: PortalUserDeactivationReason.ContactDeleted },
      event,
    );
    return true;
  }
}
