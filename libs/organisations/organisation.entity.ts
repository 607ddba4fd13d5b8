import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const LEGAL_FORMS = [
  'eingetragener_verein',
  'nicht_eingetragener_verein',
  'stiftung',
  'ggmbh',
  'other',
] as const;
export type LegalForm = (typeof LEGAL_FORMS)[number];

/** A tenant (Mandant): the umbrella or a club whose administration it does. */
@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'text' }) legalForm: LegalForm;
  @Column() isUmbrella: boolean;
  @Column() street: string;
  @Column() postalCode: string;
  @Column() city: string;
  @Column() country: string;
  @Column({ type: 'text', nullable: true }) registerCourt: string | null;
  @Column({ type: 'text', nullable: true }) registerNumber: string | null;
  @Column({ type: 'text', nullable: true }) taxNumber: string | null;
  /** Finanzamt */
  @Column({ type: 'text', nullable: true }) taxOffice: string | null;
  @Column({ type: 'text', array: true }) purposes: string[];
  /** The Finanzamt was told that receipts are produced by machine (no signature). */
  @Column() isReceiptMachineSigned: boolean;
  @Column({ type: 'text', nullable: true }) sepaCreditorId: string | null;
  /** Initiative users see which board members decided on their applications (default: hidden). */
  @Column({ default: false }) publishesDeciders: boolean;
  @Column({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz' }) updatedAt: Date;
}
