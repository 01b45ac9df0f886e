/** Ticket categories, their accepted aliases, and which ones ask for identity evidence. */

export const TICKET_CATEGORIES = ['account_frozen', 'reset_2fa', 'region_change', 'login_error', 'compromised', 'other'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

/** Other names clients use for the same thing (the help pages and older apps). */
const ALIASES: Record<string, TicketCategory> = { '2fa_reset': 'reset_2fa', login_problem: 'login_error' };

/** The canonical category for a name or alias, or null when it is neither. */
export function canonicalCategory(name: string): TicketCategory | null {
  if ((TICKET_CATEGORIES as readonly string[]).includes(name)) return name as TicketCategory;
  return Object.hasOwn(ALIASES, name) ? ALIASES[name]! : null;
}

/** Categories where staff must be able to check who is asking: an ID photo and a selfie are requested. */
export function asksForEvidence(category: string): boolean {
  return category === 'account_frozen' || category === 'reset_2fa';
}

export const TICKET_STATUSES = ['awaiting_confirmation', 'open', 'waiting_on_user', 'answered', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];

/** Statuses of a confirmed ticket that is still being worked on. */
export const ACTIVE_STATUSES: TicketStatus[] = ['open', 'waiting_on_user', 'answered'];
