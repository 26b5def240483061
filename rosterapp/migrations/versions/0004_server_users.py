"""server mode: the users of a shared server (app_user)

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'app_user',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('login', sa.String(length=63), nullable=False),
        sa.Column('role', sa.String(length=8), nullable=False),
        sa.Column('detachment_id', sa.Integer(), nullable=True),
        sa.Column('disabled', sa.Boolean(), server_default='0', nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.func.current_timestamp(), nullable=False),
        sa.CheckConstraint("role IN ('admin', 'hq', 'clerk', 'viewer')", name=op.f('ck_app_user_role')),
        sa.CheckConstraint("role <> 'clerk' OR detachment_id IS NOT NULL",
                           name=op.f('ck_app_user_clerk_detachment')),
        sa.ForeignKeyConstraint(['detachment_id'], ['detachment.id'], name=op.f('fk_app_user_detachment_id_detachment'),
                                ondelete='RESTRICT'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_app_user')),
        sa.UniqueConstraint('login', name=op.f('uq_app_user_login')),
    )


def downgrade() -> None:
    op.drop_table('app_user')
