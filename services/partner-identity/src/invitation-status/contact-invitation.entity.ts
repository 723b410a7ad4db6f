import { Column, Entity } from 'typeorm';
import { ContactKeyColumns } from '@partner-portal/erp-mirror';

/** The latest invitation of a contact, from `invitations.events`: open until accepted, revoked or expired. */
@Entity({ name: 'contact_invitation' })
export class ContactInvitation extends ContactKeyColumns {
  @Column({ name: 'invitation_id', type: 'uuid' })
  invitationId!: string;

  @Column({ type: 'boolean' })
  open!: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
