/** Tables of the support desk: tickets, their messages, files and events, and scheduled 2FA resets. */
/** Support tickets (src/tickets/). Filed without signing in, a ticket waits for its mailed link. */
export interface TicketsTable {
  id: string;
  /** Set when filed signed in, or when the confirmed address belongs to an account. */
  account_id: string | null;
  email: string;
  category: string;
  error_code: number | null;
  device_model: string | null;
  occurred_at: number | null;
  /** 'en' | 'zh-CN': the language of the mails about this ticket (Accept-Language at filing). */
  locale: string;
  status: string;
  filed_ip: string;
  /** SHA-256 of the mailed confirmation token; the link works once, until confirm_expires_at. */
  confirm_token_hash: string | null;
  confirm_expires_at: number | null;
  /** SHA-256 of the requester's `Authorization: Ticket` token. */
  access_token_hash: string | null;
  created_at: number;
  confirmed_at: number | null;
  due_at: number | null;
  updated_at: number;
  /** Set on resolve or close; evidence is deleted a retention period after it. */
  closed_at: number | null;
  /** JSON {action, at, by}. */
  resolution: string | null;
}

export interface TicketMessagesTable {
  id: string;
  ticket_id: string;
  /** 'requester' | 'staff' */
  author: string;
  author_email: string;
  body: string;
  created_at: number;
}

/** Uploaded images: the bytes are files under dataDir/support/ named by storage_name, never by the client. */
export interface TicketFilesTable {
  id: string;
  ticket_id: string;
  message_id: string;
  /** 'attachment' | 'id_photo' | 'selfie' (the last two are identity evidence, staff only, sealed). */
  kind: string;
  /** From the bytes (sniffed), never from the client. */
  media_type: string;
  size_bytes: number;
  storage_name: string;
  /** 1 when the file is sealed with the evidence key. */
  sealed: number;
  created_at: number;
  deleted_at: number | null;
}

/** A ticket's status history. */
export interface TicketEventsTable {
  id: string;
  ticket_id: string;
  at: number;
  from_status: string | null;
  to_status: string;
  /** 'requester', a staff email, 'cli' or 'system'. */
  actor: string;
}

/** Second-factor resets approved by staff, waiting out their hold (src/recovery/two-factor-reset.ts). */
export interface TwoFactorResetsTable {
  id: string;
  account_id: string;
  ticket_id: string | null;
  /** 'scheduled' | 'cancelled' | 'done' */
  status: string;
  requested_by: string;
  locale: string;
  /** SHA-256 of the mailed cancel token. */
  cancel_token_hash: string;
  created_at: number;
  due_at: number;
  cancelled_at: number | null;
  done_at: number | null;
}
