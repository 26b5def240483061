"""server mode: the change log (change_log), written by the server's own triggers, told by NOTIFY

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01

On PostgreSQL every statement that writes a table a clerk edits appends one change_log row (the key
columns of the rows before and after it, as jsonb arrays), and its commit says so on the channel
``rosterapp_changes``. The numbers are given at commit, one transaction at a time, so they grow in
the order the commits became visible: a window that read up to n has missed nothing before n.
On SQLite the table exists and nothing writes it.
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

CHANNEL = 'rosterapp_changes'
# Any fixed number: the advisory lock that puts the commits that wrote the log in a row.
COMMIT_LOCK = 724_416_005

# The tables a clerk (or headquarters) edits, and the columns of a row that say what it touched.
LOGGED = {
    'duty': ('person_id', 'vehicle_id', 'post_id', 'station_id', 'start', 'end'),
    'vehicle_deployment': ('vehicle_id', 'post_id', 'station_id', 'start', 'end'),
    'person': ('id', 'station_id'),
    'person_qualification': ('person_id',),
    'absence': ('person_id', 'start', 'end'),
    'vehicle': ('id', 'station_id'),
    'maintenance': ('vehicle_id', 'start', 'end'),
    'station': ('id', 'detachment_id'),
    'detachment': ('id',),
    'operation': ('id',),
    'post': ('id', 'operation_id', 'station_id'),
    'post_qualification': ('post_id',),
    'post_vehicle_requirement': ('post_id',),
    'rule_setting': ('key', 'operation_id'),
    'duty_assignment': ('station_id', 'day', 'role', 'person_id'),
    'shift_swap': ('id', 'station_id', 'person_a_id', 'day_a', 'person_b_id', 'day_b'),
    'handover': ('station_id', 'day'),
}


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _keys(columns, rows: str) -> str:
    """One jsonb object {column: [value of each row]} of a transition table, NULL when it has no rows."""
    pairs = ', '.join(f"'{c}', jsonb_agg({_ident(c)})" for c in columns)
    return f"SELECT jsonb_build_object({pairs}) FROM {rows} HAVING count(*) > 0"


def _log_function(schema: str, table: str, columns) -> str:
    return f"""
CREATE FUNCTION {schema}.rosterapp_log_{table}() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
DECLARE
    was jsonb;
    became jsonb;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        {_keys(columns, 'old_t')} INTO was;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        {_keys(columns, 'new_t')} INTO became;
    END IF;
    IF was IS NULL AND became IS NULL THEN
        RETURN NULL;  -- a statement that matched no row changed nothing
    END IF;
    -- session_user: the login (current_user is this function's owner here).
    INSERT INTO change_log (login, origin, tbl, op, old_rows, new_rows)
    VALUES (session_user, coalesce(current_setting('rosterapp.origin', true), ''), TG_TABLE_NAME, TG_OP,
            was, became);
    RETURN NULL;
END $$"""


def _commit_function(schema: str) -> str:
    # Runs as each transaction commits (a deferred constraint trigger): under one lock, held to the end
    # of the commit, the row takes its final number, so numbers follow the order commits become visible.
    # One NOTIFY per transaction (its first row's): a listener only needs telling to read the log, and a
    # bulk write of thousands of statements would otherwise send thousands.
    return f"""
CREATE FUNCTION {schema}.rosterapp_log_commit() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema}, pg_temp AS $$
DECLARE
    final bigint;
    xact text := pg_current_xact_id()::text;
BEGIN
    PERFORM pg_advisory_xact_lock({COMMIT_LOCK});
    UPDATE change_log SET seq = DEFAULT WHERE seq = NEW.seq RETURNING seq INTO final;
    IF current_setting('rosterapp.notified', true) IS DISTINCT FROM xact THEN
        PERFORM set_config('rosterapp.notified', xact, true);
        PERFORM pg_notify('{CHANNEL}', json_build_object('seq', final, 'tbl', NEW.tbl, 'login', NEW.login,
                                                         'origin', NEW.origin)::text);
    END IF;
    RETURN NULL;
END $$"""


def upgrade() -> None:
    op.create_table(
        'change_log',
        sa.Column('seq', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), sa.Identity(always=False),
                  nullable=False),
        sa.Column('at', sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.Column('login', sa.String(length=63), server_default='', nullable=False),
        sa.Column('origin', sa.String(length=32), server_default='', nullable=False),
        sa.Column('tbl', sa.String(length=63), nullable=False),
        sa.Column('op', sa.String(length=6), nullable=False),
        sa.Column('old_rows', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True),
        sa.Column('new_rows', sa.JSON().with_variant(postgresql.JSONB(), 'postgresql'), nullable=True),
        sa.PrimaryKeyConstraint('seq', name=op.f('pk_change_log')),
    )
    bind = op.get_bind()
    if bind.dialect.name != 'postgresql':
        return
    schema = _ident(bind.exec_driver_sql('SELECT current_schema()').scalar())
    op.execute(_commit_function(schema))
    op.execute('CREATE CONSTRAINT TRIGGER change_log_commit AFTER INSERT ON change_log '
               'DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION rosterapp_log_commit()')
    for table, columns in LOGGED.items():
        op.execute(_log_function(schema, table, columns))
        function = f'rosterapp_log_{table}()'
        op.execute(f'CREATE TRIGGER {table}_log_insert AFTER INSERT ON {_ident(table)} '
                   f'REFERENCING NEW TABLE AS new_t FOR EACH STATEMENT EXECUTE FUNCTION {function}')
        op.execute(f'CREATE TRIGGER {table}_log_update AFTER UPDATE ON {_ident(table)} '
                   f'REFERENCING OLD TABLE AS old_t NEW TABLE AS new_t FOR EACH STATEMENT EXECUTE FUNCTION {function}')
        op.execute(f'CREATE TRIGGER {table}_log_delete AFTER DELETE ON {_ident(table)} '
                   f'REFERENCING OLD TABLE AS old_t FOR EACH STATEMENT EXECUTE FUNCTION {function}')


def downgrade() -> None:
    if op.get_bind().dialect.name == 'postgresql':
        for table in LOGGED:
            for event in ('insert', 'update', 'delete'):
                op.execute(f'DROP TRIGGER {table}_log_{event} ON {_ident(table)}')
            op.execute(f'DROP FUNCTION rosterapp_log_{table}()')
        op.execute('DROP TRIGGER change_log_commit ON change_log')
        op.execute('DROP FUNCTION rosterapp_log_commit()')
    op.drop_table('change_log')
