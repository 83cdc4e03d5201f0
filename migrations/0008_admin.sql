-- The admin's work: outage notices composed in the bot, their progress message, follow-ups.

-- The one message that shows the admin how delivery goes, edited as it goes on.
alter table notices add column progress_chat_id text;
alter table notices add column progress_message_id integer;
alter table notices add column progress_language text check (progress_language in ('ru', 'be', 'en'));
-- last edit (a lease: one editor at a time, at most every few seconds) and the text it showed
alter table notices add column progress_edited_at timestamptz;
alter table notices add column progress_shown text;

-- A correction or the "service restored" message goes as a notice of its own to those who got the
-- original: the same planner, send queue, progress and exactly-once guarantees.
alter table notices add column parent_notice_id integer references notices (id);
alter table notices add column follow_up text check (follow_up in ('correction', 'ended'));
alter table notices add check ((parent_notice_id is null) = (follow_up is null));
create index notices_parent on notices (parent_notice_id) where parent_notice_id is not null;

-- Who did what to a notice, and when.
create table notice_events (
  id integer generated always as identity primary key,
  notice_id integer not null references notices (id),
  actor_user_id integer references users (id),
  kind text not null check (kind in ('created', 'confirmed', 'scheduled', 'corrected', 'cancelled', 'ended')),
  data jsonb not null default '{}',
  created_at timestamptz not null default now()
);
create index notice_events_notice on notice_events (notice_id);

-- Whether a house ("5", "12а") lies in a notice's house list ("1-15", "2, 4, 20-30"). By the number
-- only (letters and fractions ignored); a house without a number cannot be ruled out, so it is in.
create function house_in_ranges(house text, ranges text) returns boolean
language sql immutable parallel safe as $$
  select case when substring(house from '^\s*(\d+)') is null then true else exists (
    select 1 from regexp_split_to_table(trim(ranges), '\s*,\s*') part
    where (part ~ '^\d+' and part !~ '-' and substring(part from '^(\d+)')::int = substring(house from '^\s*(\d+)')::int)
       or (part ~ '^\d+\D*-\d+' and substring(house from '^\s*(\d+)')::int
             between substring(part from '^(\d+)')::int and substring(part from '-\s*(\d+)')::int)
  ) end
$$;
