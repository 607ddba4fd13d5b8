import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const EXEMPTION_KINDS = ['freistellungsbescheid', 'feststellung_60a'] as const;
export type ExemptionKind = (typeof EXEMPTION_KINDS)[number];

/**
 * The basis on which an organisation may issue donation receipts: a
 * Freistellungsbescheid (for assessment periods) or a §60a AO Feststellung.
 */
@Entity('exemption_notices')
export class ExemptionNotice {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column({ type: 'text' }) kind: ExemptionKind;
  @Column({ type: 'date' }) issuedOn: string;
  @Column() taxOffice: string;
  @Column({ type: 'text', nullable: true }) taxNumber: string | null;
  @Column({ type: 'date', nullable: true }) periodFrom: string | null;
  @Column({ type: 'date', nullable: true }) periodTo: string | null;
  @Column({ type: 'text', array: true }) purposes: string[];
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
