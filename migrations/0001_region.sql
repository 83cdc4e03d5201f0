-- Region reference data: districts, settlements, organisations, categories, routing rules.
-- Texts shown to people are jsonb {"ru": …, "be": …, "en": …}. Rows are loaded by the seed
-- command from reference/*.json and matched by their stable `code`.

create table region (
  code text primary key,
  name jsonb not null,
  timezone text not null,
  request_number_prefix text not null check (request_number_prefix ~ '^[A-Z]{2,3}$'),
  weekend smallint[] not null default '{6,7}'
);

create table calendar_days (
  day date primary key,
  kind text not null check (kind in ('holiday', 'working'))
);

create table emergency_numbers (
  code text primary key,
  phone text not null,
  name jsonb not null,
  sort_order integer not null default 0
);

create table districts (
  id integer generated always as identity primary key,
  code text not null unique,
  kind text not null check (kind in ('city', 'district')),
  name jsonb not null,
  centre_lat double precision not null check (centre_lat between -90 and 90),
  centre_lon double precision not null check (centre_lon between -180 and 180),
  active boolean not null default true
);

create table settlements (
  id integer generated always as identity primary key,
  code text not null unique,
  district_id integer not null references districts (id),
  kind text not null check (kind in ('city', 'town', 'urban_settlement', 'village')),
  name jsonb not null,
  active boolean not null default true
);
create index settlements_district on settlements (district_id);

create table organisations (
  id integer generated always as identity primary key,
  code text not null unique,
  type text not null check (type in ('housing', 'water', 'roads', 'energy', 'gas', 'heating', 'lifts',
                                     'waste', 'greenery', 'lighting', 'contact_centre')),
  -- null: the organisation serves the whole region
  district_id integer references districts (id),
  name jsonb not null,
  -- [{"number": "+375 …", "label": {…}, "placeholder": true}]; placeholder = not a verified number
  phones jsonb not null default '[]',
  working_hours text,
  active boolean not null default true
);
create index organisations_district on organisations (district_id);

create table categories (
  id integer generated always as identity primary key,
  code text not null unique,
  -- two levels: a top-level category (parent_id null) groups the ones people pick
  parent_id integer references categories (id),
  name jsonb not null,
  emergency boolean not null default false,
  -- {"phone": "104", "message": {…}}: danger to life, no request is created
  hard_stop jsonb,
  -- {"phone": "102" | null, "guidance": {…}}: not housing/utility business
  not_our_competence jsonb,
  sla_accept_amount integer not null default 1 check (sla_accept_amount > 0),
  sla_accept_unit text not null default 'working_days' check (sla_accept_unit in ('minutes', 'hours', 'working_days')),
  sla_fix_amount integer not null default 5 check (sla_fix_amount > 0),
  sla_fix_unit text not null default 'working_days' check (sla_fix_unit in ('minutes', 'hours', 'working_days')),
  photo_required boolean not null default false,
  season text not null default 'all' check (season in ('all', 'winter', 'summer', 'heating')),
  sort_order integer not null default 0,
  active boolean not null default true,
  check (parent_id is null or parent_id <> id)
);
create index categories_parent on categories (parent_id);

create table routing_rules (
  id integer generated always as identity primary key,
  district_id integer not null references districts (id),
  -- a leaf category, or a top-level one that covers its children without a rule of their own
  category_id integer not null references categories (id),
  primary_organisation_id integer not null references organisations (id),
  copy_organisation_ids integer[] not null default '{}',
  unique (district_id, category_id)
);
