"""disputes."""
