"""Analytics: trends, response times, outcomes, root causes, policy friction, de-escalation."""
