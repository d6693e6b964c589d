"""The workflow engines stay pure: importing them loads no web or database library."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "fastapi", "starlette", "jinja2", "psycopg")


def test_importing_workflow_loads_no_web_or_database_code() -> None:
    code = (
        "import sys\n"
        "import disputedesk.workflow.calendar, disputedesk.workflow.sla\n"
        "import disputedesk.workflow.priority, disputedesk.workflow.rules\n"
        f"print(','.join(m for m in {HEAVY!r} if m in sys.modules))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
