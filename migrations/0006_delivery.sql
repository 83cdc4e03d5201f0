-- What the workers need to deliver status updates, ratings and escalations exactly once.

-- when the "was it fixed?" question and its reminder went out (null: not yet)
alter table requests add column rating_requested_at timestamptz;
alter table requests add column rating_reminded_at timestamptz;
create index requests_done_unrated on requests (done_at) where status = 'done' and rating is null;

-- one escalation event per request, deadline kind (accept, fix) and level
create unique index request_events_one_escalation
  on request_events (request_id, (data->>'deadline'), (data->>'level'))
  where kind = 'escalated';

-- staff cards and resident updates sent, so a repeated job sends nothing twice
create table sent_messages (
  job_id text primary key,
  user_id integer references users (id),
  state text not null check (state in ('sending', 'sent', 'skipped')),
  created_at timestamptz not null default now(),
  sent_at timestamptz
);
create index sent_messages_age on sent_messages (created_at);

-- when a delivery was taken for sending: one left "sending" long after is settled by the sweeper
alter table notice_deliveries add column sending_at timestamptz;
create index notice_deliveries_sending on notice_deliveries (sending_at) where state = 'sending';
