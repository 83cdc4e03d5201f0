import type { ColumnType, Generated } from 'kysely'

/**
 * Long on purpose: one table interface per table, declarations only, read side by side with
 * migrations/*.sql. If it grows further, split it per table (`*.table.ts`) and assemble `Database` here.
 *
 * The database as Kysely sees it: snake_case, as in migrations/*.sql (the source of truth).
 * Repositories map rows to domain types; these row types never leave src/db.
 * jsonb columns are written as JSON text (pg would turn a JS array into a Postgres array).
 */
type Timestamp = ColumnType<Date, Date | string, Date | string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>
type Json<T> = ColumnType<T, string, string>

export interface LocalizedText {
  ru: string
  be: string
  en: string
}

export interface PhoneEntry {
  number: string
  label?: LocalizedText
  placeholder: boolean
}

export interface RegionTable {
  code: string
  name: Json<LocalizedText>
  timezone: string
  request_number_prefix: string
  weekend: number[]
}

export interface CalendarDaysTable {
  day: ColumnType<string, string, string>
  kind: 'holiday' | 'working'
}

export interface EmergencyNumbersTable {
  code: string
  phone: string
  name: Json<LocalizedText>
  sort_order: number
}

export interface DistrictsTable {
  id: Generated<number>
  code: string
  kind: 'city' | 'district'
  name: Json<LocalizedText>
  centre_lat: number
  centre_lon: number
  active: Generated<boolean>
}

export interface SettlementsTable {
  id: Generated<number>
  code: string
  district_id: number
  kind: 'city' | 'town' | 'urban_settlement' | 'village'
  name: Json<LocalizedText>
  active: Generated<boolean>
}

export interface OrganisationsTable {
  id: Generated<number>
  code: string
  type: string
  district_id: number | null
  name: Json<LocalizedText>
  phones: Json<PhoneEntry[]>
  working_hours: string | null
  active: Generated<boolean>
}

export interface CategoriesTable {
  id: Generated<number>
  code: string
  parent_id: number | null
  name: Json<LocalizedText>
  emergency: boolean
  hard_stop: Json<{ phone: string; message: LocalizedText } | null> | null
  not_our_competence: Json<{ phone: string | null; guidance: LocalizedText } | null> | null
  sla_accept_amount: number
  sla_accept_unit: 'minutes' | 'hours' | 'working_days'
  sla_fix_amount: number
  sla_fix_unit: 'minutes' | 'hours' | 'working_days'
  photo_required: boolean
  season: 'all' | 'winter' | 'summer' | 'heating'
  sort_order: number
  active: Generated<boolean>
}

export interface RoutingRulesTable {
  id: Generated<number>
  district_id: number
  category_id: number
  primary_organisation_id: number
  copy_organisation_ids: number[]
}

export interface UsersTable {
  id: Generated<number>
  display_name: string | null
  language: Generated<'ru' | 'be' | 'en'>
  phone: string | null
  consent_given_at: Timestamp | null
  notifications_enabled: Generated<boolean>
  home_settlement_id: number | null
  home_street: string | null
  home_house: string | null
  anonymised_at: Timestamp | null
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface ChannelIdentitiesTable {
  id: Generated<number>
  user_id: number
  channel: 'telegram' | 'viber' | 'phone'
  external_id: string
  unreachable_since: Timestamp | null
  unreachable_reason: string | null
  created_at: CreatedAt
}

export interface StaffMembershipsTable {
  id: Generated<number>
  user_id: number
  role: 'executor' | 'dispatcher' | 'district_admin' | 'region_admin'
  organisation_id: number | null
  district_id: number | null
  on_duty: Generated<boolean>
  created_by_user_id: number | null
  created_at: CreatedAt
  revoked_at: Timestamp | null
  revoked_by_user_id: number | null
}

export interface StaffInvitesTable {
  id: Generated<number>
  token_hash: string
  role: 'executor' | 'dispatcher' | 'district_admin' | 'region_admin'
  organisation_id: number | null
  district_id: number | null
  created_by_user_id: number | null
  created_at: CreatedAt
  expires_at: Timestamp
  used_at: Timestamp | null
  used_by_user_id: number | null
  revoked_at: Timestamp | null
}

export interface RequestNumberCountersTable {
  prefix: string
  year: number
  last_value: number
}

export interface RequestsTable {
  id: Generated<number>
  number: string
  category_id: number
  district_id: number
  settlement_id: number | null
  street: string | null
  house: string | null
  entrance: string | null
  flat: string | null
  address_text: string
  address_key: string
  location_lat: number | null
  location_lon: number | null
  description: string
  status: string
  priority: 'normal' | 'emergency'
  source: 'telegram' | 'viber' | 'phone' | 'web'
  author_user_id: number
  contact_phone: string | null
  primary_organisation_id: number | null
  copy_organisation_ids: number[]
  routing: Json<unknown>
  executor_user_id: number | null
  accept_due_at: Timestamp
  fix_due_at: Timestamp
  accepted_at: Timestamp | null
  done_at: Timestamp | null
  closed_at: Timestamp | null
  planned_period: string | null
  rejection_reason: string | null
  rejection_code: 'duplicate' | 'not-our-competence' | 'no-access' | 'not-housing' | 'other' | null
  rating: number | null
  rated_at: Timestamp | null
  rating_requested_at: Timestamp | null
  rating_reminded_at: Timestamp | null
  idempotency_key: string | null
  version: Generated<number>
  created_at: ColumnType<Date, Date | string | undefined, never>
  updated_at: UpdatedAt
}

export interface RequestFollowersTable {
  request_id: number
  user_id: number
  created_at: CreatedAt
}

export interface RequestEventsTable {
  id: Generated<number>
  request_id: number
  actor_user_id: number | null
  kind:
    | 'created'
    | 'status_changed'
    | 'assigned'
    | 'rerouted'
    | 'message'
    | 'photo_added'
    | 'rated'
    | 'followed'
    | 'escalated'
  from_status: string | null
  to_status: string | null
  note: string | null
  data: Json<Record<string, unknown>>
  created_at: CreatedAt
}

export interface RequestPhotosTable {
  id: Generated<number>
  request_id: number
  kind: 'before' | 'after'
  content: Buffer | null
  telegram_file_id: string | null
  mime_type: string
  size_bytes: number
  uploaded_by_user_id: number | null
  created_at: CreatedAt
}

export interface RequestMessagesTable {
  id: Generated<number>
  request_id: number
  kind: 'question' | 'answer' | 'official_answer' | 'comment'
  author_user_id: number | null
  body: string
  created_at: CreatedAt
}

export interface OutboxTable {
  id: Generated<number>
  queue: string
  job_name: string
  payload: Json<Record<string, unknown>>
  job_id: string | null
  priority: Generated<number>
  delay_ms: Generated<number>
  available_at: Generated<Date>
  locked_until: Timestamp | null
  attempts: Generated<number>
  last_error: string | null
  published_at: Timestamp | null
  created_at: CreatedAt
}

export interface PhotoUploadsTable {
  id: Generated<number>
  user_id: number
  content: Buffer
  mime_type: string
  size_bytes: number
  created_at: CreatedAt
}

export interface ProcessedUpdatesTable {
  channel: 'telegram' | 'viber'
  update_id: string
  processed_at: CreatedAt
}

export interface DeadLettersTable {
  id: Generated<number>
  queue: string
  job_name: string
  job_id: string
  payload: Json<Record<string, unknown>>
  reason: string
  attempts: number
  recipient_user_id: number | null
  failed_at: CreatedAt
  resolved_at: Timestamp | null
}

export interface NoticesTable {
  id: Generated<number>
  kind: 'planned_outage' | 'emergency_outage' | 'information'
  service: string
  area: Json<Record<string, unknown>>
  starts_at: Timestamp | null
  ends_at: Timestamp | null
  body: string
  photo_telegram_file_id: string | null
  state: 'draft' | 'scheduled' | 'sending' | 'sent' | 'cancelled' | 'ended'
  send_at: Timestamp | null
  planner_cursor: number | null
  planned_at: Timestamp | null
  created_by_user_id: number
  created_at: CreatedAt
  updated_at: UpdatedAt
  progress_chat_id: string | null
  progress_message_id: number | null
  progress_language: 'ru' | 'be' | 'en' | null
  progress_edited_at: Timestamp | null
  progress_shown: string | null
  parent_notice_id: number | null
  follow_up: 'correction' | 'ended' | null
}

export interface NoticeEventsTable {
  id: Generated<number>
  notice_id: number
  actor_user_id: number | null
  kind: 'created' | 'confirmed' | 'scheduled' | 'corrected' | 'cancelled' | 'ended'
  data: Json<Record<string, unknown>>
  created_at: CreatedAt
}

export interface NoticeDeliveriesTable {
  notice_id: number
  user_id: number
  channel: 'telegram' | 'viber'
  state: 'pending' | 'sending' | 'sent' | 'failed' | 'unreachable' | 'cancelled'
  attempts: Generated<number>
  last_error: string | null
  sent_at: Timestamp | null
  sending_at: Timestamp | null
  created_at: CreatedAt
}

export interface SubscriptionsTable {
  id: Generated<number>
  user_id: number
  district_id: number
  settlement_id: number | null
  street: string | null
  created_at: CreatedAt
}

export interface SentMessagesTable {
  job_id: string
  user_id: number | null
  state: 'sending' | 'sent' | 'skipped'
  created_at: CreatedAt
  sent_at: Timestamp | null
}

export interface OrganisationChatsTable {
  id: Generated<number>
  organisation_id: number
  chat_id: string
  language: Generated<'ru' | 'be' | 'en'>
  linked_by_user_id: number | null
  linked_at: CreatedAt
  unlinked_at: Timestamp | null
}

export interface Database {
  region: RegionTable
  calendar_days: CalendarDaysTable
  emergency_numbers: EmergencyNumbersTable
  districts: DistrictsTable
  settlements: SettlementsTable
  organisations: OrganisationsTable
  categories: CategoriesTable
  routing_rules: RoutingRulesTable
  users: UsersTable
  channel_identities: ChannelIdentitiesTable
  staff_memberships: StaffMembershipsTable
  staff_invites: StaffInvitesTable
  request_number_counters: RequestNumberCountersTable
  requests: RequestsTable
  request_followers: RequestFollowersTable
  request_events: RequestEventsTable
  request_photos: RequestPhotosTable
  request_messages: RequestMessagesTable
  outbox: OutboxTable
  processed_updates: ProcessedUpdatesTable
  dead_letters: DeadLettersTable
  notices: NoticesTable
  subscriptions: SubscriptionsTable
  sent_messages: SentMessagesTable
  notice_deliveries: NoticeDeliveriesTable
  notice_events: NoticeEventsTable
  organisation_chats: OrganisationChatsTable
  photo_uploads: PhotoUploadsTable
}
