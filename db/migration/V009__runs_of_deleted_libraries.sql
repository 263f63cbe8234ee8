-- A run keeps its link to a prompt version only while the version exists (on delete set null).
-- Without the link, a run counted as "typed on the Generate page" and became visible to every
-- user, even when it came from a private or shared library. Now deleting a prompt or a whole
-- library that not everyone could read marks its runs owner_only: their owner (and admins)
-- still see them, nobody else does.
alter table run add column owner_only boolean not null default false;

create function mark_runs_owner_only() returns trigger language plpgsql as $$
begin
  if tg_table_name = 'library' then
    if old.visibility <> 'EVERYONE' then
      update run set owner_only = true
       where prompt_version_id in (select v.id from prompt_version v join prompt p on p.id = v.prompt_id
                                    where p.library_id = old.id);
    end if;
  else
    update run set owner_only = true
     where prompt_version_id in (select v.id from prompt_version v where v.prompt_id = old.id)
       and exists (select 1 from library l where l.id = old.library_id and l.visibility <> 'EVERYONE');
  end if;
  return old;
end $$;

-- Before the rows go, while the library's visibility can still be read.
create trigger library_runs_owner_only before delete on library
  for each row execute function mark_runs_owner_only();
create trigger prompt_runs_owner_only before delete on prompt
  for each row execute function mark_runs_owner_only();
