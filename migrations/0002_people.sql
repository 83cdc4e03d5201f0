-- People: users, the addresses by which channels reach them, staff roles and invites.

create table users (
  id integer generated always as identity primary key,
  display_name text,
  language text not null default 'ru' check (language in ('ru', 'be', 'en')),
  phone text,
  -- consent to processing personal data (asked before the phone is taken)
  consent_given_at timestamptz,
  notifications_enabled boolean not null default true,
  home_settlement_id integer references settlements (id),
  home_street text,
  home_house text,
  -- set when the person asked to delete their personal data; their requests stay, anonymised
  anonymised_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index users_phone on users (phone) where phone is not null;

create table channel_identities (
  id integer generated always as identity primary key,
  user_id integer not null references users (id) on delete cascade,
  channel text not null check (channel in ('telegram', 'viber', 'phone')),
  -- telegram chat id, viber user id, or a phone number in E.164 for calls to the contact centre
  external_id text not null,
  -- blocked the bot / unsubscribed / chat not found: not tried again until they write to us
  unreachable_since timestamptz,
  unreachable_reason text,
  created_at timestamptz not null default now(),
  unique (channel, external_id)
);
create index channel_identities_user on channel_identities (user_id);

create table staff_memberships (
  id integer generated always as identity primary key,
  user_id integer not null references users (id),
  role text not null check (role in ('executor', 'dispatcher', 'district_admin', 'region_admin')),
  organisation_id integer references organisations (id),
  district_id integer references districts (id),
  on_duty boolean not null default true,
  created_by_user_id integer references users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  revoked_by_user_id integer references users (id),
  check (
    (role in ('executor', 'dispatcher') and organisation_id is not null and district_id is null)
    or (role = 'district_admin' and district_id is not null and organisation_id is null)
    or (role = 'region_admin' and district_id is null and organisation_id is null)
  )
);
create unique index staff_memberships_active
  on staff_memberships (user_id, role, coalesce(organisation_id, 0), coalesce(district_id, 0))
  where revoked_at is null;
create index staff_memberships_organisation on staff_memberships (organisation_id) where revoked_at is null;

create table staff_invites (
  id integer generated always as identity primary key,
  -- sha-256 of the one-time token in the deep link; the token itself is never stored
  token_hash text not null unique,
  role text not null check (role in ('executor', 'dispatcher', 'district_admin', 'region_admin')),
  organisation_id integer references organisations (id),
  district_id integer references districts (id),
  created_by_user_id integer references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz,
  used_by_user_id integer references users (id),
  revoked_at timestamptz,
  check (
    (role in ('executor', 'dispatcher') and organisation_id is not null and district_id is null)
    or (role = 'district_admin' and district_id is not null and organisation_id is null)
    or (role = 'region_admin' and district_id is null and organisation_id is null)
  ),
  check (used_at is null or used_by_user_id is not null)
);
