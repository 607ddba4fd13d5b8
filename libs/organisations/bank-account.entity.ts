import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('organisation_bank_accounts')
export class BankAccount {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column() label: string;
  @Column() iban: string;
  @Column({ type: 'text', nullable: true }) bic: string | null;
  @Column() isDefault: boolean;
  /** The SKR 42 account its money is booked on (bank statements, payouts). */
  @Column() ledgerAccount: number;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
