"""the audit log (written by triggers, in the change's own transaction) and sub-plans with frozen versions

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Every table of the plan and the registers gets a row trigger that appends one ``audit_entry`` per row
written: the record's key, INSERT/UPDATE/DELETE, the fields before and after, in the ``audit_group``
of its transaction (who, when, from which program, the edit's label). The first row a transaction
writes opens its group. On PostgreSQL one trigger function (SECURITY DEFINER) serves every table and
takes the login from ``session_user`` and the label from the transaction's ``rosterapp.audit_label``;
on SQLite a trigger per table reads who writes from ``audit_context``, which the program sets before each
unit of work's first write (rosterapp/db.py). A later migration that adds a column re-creates the SQLite
triggers of its table (``install_sqlite``) so the new column is logged too.

Times are Beijing's (UTC+8, as rosterapp/clock.py), whatever the machine's or the server's zone.

``sub_plan`` holds each task and detachment's state, ``sub_plan_version`` the frozen versions. While
a sub-plan is approved, triggers refuse every write to its posts, their requirements and
qualifications, and the duties and deployments on them ("rosterapp: plan locked").
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None

NOT_AUDITED = {'alembic_version', 'change_log', 'audit_group', 'audit_entry', 'audit_context'}
LOCK_MESSAGE = 'rosterapp: plan locked'
LOCKED_BY_POST = ('post_qualification', 'post_vehicle_requirement', 'duty', 'vehicle_deployment')
# The record a row concerns, for the log's filters: the table's own id, else its column of that name.
ENTITIES = (('person_id', 'person', ('person_id', 'person_a_id')), ('vehicle_id', 'vehicle', ('vehicle_id',)),
            ('post_id', 'post', ('post_id',)), ('station_id', 'station', ('station_id',)))

Json = sa.JSON().with_variant(postgresql.JSONB(), 'postgresql')
BigId = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _entity_sql(table: str, columns, row: str) -> list[str]:
    out = []
    for _name, own_table, candidates in ENTITIES:
        if table == own_table:
            out.append(f'{row}.id')
            continue
        found = next((c for c in candidates if c in columns), None)
        out.append(f'{row}.{_q(found)}' if found else 'NULL')
    return out


def _row_id_sql(keys, row: str) -> str:
    return " || ',' || ".join(f'CAST({row}.{_q(k)} AS TEXT)' for k in keys)


def _sqlite_triggers(table: str, columns: list[str], keys: list[str]) -> list[str]:
    """The three row triggers of one table on SQLite."""
    # The program names the group's number before its unit of work's first write and clears it as it commits
    # (rosterapp/db.py); the first row written makes the group (the next find it there), so there is no
    # group without a row. A writer that names none (another program) gets a group per row, its login empty.
    # (Not INSERT OR IGNORE: inside a foreign key's cascade SQLite applies the outer statement's ABORT.)
    open_group = ("INSERT INTO audit_group (id, at, login, origin, label) SELECT c.group_id, "
                  "datetime('now', '+8 hours'), c.login, c.origin, c.label FROM audit_context c WHERE c.id = 1 "
                  "AND (c.group_id IS NULL OR NOT EXISTS (SELECT 1 FROM audit_group g WHERE g.id = c.group_id));")

    def entry(action, row, before, after):
        values = ', '.join(["coalesce((SELECT group_id FROM audit_context WHERE id = 1), last_insert_rowid())",
                            f"'{table}'", f"'{action}'",
                            _row_id_sql(keys, row), *_entity_sql(table, columns, row), before, after])
        return ("INSERT INTO audit_entry (group_id, tbl, action, row_id, person_id, vehicle_id, post_id, "
                f"station_id, before, after) VALUES ({values});")

    def whole(row):
        return 'json_object(' + ', '.join(f"'{c}', {row}.{_q(c)}" for c in columns) + ')'

    def changed(row):
        parts = ' UNION ALL '.join(f"SELECT '{c}' AS k, {row}.{_q(c)} AS v WHERE OLD.{_q(c)} IS NOT NEW.{_q(c)}"
                                   for c in columns)
        return f'(SELECT json_group_object(k, v) FROM ({parts}))'

    any_changed = ' OR '.join(f'OLD.{_q(c)} IS NOT NEW.{_q(c)}' for c in columns)
    return [
        f"CREATE TRIGGER audit_{table}_insert AFTER INSERT ON {_q(table)} BEGIN {open_group} "
        f"{entry('INSERT', 'NEW', 'NULL', whole('NEW'))} END",
        f"CREATE TRIGGER audit_{table}_update AFTER UPDATE ON {_q(table)} WHEN {any_changed} BEGIN {open_group} "
        f"{entry('UPDATE', 'NEW', changed('OLD'), changed('NEW'))} END",
        f"CREATE TRIGGER audit_{table}_delete AFTER DELETE ON {_q(table)} BEGIN {open_group} "
        f"{entry('DELETE', 'OLD', whole('OLD'), 'NULL')} END",
    ]


def install_sqlite(bind, table: str) -> None:
    """(Re-)create the SQLite audit triggers of ``table`` from its columns as they are now."""
    inspector = sa.inspect(bind)
    columns = [c['name'] for c in inspector.get_columns(table)]
    keys = inspector.get_pk_constraint(table)['constrained_columns']
    for event in ('insert', 'update', 'delete'):
        op.execute(f'DROP TRIGGER IF EXISTS audit_{table}_{event}')
    for sql in _sqlite_triggers(table, columns, keys):
        op.execute(sql)


def _postgres_audit_function(schema: str) -> str:
    entity = []
    for name, own_table, candidates in ENTITIES:
        alternatives = ', '.join(f"r->>'{c}'" for c in candidates)
        entity.append(f"(CASE WHEN TG_TABLE_NAME = '{own_table}' THEN r->>'id' ELSE coalesce({alternatives}) END)"
                      "::bigint")
    return f"""
CREATE FUNCTION {schema}.rosterapp_audit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
DECLARE
    was jsonb;
    became jsonb;
    r jsonb;
    g bigint;
BEGIN
    IF TG_OP = 'INSERT' THEN
        became := to_jsonb(NEW); r := became;
    ELSIF TG_OP = 'DELETE' THEN
        was := to_jsonb(OLD); r := was;
    ELSE
        r := to_jsonb(NEW);
        SELECT jsonb_object_agg(n.key, o.value), jsonb_object_agg(n.key, n.value) INTO was, became
          FROM jsonb_each(r) n JOIN jsonb_each(to_jsonb(OLD)) o USING (key)
         WHERE n.value IS DISTINCT FROM o.value;
        IF became IS NULL THEN
            RETURN NULL;  -- an UPDATE that changed nothing
        END IF;
    END IF;
    g := nullif(current_setting('rosterapp.audit_group', true), '')::bigint;
    IF g IS NULL THEN
        -- session_user: the login (current_user is this function's owner here).
        INSERT INTO audit_group (at, login, origin, label)
        VALUES ((now() AT TIME ZONE 'Asia/Shanghai')::timestamp(0), session_user, coalesce(current_setting('rosterapp.origin', true), ''),
                left(coalesce(current_setting('rosterapp.audit_label', true), ''), 200))
        RETURNING id INTO g;
        PERFORM set_config('rosterapp.audit_group', g::text, true);
    END IF;
    INSERT INTO audit_entry (group_id, tbl, action, row_id, person_id, vehicle_id, post_id, station_id, before,
                             after)
    VALUES (g, TG_TABLE_NAME, TG_OP, (SELECT string_agg(r->>k, ',' ORDER BY i) FROM unnest(TG_ARGV)
                                     WITH ORDINALITY AS a(k, i)),
            {', '.join(entity)}, was, became);
    RETURN NULL;
END $$"""


def _postgres_lock_functions(schema: str) -> list[str]:
    return [f"""
CREATE FUNCTION {schema}.rosterapp_post_locked(p bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
    SELECT p IS NOT NULL AND EXISTS (SELECT 1 FROM post JOIN sub_plan s ON s.operation_id = post.operation_id
                                     AND s.detachment_id = post.detachment_id
                                     WHERE post.id = p AND s.state = 'approved')
$$""", f"""
CREATE FUNCTION {schema}.rosterapp_plan_locked(op bigint, det bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM sub_plan WHERE operation_id = op AND detachment_id = det AND state = 'approved')
$$""", f"""
CREATE FUNCTION {schema}.rosterapp_plan_lock() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, {schema}, pg_temp AS $$
DECLARE
    r jsonb;
BEGIN
    FOREACH r IN ARRAY ARRAY[CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
                             CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END] LOOP
        IF r IS NOT NULL AND (CASE WHEN TG_TABLE_NAME = 'post'
                                   THEN rosterapp_plan_locked((r->>'operation_id')::bigint, (r->>'detachment_id')::bigint)
                                   ELSE rosterapp_post_locked((r->>'post_id')::bigint) END) THEN
            RAISE EXCEPTION '{LOCK_MESSAGE}' USING ERRCODE = 'RA001';
        END IF;
    END LOOP;
    IF TG_OP = 'DELETE' THEN
        RETURN OLD;
    END IF;
    RETURN NEW;
END $$"""]


def _sqlite_lock_triggers() -> list[str]:
    out = []
    raise_ = f"BEGIN SELECT RAISE(ABORT, '{LOCK_MESSAGE}'); END"
    def post_row(row):
        return (f"EXISTS (SELECT 1 FROM sub_plan s WHERE s.state = 'approved' AND s.operation_id = {row}.operation_id "
                f"AND s.detachment_id = {row}.detachment_id)")

    def by_post(row):
        return (f"({row}.post_id IS NOT NULL AND EXISTS (SELECT 1 FROM post p JOIN sub_plan s ON "
                f"s.operation_id = p.operation_id AND s.detachment_id = p.detachment_id "
                f"WHERE p.id = {row}.post_id AND s.state = 'approved'))")

    for table in ('post', *LOCKED_BY_POST):
        locked = post_row if table == 'post' else by_post
        rows = {'insert': ['NEW'], 'update': ['OLD', 'NEW'], 'delete': ['OLD']}
        for event, which in rows.items():
            when = ' OR '.join(locked(r) for r in which)
            out.append(f"CREATE TRIGGER plan_lock_{table}_{event} BEFORE {event.upper()} ON {_q(table)} "
                       f"WHEN {when} {raise_}")
    return out


def _postgres_plan_log(schema: str) -> str:
    """The change log of migration 0005 for sub-plans and their versions too: another window hears a submit
    or an approval."""
    keys = "SELECT jsonb_build_object('operation_id', jsonb_agg(operation_id), 'detachment_id', jsonb_agg(detachment_id)) FROM {rows} HAVING count(*) > 0"
    return f"""
CREATE FUNCTION {schema}.rosterapp_log_sub_plan() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
DECLARE
    was jsonb;
    became jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        {keys.format(rows='old_t')} INTO was;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {keys.format(rows='new_t')} INTO became;
    END IF;
    IF was IS NULL AND became IS NULL THEN
        RETURN NULL;
    END IF;
    INSERT INTO change_log (login, origin, tbl, op, old_rows, new_rows)
    VALUES (session_user, coalesce(current_setting('rosterapp.origin', true), ''), TG_TABLE_NAME, TG_OP,
            was, became);
    RETURN NULL;
END $$"""


def upgrade() -> None:
    op.create_table(
        'audit_group',
        sa.Column('id', BigId, autoincrement=True, nullable=False),
        sa.Column('at', sa.DateTime(), nullable=False),
        sa.Column('login', sa.String(length=64), nullable=False),
        sa.Column('origin', sa.String(length=32), nullable=False),
        sa.Column('label', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_group')),
    )
    op.create_index(op.f('ix_audit_group_at'), 'audit_group', ['at'])
    op.create_table(
        'audit_entry',
        sa.Column('id', BigId, autoincrement=True, nullable=False),
        sa.Column('group_id', BigId, nullable=False),
        sa.Column('tbl', sa.String(length=63), nullable=False),
        sa.Column('action', sa.String(length=6), nullable=False),
        sa.Column('row_id', sa.String(length=64), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=True),
        sa.Column('vehicle_id', sa.Integer(), nullable=True),
        sa.Column('post_id', sa.Integer(), nullable=True),
        sa.Column('station_id', sa.Integer(), nullable=True),
        sa.Column('before', Json, nullable=True),
        sa.Column('after', Json, nullable=True),
        sa.ForeignKeyConstraint(['group_id'], ['audit_group.id'], name=op.f('fk_audit_entry_group_id_audit_group'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry')),
    )
    op.create_index(op.f('ix_audit_entry_group_id'), 'audit_entry', ['group_id'])
    for column in ('person_id', 'vehicle_id', 'post_id', 'station_id'):  # mostly empty: partial indexes
        op.create_index(f'ix_audit_entry_{column}', 'audit_entry', [column],
                        sqlite_where=sa.text(f'{column} IS NOT NULL'),
                        postgresql_where=sa.text(f'{column} IS NOT NULL'))
    op.create_table(
        'audit_context',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('group_id', BigId, nullable=True),
        sa.Column('login', sa.String(length=64), nullable=False),
        sa.Column('origin', sa.String(length=32), nullable=False),
        sa.Column('label', sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_context')),
    )
    op.execute("INSERT INTO audit_context (id, group_id, login, origin, label) VALUES (1, NULL, '', '', '')")
    op.create_table(
        'sub_plan',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('operation_id', sa.Integer(), nullable=False),
        sa.Column('detachment_id', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('changed_at', sa.DateTime(), nullable=True),
        sa.Column('changed_by', sa.String(length=64), nullable=False),
        sa.CheckConstraint("state IN ('draft', 'submitted', 'approved', 'returned')", name=op.f('ck_sub_plan_state')),
        sa.ForeignKeyConstraint(['detachment_id'], ['detachment.id'], name=op.f('fk_sub_plan_detachment_id_detachment'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['operation_id'], ['operation.id'], name=op.f('fk_sub_plan_operation_id_operation'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sub_plan')),
        sa.UniqueConstraint('operation_id', 'detachment_id', name=op.f('uq_sub_plan_operation_id_detachment_id')),
    )
    op.create_table(
        'sub_plan_version',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('operation_id', sa.Integer(), nullable=False),
        sa.Column('detachment_id', sa.Integer(), nullable=False),
        sa.Column('number', sa.Integer(), nullable=False),
        sa.Column('state', sa.String(length=16), nullable=False),
        sa.Column('submitted_at', sa.DateTime(), nullable=False),
        sa.Column('submitted_by', sa.String(length=64), nullable=False),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('decided_by', sa.String(length=64), nullable=False),
        sa.Column('comment', sa.Text(), nullable=False),
        sa.Column('snapshot', Json, nullable=False),
        sa.CheckConstraint("state IN ('submitted', 'approved', 'returned')", name=op.f('ck_sub_plan_version_state')),
        sa.ForeignKeyConstraint(['detachment_id'], ['detachment.id'],
                                name=op.f('fk_sub_plan_version_detachment_id_detachment'), ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['operation_id'], ['operation.id'],
                                name=op.f('fk_sub_plan_version_operation_id_operation'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_sub_plan_version')),
        sa.UniqueConstraint('operation_id', 'detachment_id', 'number',
                            name=op.f('uq_sub_plan_version_operation_id_detachment_id_number')),
    )
    op.create_index(op.f('ix_sub_plan_version_operation_id'), 'sub_plan_version', ['operation_id'])

    bind = op.get_bind()
    tables = sorted(set(sa.inspect(bind).get_table_names()) - NOT_AUDITED)
    if bind.dialect.name == 'postgresql':
        schema = _q(bind.exec_driver_sql('SELECT current_schema()').scalar())
        op.execute(_postgres_audit_function(schema))
        inspector = sa.inspect(bind)
        for table in tables:
            keys = ', '.join(f"'{k}'" for k in inspector.get_pk_constraint(table)['constrained_columns'])
            op.execute(f'CREATE TRIGGER {table}_audit AFTER INSERT OR UPDATE OR DELETE ON {_q(table)} '
                       f'FOR EACH ROW EXECUTE FUNCTION rosterapp_audit({keys})')
        for sql in _postgres_lock_functions(schema):
            op.execute(sql)
        op.execute(_postgres_plan_log(schema))
        for table in ('sub_plan', 'sub_plan_version'):
            op.execute(f'CREATE TRIGGER {table}_log_insert AFTER INSERT ON {table} REFERENCING NEW TABLE AS new_t '
                       'FOR EACH STATEMENT EXECUTE FUNCTION rosterapp_log_sub_plan()')
            op.execute(f'CREATE TRIGGER {table}_log_update AFTER UPDATE ON {table} REFERENCING OLD TABLE AS old_t '
                       'NEW TABLE AS new_t FOR EACH STATEMENT EXECUTE FUNCTION rosterapp_log_sub_plan()')
            op.execute(f'CREATE TRIGGER {table}_log_delete AFTER DELETE ON {table} REFERENCING OLD TABLE AS old_t '
                       'FOR EACH STATEMENT EXECUTE FUNCTION rosterapp_log_sub_plan()')
        for table in ('post', *LOCKED_BY_POST):
            op.execute(f'CREATE TRIGGER {table}_plan_lock BEFORE INSERT OR UPDATE OR DELETE ON {_q(table)} '
                       f'FOR EACH ROW EXECUTE FUNCTION rosterapp_plan_lock()')
    else:
        for table in tables:
            install_sqlite(bind, table)
        for sql in _sqlite_lock_triggers():
            op.execute(sql)


def downgrade() -> None:
    bind = op.get_bind()
    tables = sorted(set(sa.inspect(bind).get_table_names()) - NOT_AUDITED - {'sub_plan', 'sub_plan_version'})
    if bind.dialect.name == 'postgresql':
        for table in ('sub_plan', 'sub_plan_version'):
            for event in ('insert', 'update', 'delete'):
                op.execute(f'DROP TRIGGER {table}_log_{event} ON {table}')
        op.execute('DROP FUNCTION rosterapp_log_sub_plan()')
        for table in ('post', *LOCKED_BY_POST):
            op.execute(f'DROP TRIGGER {table}_plan_lock ON {_q(table)}')
        for table in tables:
            op.execute(f'DROP TRIGGER {table}_audit ON {_q(table)}')
        for function in ('rosterapp_plan_lock()', 'rosterapp_plan_locked(bigint, bigint)',
                         'rosterapp_post_locked(bigint)'):
            op.execute(f'DROP FUNCTION {function}')
    else:
        for table in ('post', *LOCKED_BY_POST):
            for event in ('insert', 'update', 'delete'):
                op.execute(f'DROP TRIGGER plan_lock_{table}_{event}')
        for table in tables:
            for event in ('insert', 'update', 'delete'):
                op.execute(f'DROP TRIGGER IF EXISTS audit_{table}_{event}')
    op.drop_table('sub_plan_version')
    op.drop_table('sub_plan')
    op.drop_table('audit_context')
    op.drop_table('audit_entry')
    op.drop_table('audit_group')
    if bind.dialect.name == 'postgresql':
        op.execute('DROP FUNCTION rosterapp_audit()')
