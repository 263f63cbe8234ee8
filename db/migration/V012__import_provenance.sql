-- Imported versions are authored by the user who imports them (issue 16): the author and
-- date a library file claims are kept beside them as provenance, never as the author.
alter table prompt_version add column imported_author varchar(80);
alter table prompt_version add column imported_at timestamptz;
