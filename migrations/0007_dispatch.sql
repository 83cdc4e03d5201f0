-- The dispatcher's work: group chats linked to organisations, structured rejection reasons.

-- a Telegram group of an organisation: new request cards go there too, and its members act
-- from it with their own permissions
create table organisation_chats (
  id integer generated always as identity primary key,
  organisation_id integer not null references organisations (id),
  -- the Telegram chat id of the group
  chat_id text not null unique,
  language text not null default 'ru' check (language in ('ru', 'be', 'en')),
  linked_by_user_id integer references users (id),
  linked_at timestamptz not null default now(),
  -- the bot was removed from the group or the chat is gone: no more cards
  unlinked_at timestamptz
);
create index organisation_chats_organisation on organisation_chats (organisation_id) where unlinked_at is null;

-- why a request was rejected, from a fixed list (rejection_reason keeps the words)
alter table requests add column rejection_code text
  check (rejection_code in ('duplicate', 'not-our-competence', 'no-access', 'not-housing', 'other'));
