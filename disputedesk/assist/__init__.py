"""Help for agents at the desk: message analysis, reply coaching and drafting, over HTTP."""
