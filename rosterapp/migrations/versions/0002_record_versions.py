"""record versions: every editable record carries a version and who changed it last

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
from alembic import op
import sqlalchemy as sa


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

TABLES = ("person", "vehicle", "station", "operation", "post", "duty", "vehicle_deployment", "absence",
          "maintenance")


def upgrade() -> None:
    # Plain ADD COLUMN with constant defaults: no table is copied, every row reads version 1, nobody.
    for table in TABLES:
        op.add_column(table, sa.Column('version', sa.Integer(), server_default=sa.text('1'), nullable=False))
        op.add_column(table, sa.Column('changed_by', sa.String(length=64), server_default='', nullable=False))


def downgrade() -> None:
    for table in TABLES:
        with op.batch_alter_table(table) as batch:
            batch.drop_column('changed_by')
            batch.drop_column('version')
