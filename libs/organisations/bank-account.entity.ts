import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('organisation_bank_accounts')
export class BankAccount {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') organisationId: string;
  @Column() label: string;
  @Column() iban: string;
  @Column({ type: 'text', nullable: true }) bic: string | null;
  @Column() isDefault: boolean;
  @Column({ type: 'timestamptz' }) createdAt: Date;
}
