-- Outage notices, their deliveries and the residents' subscriptions to an area.

create table notices (
  id integer generated always as identity primary key,
  kind text not null check (kind in ('planned_outage', 'emergency_outage', 'information')),
  service text not null check (service in ('water', 'hot_water', 'heating', 'electricity', 'gas', 'sewerage',
                                           'lift', 'roads', 'other')),
  -- the area: whole region, districts, a settlement, streets with optional house ranges
  -- {"scope": "region"} | {"scope": "districts", "districtIds": […]} | {"scope": "settlement", "settlementId": …,
  --  "streets": [{"street": …, "houses": "1-15" | null}]}
  area jsonb not null,
  starts_at timestamptz,
  ends_at timestamptz,
  body text not null check (char_length(body) between 1 and 3500),
  photo_telegram_file_id text,
  state text not null default 'draft' check (state in ('draft', 'scheduled', 'sending', 'sent', 'cancelled', 'ended')),
  send_at timestamptz,
  -- the recipient planner's position (users.id), so a restart resumes where it stopped
  planner_cursor integer,
  planned_at timestamptz,
  created_by_user_id integer not null references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (ends_at is null or starts_at is null or ends_at > starts_at)
);
create index notices_active on notices (state, send_at) where state in ('scheduled', 'sending');

create table notice_deliveries (
  notice_id integer not null references notices (id),
  user_id integer not null references users (id),
  channel text not null check (channel in ('telegram', 'viber')),
  state text not null default 'pending' check (state in ('pending', 'sending', 'sent', 'failed', 'unreachable',
                                                         'cancelled')),
  attempts integer not null default 0,
  last_error text,
  sent_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (notice_id, user_id)
);
create index notice_deliveries_state on notice_deliveries (notice_id, state);

create table subscriptions (
  id integer generated always as identity primary key,
  user_id integer not null references users (id),
  district_id integer not null references districts (id),
  settlement_id integer references settlements (id),
  street text,
  created_at timestamptz not null default now(),
  unique nulls not distinct (user_id, district_id, settlement_id, street)
);
create index subscriptions_area on subscriptions (district_id, settlement_id);
