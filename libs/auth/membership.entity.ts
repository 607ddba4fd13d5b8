import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { Role } from '@dachwerk/shared';

/** A role of a user in an organisation. */
@Entity('memberships')
export class Membership {
  @PrimaryColumn('uuid') userId: string;
  @PrimaryColumn('uuid') organisationId: string;
  @PrimaryColumn({ type: 'text' }) role: Role;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
