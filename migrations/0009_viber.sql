-- Viber: photos a resident sends are kept from the moment they arrive (Viber's media links
-- expire within an hour) until the draft they belong to becomes a request, when their bytes
-- are copied into request_photos.content. Rows of drafts never sent are removed after a week.
create table photo_uploads (
  id integer generated always as identity primary key,
  user_id integer not null references users (id) on delete cascade,
  content bytea not null,
  mime_type text not null check (mime_type like 'image/%'),
  size_bytes integer not null check (size_bytes > 0 and size_bytes <= 10485760),
  created_at timestamptz not null default now()
);
create index photo_uploads_age on photo_uploads (created_at);
