"""Policies: policy documents + dispute facts -> allowed remedies, with the clause to cite.

A pure engine: it imports nothing from the web or the database.
"""

from disputedesk.policies.engine import (
    ClauseRef,
    OfferCheck,
    OfferStatus,
    RemedyAnswer,
    RemedyDecision,
    check_offer,
    evaluate,
)
from disputedesk.policies.facts import DisputeFacts, OrderFacts, PriorRemedy
from disputedesk.policies.loader import (
    load_default_policy,
    load_policy_dir,
    load_policy_file,
    load_policy_text,
    load_upgrade,
)
from disputedesk.policies.policyset import (
    PolicyError,
    PolicyIssue,
    PolicySet,
    policy_fingerprint,
    validate_upgrade,
)
from disputedesk.policies.schema import (
    ROLE_ORDER,
    Clause,
    Conditions,
    Limits,
    PolicyDocument,
    RemedyKind,
    Role,
    Window,
)

__all__ = [
    "ROLE_ORDER",
    "Clause",
    "ClauseRef",
    "Conditions",
    "DisputeFacts",
    "Limits",
    "OfferCheck",
    "OfferStatus",
    "OrderFacts",
    "PolicyDocument",
    "PolicyError",
    "PolicyIssue",
    "PolicySet",
    "PriorRemedy",
    "RemedyAnswer",
    "RemedyDecision",
    "RemedyKind",
    "Role",
    "Window",
    "check_offer",
    "evaluate",
    "load_default_policy",
    "load_policy_dir",
    "load_policy_file",
    "load_policy_text",
    "load_upgrade",
    "policy_fingerprint",
    "validate_upgrade",
]
