"""Agent explanations: generic per category, and specific to an opening situation."""

from __future__ import annotations

EXPLAINED: dict[str, tuple[str, ...]] = {
    "billing": (
        "I've gone through the payment log for {order_ref}: the total includes shipping and tax, "
        "which the basket page only adds at the last step. I can see why that was confusing.",
    ),
    "delivery": (
        "{courier} confirms the parcel was held at the local depot because of a damaged label; "
        "it's now been re-labelled and released.",
        "{courier} tells us the van broke down on the route; your parcel is back on the road "
        "and should be with you in 1-2 days.",
    ),
    "subscription": (
        "The charge was for the box already dispatched before your cancellation took effect; no "
        "further charges will be taken.",
    ),
    "refund": (
        "Your refund was issued on our side; banks can take up to 10 business days to show it, "
        "and I've attached the refund reference for you to quote to them.",
    ),
    "product_defect": (
        "The unit from that batch had a loose connector, which our supplier has confirmed; it "
        "isn't anything you did.",
    ),
    "warranty": (
        "What you're seeing is the safety cut-out, which trips when the vent is blocked; "
        "clearing the vent and holding the reset button for 10 seconds fixes it.",
    ),
    "fraud": (
        "The order was placed with your saved card from a new device; we've cancelled it, "
        "removed the card and signed out every session on your account.",
    ),
    "account": (
        "A security rule locked your account after the email change; I've lifted it, and the "
        "reset link will work for the next 24 hours.",
        "Our login service had a fault on the day you wrote; it's fixed, and your account and "
        "points are intact.",
    ),
    "service_quality": (
        "I've listened to the recording. You're right: the agent didn't follow our standards, "
        "and it's being addressed with them directly.",
    ),
    "other": (
        "I've looked into it: {order_ref} was processed correctly, and the confusion came from "
        "the wording in our confirmation email, which we're fixing.",
        "I've checked with the team that handles this, and here's the short answer: it was a "
        "one-off mistake on our side, and it's been corrected.",
    ),
}

# Keyed by the raw subject template of the opening situation (see situations.py).
EXPLAIN_BY_SUBJECT: dict[str, str] = {
    "Charged twice for order #{order_no}": (
        "The second charge was a pre-authorisation hold, which your bank releases automatically "
        "within 7 days; you were only billed once."
    ),
    "Second charge on order {order_no}": (
        "The second charge was a pre-authorisation hold, which your bank releases automatically "
        "within 7 days; you were only billed once."
    ),
    "Discount code not applied": (
        "The discount code excluded sale items, so it applied only to part of {order_ref}; the "
        "checkout should have said so clearly, and that's on us."
    ),
    "Unrecognised charge {amount}": (
        "That charge is {order_ref}; it shows under our parent company's name on bank statements, "
        "which is why it looked unfamiliar."
    ),
    "Billing error on order {order_no}": (
        "Express shipping was charged because the express option was selected at checkout, but "
        "the courier downgraded it, so the difference is due back to you."
    ),
    "Can't pause subscription": (
        "Pausing failed because of a bug in the current app version; pausing from the website "
        "works, and the app fix ships next week."
    ),
    "Missing loyalty points": (
        "Points from returned orders are removed automatically, and a bug removed points from "
        "kept orders too; yours have been restored."
    ),
    "Emails from a closed account": (
        "Closing the account didn't unsubscribe the address from our newsletter list; that's "
        "now been done."
    ),
    "Delete my account": (
        "We keep order records for 6 years for tax purposes, but everything else, including "
        "your login and marketing data, has been deleted."
    ),
    "Excessive packaging": (
        "Small items ship in standard boxes from that warehouse; we're moving to right-sized "
        "packaging this quarter."
    ),
    "Wrong invoice in parcel": (
        "A packing station printed invoices out of order for about an hour that day; the other "
        "customer has been informed and no card details were on it."
    ),
    "My review was removed": (
        "Reviews mentioning a delivery issue are moved to our courier feedback; yours has been "
        "reinstated on the product page."
    ),
    "Price match request": (
        "Price matching applies to identical items in stock at named retailers on the day of "
        "purchase; the difference is due back to you."
    ),
}
