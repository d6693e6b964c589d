"""Workflow: business calendars, SLA clocks, priority, escalation rules and follow-ups (pure)."""
