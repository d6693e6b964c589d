"""Remedies: stored policy versions, what a dispute may be offered, and the offer workflow."""
