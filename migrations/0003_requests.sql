-- Requests and everything that happens to them.

-- One counter per prefix and year: numbers like GR-26-004217 restart every year.
create table request_number_counters (
  prefix text not null,
  year smallint not null,
  last_value integer not null,
  primary key (prefix, year)
);

create table requests (
  id integer generated always as identity primary key,
  number text not null unique,
  category_id integer not null references categories (id),
  district_id integer not null references districts (id),
  settlement_id integer references settlements (id),
  street text,
  house text,
  entrance text,
  flat text,
  -- the whole address as the resident confirmed it
  address_text text not null check (char_length(address_text) between 1 and 500),
  -- normalised settlement + street + house: finds open requests at the same address
  address_key text not null,
  location_lat double precision check (location_lat between -90 and 90),
  location_lon double precision check (location_lon between -180 and 180),
  description text not null check (char_length(description) between 1 and 4000),
  -- mirrors REQUEST_STATUSES in src/core/requests/status.ts
  status text not null default 'new' check (status in ('new', 'accepted', 'in_progress', 'needs_info', 'done',
                                                       'closed', 'rejected', 'planned', 'reopened', 'rerouted')),
  priority text not null default 'normal' check (priority in ('normal', 'emergency')),
  source text not null check (source in ('telegram', 'viber', 'phone', 'web')),
  author_user_id integer not null references users (id),
  contact_phone text,
  -- null: no routing rule matched; the request waits in the region triage queue
  primary_organisation_id integer references organisations (id),
  copy_organisation_ids integer[] not null default '{}',
  -- the routing decision as it was made: {"kind": "routed", "ruleId": …} or {"kind": "unrouted", "reason": …}
  routing jsonb not null,
  executor_user_id integer references users (id),
  accept_due_at timestamptz not null,
  fix_due_at timestamptz not null,
  accepted_at timestamptz,
  done_at timestamptz,
  closed_at timestamptz,
  planned_period text,
  rejection_reason text,
  rating smallint check (rating between 1 and 5),
  rated_at timestamptz,
  -- the confirmed draft's id: a second "send" of the same draft finds the first request
  idempotency_key text unique,
  -- bumped on every change; writers compare it to avoid lost updates
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((location_lat is null) = (location_lon is null)),
  check (status <> 'rejected' or rejection_reason is not null),
  check (status <> 'planned' or planned_period is not null)
);

-- a district's (and an organisation's) open requests by age
create index requests_open_by_district on requests (district_id, created_at)
  where status not in ('done', 'closed', 'rejected');
create index requests_open_by_organisation on requests (primary_organisation_id, created_at)
  where status not in ('done', 'closed', 'rejected');
-- a user's requests, newest first
create index requests_by_author on requests (author_user_id, created_at desc);
-- open requests at an address + category (duplicates)
create index requests_open_by_address on requests (address_key, category_id)
  where status not in ('done', 'closed', 'rejected');
-- overdue sweeps
create index requests_open_fix_due on requests (fix_due_at) where status not in ('done', 'closed', 'rejected');
create index requests_executor on requests (executor_user_id) where executor_user_id is not null;

-- residents who follow a request filed by someone else (same problem, same address)
create table request_followers (
  request_id integer not null references requests (id),
  user_id integer not null references users (id),
  created_at timestamptz not null default now(),
  primary key (request_id, user_id)
);
create index request_followers_user on request_followers (user_id);

-- The full history. Append-only: rows are never updated or deleted (trigger below).
create table request_events (
  id bigint generated always as identity primary key,
  request_id integer not null references requests (id),
  -- null: the system (rating timeout, sweeper)
  actor_user_id integer references users (id),
  kind text not null check (kind in ('created', 'status_changed', 'assigned', 'rerouted', 'message',
                                     'photo_added', 'rated', 'followed', 'escalated')),
  from_status text,
  to_status text,
  note text,
  data jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index request_events_request on request_events (request_id, id);

create function forbid_change() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name;
end;
$$;
create trigger request_events_append_only before update or delete on request_events
  for each row execute function forbid_change();

create table request_photos (
  id integer generated always as identity primary key,
  request_id integer not null references requests (id),
  kind text not null check (kind in ('before', 'after')),
  -- a photo is kept as bytes (e.g. from Viber, whose media links expire) or as a Telegram file id
  content bytea,
  telegram_file_id text,
  mime_type text not null,
  size_bytes integer not null check (size_bytes > 0 and size_bytes <= 10485760),
  uploaded_by_user_id integer references users (id),
  created_at timestamptz not null default now(),
  check (content is not null or telegram_file_id is not null)
);
create index request_photos_request on request_photos (request_id);

create table request_messages (
  id integer generated always as identity primary key,
  request_id integer not null references requests (id),
  kind text not null check (kind in ('question', 'answer', 'official_answer', 'comment')),
  author_user_id integer references users (id),
  body text not null check (char_length(body) between 1 and 4000),
  created_at timestamptz not null default now()
);
create index request_messages_request on request_messages (request_id, id);
