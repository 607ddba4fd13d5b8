/**
 * Every queue and job of Dachwerk, declared once. The worker refuses to start
 * when a job here has no handler; producers can only enqueue names listed here.
 * Jobs carry ids, never business data: the handler reads what it needs from Postgres.
 */
export const JOBS = {
  /** Proves the worker is alive and consuming; writes a worker_heartbeats row. */
  'system.heartbeat': { queue: 'system' },
  /** Deletes sessions that ended more than a day ago. */
  'auth.purge-sessions': { queue: 'maintenance', everyMs: 60 * 60 * 1000 },
  /** Renders a receipt's PDF from its stored row and attaches it (job id `receipt-<id>`). */
  'receipts.render': { queue: 'documents' },
  /** Re-enqueues receipts recorded but not rendered (Redis lost the job, worker died). */
  'receipts.reconcile': { queue: 'maintenance', everyMs: 60 * 1000 },
  /** Works through an annual receipt run (job id `receipt-run-<id>`); resumable. */
  'receipts.run': { queue: 'documents' },
  /** Sends a receipt by e-mail (job id `receipt-delivery-<id>`); the delivery row records it. */
  'receipts.send': { queue: 'mail' },
  /** Forgets Idempotency-Keys after a week; a client retries within minutes, not weeks. */
  'system.purge-idempotency-keys': { queue: 'maintenance', everyMs: 24 * 60 * 60 * 1000 },
  /** Renders a fee run's pre-notifications or a dunning run's letters into one PDF. */
  'membership.letters': { queue: 'documents' },
  /** Re-enqueues letters of runs that have none after a minute. */
  'membership.reconcile': { queue: 'maintenance', everyMs: 60 * 1000 },
  /** Erases restricted leavers whose retention period (§147 AO) has passed. */
  'membership.erase-expired': { queue: 'maintenance', everyMs: 24 * 60 * 60 * 1000 },
  /** Erases restricted donors whose retention period (§147 AO) has passed. */
  'donations.erase-expired': { queue: 'maintenance', everyMs: 24 * 60 * 60 * 1000 },
  /** Tells the applicant about a decision on their application (e-mail when SMTP is configured). */
  'funding.notify': { queue: 'mail' },
  /** Proof-of-use reminders 30 and 7 days ahead; overdue the day after. */
  'funding.proof-reminders': { queue: 'maintenance', everyMs: 6 * 60 * 60 * 1000 },
  /** Re-enqueues outbox jobs Redis lost or BullMQ gave up on (every enqueued kind). */
  'system.reconcile-outbox': { queue: 'maintenance', everyMs: 60 * 1000 },
} as const satisfies Record<string, JobDefinition>;

export interface JobDefinition {
  queue: string;
  /** Repeat on this interval (scheduled by the worker at boot). */
  everyMs?: number;
}

export type JobName = keyof typeof JOBS;

/** Payload of each job; ids only. */
export interface JobPayloads {
  'system.heartbeat': { note?: string };
  'auth.purge-sessions': Record<string, never>;
  'system.purge-idempotency-keys': Record<string, never>;
  'receipts.render': { receiptId: string };
  'receipts.reconcile': Record<string, never>;
  'receipts.run': { runId: string };
  'receipts.send': { deliveryId: string };
  'membership.letters': { kind: 'pre-notification' | 'dunning'; runId: string };
  'membership.reconcile': Record<string, never>;
  'membership.erase-expired': Record<string, never>;
  'donations.erase-expired': Record<string, never>;
  'funding.notify': { applicationId: string; status: string };
  'funding.proof-reminders': Record<string, never>;
  'system.reconcile-outbox': Record<string, never>;
}

export const QUEUE_NAMES: string[] = [...new Set(Object.values(JOBS).map((job) => job.queue))];

export function jobsOfQueue(queue: string): JobName[] {
  return (Object.keys(JOBS) as JobName[]).filter((name) => JOBS[name].queue === queue);
}
