"""the station's duty book: duty roles per day, shift swaps, handover records, agent loads,
and each detachment's staff office

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa

from rosterapp import reference_data as ref


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

LOADS = ('water_t', 'foam_t', 'powder_kg')


def _versioned() -> list[sa.Column]:
    return [sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False),
            sa.Column('changed_by', sa.String(length=64), server_default='', nullable=False)]


def upgrade() -> None:
    with op.batch_alter_table('station') as batch:
        batch.drop_constraint(op.f('ck_station_grade'), type_='check')
        batch.create_check_constraint(
            'grade', "grade IN ('level1', 'level2', 'small', 'special', 'office')")
    with op.batch_alter_table('vehicle_type') as batch:
        for load in LOADS:
            batch.add_column(sa.Column(f'default_{load}', sa.Float(), server_default=sa.text('0'), nullable=False))
    with op.batch_alter_table('vehicle') as batch:
        for load in LOADS:
            batch.add_column(sa.Column(load, sa.Float(), server_default=sa.text('0'), nullable=False))
        batch.create_check_constraint('loads', 'water_t >= 0 AND foam_t >= 0 AND powder_kg >= 0')

    op.create_table(
        'duty_assignment',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('role', sa.String(length=16), nullable=False),
        sa.Column('person_id', sa.Integer(), nullable=False),
        *_versioned(),
        sa.CheckConstraint("role IN ('leader', 'officer', 'dispatch', 'det_leader', 'det_chief')",
                           name=op.f('ck_duty_assignment_role')),
        sa.ForeignKeyConstraint(['person_id'], ['person.id'], name=op.f('fk_duty_assignment_person_id_person'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['station_id'], ['station.id'], name=op.f('fk_duty_assignment_station_id_station'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_duty_assignment')),
        sa.UniqueConstraint('station_id', 'day', 'role', name=op.f('uq_duty_assignment_station_id_day_role')),
    )
    op.create_index('ix_duty_assignment_day', 'duty_assignment', ['day'])
    op.create_index('ix_duty_assignment_person_day', 'duty_assignment', ['person_id', 'day'])

    op.create_table(
        'shift_swap',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('kind', sa.String(length=16), nullable=False),
        sa.Column('person_a_id', sa.Integer(), nullable=False),
        sa.Column('day_a', sa.Date(), nullable=False),
        sa.Column('person_b_id', sa.Integer(), nullable=False),
        sa.Column('day_b', sa.Date(), nullable=True),
        sa.Column('shift_type_id', sa.Integer(), nullable=True),
        sa.Column('reason', sa.String(length=200), nullable=False),
        sa.Column('approver_id', sa.Integer(), nullable=True),
        sa.Column('approver_text', sa.String(length=60), nullable=False),
        sa.Column('recorded_at', sa.DateTime(), nullable=False),
        sa.Column('settles_id', sa.Integer(), nullable=True),
        sa.Column('settled_at', sa.DateTime(), nullable=True),
        sa.Column('settled_note', sa.String(length=200), nullable=False),
        *_versioned(),
        sa.CheckConstraint("kind IN ('swap', 'cover', 'payback')", name=op.f('ck_shift_swap_kind')),
        sa.CheckConstraint('person_a_id <> person_b_id', name=op.f('ck_shift_swap_two_people')),
        sa.CheckConstraint("(kind = 'swap') = (day_b IS NOT NULL)", name=op.f('ck_shift_swap_day_b')),
        sa.ForeignKeyConstraint(['approver_id'], ['person.id'], name=op.f('fk_shift_swap_approver_id_person'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['person_a_id'], ['person.id'], name=op.f('fk_shift_swap_person_a_id_person'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['person_b_id'], ['person.id'], name=op.f('fk_shift_swap_person_b_id_person'),
                                ondelete='RESTRICT'),
        sa.ForeignKeyConstraint(['settles_id'], ['shift_swap.id'], name=op.f('fk_shift_swap_settles_id_shift_swap'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['shift_type_id'], ['shift_type.id'],
                                name=op.f('fk_shift_swap_shift_type_id_shift_type'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['station_id'], ['station.id'], name=op.f('fk_shift_swap_station_id_station'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_shift_swap')),
    )
    op.create_index('ix_shift_swap_station_day', 'shift_swap', ['station_id', 'day_a'])

    op.create_table(
        'handover',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('station_id', sa.Integer(), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('vehicles', sa.Text(), nullable=False),
        sa.Column('equipment', sa.Text(), nullable=False),
        sa.Column('comms', sa.Text(), nullable=False),
        sa.Column('safety', sa.Text(), nullable=False),
        sa.Column('notes', sa.Text(), nullable=False),
        sa.Column('handed_over_at', sa.Time(), nullable=True),
        *_versioned(),
        sa.ForeignKeyConstraint(['station_id'], ['station.id'], name=op.f('fk_handover_station_id_station'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_handover')),
        sa.UniqueConstraint('station_id', 'day', name=op.f('uq_handover_station_id_day')),
    )
    _fill_reference()


def _fill_reference() -> None:
    """A database that already holds the reference data gets what this version adds to it: the type
    loads (and every vehicle its type's), the staff offices' positions and units, the new threshold.
    A new database is seeded after its migrations, with all of it."""
    conn = op.get_bind()
    detachments = conn.execute(sa.text("SELECT id, name FROM detachment")).all()
    if not detachments:
        return
    for code, (water, foam, powder) in ref.VEHICLE_LOADS.items():
        conn.execute(sa.text("UPDATE vehicle_type SET default_water_t = :w, default_foam_t = :f, "
                             "default_powder_kg = :p WHERE code = :c"), {"w": water, "f": foam, "p": powder, "c": code})
    conn.execute(sa.text(
        "UPDATE vehicle SET water_t = (SELECT default_water_t FROM vehicle_type t WHERE t.id = vehicle.type_id), "
        "foam_t = (SELECT default_foam_t FROM vehicle_type t WHERE t.id = vehicle.type_id), "
        "powder_kg = (SELECT default_powder_kg FROM vehicle_type t WHERE t.id = vehicle.type_id)"))
    order = conn.execute(sa.text("SELECT COALESCE(MAX(sort_order), 0) FROM position")).scalar()
    for name in ref.OFFICE_POSITIONS:
        if conn.execute(sa.text("SELECT 1 FROM position WHERE name = :n"), {"n": name}).first() is None:
            order += 1
            conn.execute(sa.text("INSERT INTO position (name, sort_order) VALUES (:n, :o)"), {"n": name, "o": order})
    for det_id, det_name in detachments:
        office = ref.office_name(det_name)
        if conn.execute(sa.text("SELECT 1 FROM station WHERE name = :n"), {"n": office}).first() is None:
            conn.execute(sa.text(
                "INSERT INTO station (detachment_id, name, short_name, grade, sort_order, version, changed_by) "
                "VALUES (:d, :n, :s, 'office', :o, 1, '')"),
                {"d": det_id, "n": office, "s": ref.OFFICE_SUFFIX, "o": ref.OFFICE_SORT_ORDER})
    for key in ("max_stretch_hours",):
        if conn.execute(sa.text("SELECT 1 FROM rule_setting WHERE key = :k AND operation_id IS NULL "
                                "AND readiness IS NULL"), {"k": key}).first() is None:
            conn.execute(sa.text("INSERT INTO rule_setting (key, value) VALUES (:k, :v)"),
                         {"k": key, "v": ref.RULE_DEFAULTS[key]})


def downgrade() -> None:
    op.drop_table('handover')
    op.drop_index('ix_shift_swap_station_day', table_name='shift_swap')
    op.drop_table('shift_swap')
    op.drop_index('ix_duty_assignment_person_day', table_name='duty_assignment')
    op.drop_index('ix_duty_assignment_day', table_name='duty_assignment')
    op.drop_table('duty_assignment')
    with op.batch_alter_table('vehicle') as batch:
        batch.drop_constraint(op.f('ck_vehicle_loads'), type_='check')
        for load in LOADS:
            batch.drop_column(load)
    with op.batch_alter_table('vehicle_type') as batch:
        for load in LOADS:
            batch.drop_column(f'default_{load}')
    op.execute("DELETE FROM station WHERE grade = 'office'")
    with op.batch_alter_table('station') as batch:
        batch.drop_constraint(op.f('ck_station_grade'), type_='check')
        batch.create_check_constraint('grade', "grade IN ('level1', 'level2', 'small', 'special')")
