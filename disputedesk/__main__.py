"""`python -m disputedesk` runs the command line."""

from disputedesk.cli import main

main()
