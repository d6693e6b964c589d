"""disputedesk: a self-hosted desk for resolving customer disputes and complaints."""

__version__ = "0.1.0"
