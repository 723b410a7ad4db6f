import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  PortalUserDeactivationReason,
  type CompanyUpserted,
  type ContactDeleted,
  type ContactUpserted,
  type EventOf,
  type PartnerDeleted,
  type PartnerUpserted,
} from '@partner-portal/contracts';
import { ErpMirror } from '@partner-portal/erp-mirror';
import { PortalUsersService } from '../portal-users/portal-users.service';

/** The ERP mirror, plus what partner-identity does about deletions: the portal users of what is gone lose access. */
@Injectable()
export class MasterDataService {
  constructor(private readonly portalUsers: PortalUsersService) {}

  upsertCompany(manager: EntityManager, event: EventOf<typeof CompanyUpserted>): Promise<boolean> {
    return new ErpMirror(manager).upsertCompany(event);
  }

  upsertPartner(manager: EntityManager, event: EventOf<typeof PartnerUpserted>): Promise<boolean> {
    return new ErpMirror(manager).upsertPartner(event);
  }

  upsertContact(manager: EntityManager, event: EventOf<typeof ContactUpserted>): Promise<boolean> {
    return new ErpMirror(manager).upsertContact(event);
  }

  /** Marks the partner deleted and deactivates the portal users of all its contacts. */
  async deletePartner(manager: EntityManager, event: EventOf<typeof PartnerDeleted>): Promise<boolean> {
    if (!(await new ErpMirror(manager).deletePartner(event))) return false;
    const key = { tenantId: event.tenantId, ...event.payload };
    await this.portalUsers.deactivateDeleted(manager, key, PortalUserDeactivationReason.PartnerDeleted, event);
    return true;
  }

  /** Marks the contact deleted and deactivates its portal user. */
  async deleteContact(manager: EntityManager, event: EventOf<typeof ContactDeleted>): Promise<boolean> {
    if (!(await new ErpMirror(manager).deleteContact(event))) return false;
    const key = { tenantId: event.tenantId, ...event.payload };
    await this.portalUsers.deactivateDeleted(manager, key, PortalUserDeactivationReason.ContactDeleted, event);
    return true;
  }
}
