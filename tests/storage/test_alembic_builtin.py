"""pytest-alembic's built-in tests, imported explicitly (its collector plugin does not
work with pytest 9): single head, upgrade, models match the DDL, up/down consistency.

They use the ``alembic_config`` and ``alembic_engine`` fixtures from tests/conftest.py.
"""

from pytest_alembic.tests import (  # noqa: F401
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)
