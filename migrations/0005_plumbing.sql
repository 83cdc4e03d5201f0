-- Delivery plumbing: the transactional outbox, inbound de-duplication, dead letters.

-- Written in the same transaction as the change that causes the message; a relay
-- publishes rows to the queue with the row id as job id.
create table outbox (
  id bigint generated always as identity primary key,
  queue text not null,
  job_name text not null,
  payload jsonb not null,
  -- a deterministic job id when the job must be findable (e.g. rate-<request id>); else ob-<id>
  job_id text,
  priority integer not null default 1 check (priority between 1 and 2097152),
  delay_ms integer not null default 0 check (delay_ms >= 0),
  available_at timestamptz not null default now(),
  locked_until timestamptz,
  attempts integer not null default 0,
  last_error text,
  published_at timestamptz,
  created_at timestamptz not null default now()
);
-- partial: proportional to the backlog, not the history
create index outbox_pending on outbox (available_at) where published_at is null;

create table processed_updates (
  channel text not null check (channel in ('telegram', 'viber')),
  update_id text not null,
  processed_at timestamptz not null default now(),
  primary key (channel, update_id)
);
create index processed_updates_age on processed_updates (processed_at);

create table dead_letters (
  id integer generated always as identity primary key,
  queue text not null,
  job_name text not null,
  job_id text not null,
  payload jsonb not null,
  reason text not null,
  attempts integer not null,
  recipient_user_id integer references users (id),
  failed_at timestamptz not null default now(),
  resolved_at timestamptz,
  unique (queue, job_id)
);
create index dead_letters_open on dead_letters (failed_at) where resolved_at is null;
