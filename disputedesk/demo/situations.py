"""Opening situations paired with matching subject lines, keyed by situation kind."""

from __future__ import annotations

Pair = tuple[str, str]

SITUATION: dict[str, tuple[Pair, ...]] = {
    "delivery": (
        (
            "I ordered the {product} on {purchased} ({order_ref}) and it still hasn't arrived.",
            "Where is my {product}?",
        ),
        (
            "{order_ref} was promised by {promised}. It's now {days_late} past that.",
            "Late delivery - order {order_no}",
        ),
        (
            "Tracking for {order_ref} has said 'in transit' for days and nothing has moved.",
            "Order #{order_no} stuck in transit",
        ),
        (
            "My {product} was meant to be here by {promised} and I have received nothing.",
            "Still waiting for order #{order_no}",
        ),
        (
            "The courier left a card saying they tried to deliver {order_ref}, but I was home "
            "all day.",
            "Missed delivery that wasn't missed",
        ),
        (
            "{courier} says the parcel for {order_ref} is 'awaiting collection' at a depot I've "
            "never heard of.",
            "Order #{order_no} never arrived",
        ),
    ),
    "delivery_marked": (
        (
            "The tracking page says {order_ref} was delivered on {delivered}, but there is no "
            "parcel here.",
            "Parcel marked delivered but not received",
        ),
        (
            "I got a 'your parcel has been delivered' email for the {product} on {delivered}. It "
            "was not delivered.",
            "{product} not received",
        ),
        (
            "{courier} claims they handed over {order_ref} on {delivered}. Nobody here signed for "
            "anything.",
            "Order #{order_no} - false delivery scan",
        ),
    ),
    "product_defect": (
        (
            "The {product} from {order_ref} stopped working after a few days.{electric}",
            "{product} stopped working",
        ),
        (
            "I unpacked the {product} (delivered {delivered}) and it arrived cracked.{electric}",
            "{product} arrived broken",
        ),
        (
            "My new {product} makes a horrible grinding noise and smells like burning "
            "plastic.{electric}",
            "Faulty {product}",
        ),
        (
            "The {product} I got in {order_ref} won't turn on at all, not even the "
            "light.{electric}",
            "Defective item in order #{order_no}",
        ),
        (
            "One of the seams on the {product} split the first time I used it.{soft}",
            "Damaged {product}",
        ),
        (
            "The {product} from {order_ref} fell apart within a week of normal use.{soft}",
            "Poor quality {product}",
        ),
        (
            "The {product} I received is damaged and clearly not new.{soft}",
            "Damaged item in order #{order_no}",
        ),
        (
            "The {product} I received is clearly used: scratches, fingerprints and no "
            "manual.{electric}",
            "Used item sent as new (order {order_no})",
        ),
        (
            "Half the buttons on the {product} don't respond and the display flickers.{electric}",
            "{product} faulty out of the box",
        ),
    ),
    "warranty": (
        (
            "My {product} from {order_ref} (bought {purchased}) has developed a fault.",
            "Warranty claim: {product}",
        ),
        (
            "The {product} I bought on {purchased} has died, and it's still under the warranty "
            "that runs until {warranty_until}.",
            "{product} dead, still under warranty",
        ),
        (
            "I'd like to make a warranty claim on the {product} from {order_ref}.",
            "Repair under warranty for order {order_no}",
        ),
        ("After about {months} my {product} keeps cutting out.", "{product} broken after {months}"),
        (
            "The {product} worked fine until last week; now it shuts itself off every few minutes.",
            "{product} keeps shutting off",
        ),
    ),
    "refund": (
        (
            "I sent back the {product} from {order_ref} weeks ago and I'm still waiting for my "
            "refund of {amount}.",
            "Refund not received for #{order_no}",
        ),
        (
            "You confirmed my return of the {product} but the refund never showed up.",
            "Where is my refund?",
        ),
        (
            "I was told my refund for {order_ref} would take 5 days. It has been much longer.",
            "Refund for returned {product}",
        ),
        (
            "The refund I got for {order_ref} is less than the {amount} I paid, with no "
            "explanation.",
            "Partial refund on order {order_no}?",
        ),
    ),
    "refund_cancelled": (
        (
            "I cancelled {order_ref} within an hour of placing it, but I haven't seen the {amount} "
            "come back.",
            "Refund for cancelled order #{order_no}",
        ),
        (
            "Your email confirmed {order_ref} was cancelled, yet the {amount} is still gone from "
            "my account.",
            "Cancelled order, no refund",
        ),
    ),
    "billing": (
        (
            "I was charged twice for {order_ref}: two payments of {amount}.",
            "Charged twice for order #{order_no}",
        ),
        (
            "My statement shows a charge of {amount} for {order_ref}, but the checkout said less.",
            "Wrong amount charged",
        ),
        (
            "I was billed {amount} for {order_ref} even though I used a discount code.",
            "Discount code not applied",
        ),
        (
            "There's a charge from you on my statement that I don't recognise, {amount}.",
            "Unrecognised charge {amount}",
        ),
        (
            "You charged me for express shipping on {order_ref} but it came standard.",
            "Billing error on order {order_no}",
        ),
        (
            "My card was charged {amount} for {order_ref} on {purchased} and then again a week "
            "later.",
            "Second charge on order {order_no}",
        ),
    ),
    "fraud": (
        (
            "There's an order on my account ({order_ref}) that I never placed.",
            "Order I didn't place",
        ),
        (
            "Someone used my card on your site: {amount} for {order_ref}. It wasn't me.",
            "Fraudulent charge of {amount}",
        ),
        (
            "I got a confirmation email for {order_ref}, a {product}, which I never ordered.",
            "Unauthorised order #{order_no}",
        ),
        (
            "My account password was changed and an order went through that I didn't make.",
            "Account hacked?",
        ),
        (
            "I think my account has been hacked. There are orders I don't recognise.",
            "Suspicious activity on my account",
        ),
    ),
    "subscription": (
        (
            "I cancelled my {product} subscription but I was still charged {amount}.",
            "Charged after cancelling",
        ),
        (
            "I never signed up for a recurring {product}, yet here is another charge.",
            "{product} - still being billed",
        ),
        (
            "I tried to pause my subscription in the app and it just keeps failing.",
            "Can't pause subscription",
        ),
        (
            "The {product} for this month never arrived but I paid {amount} for it.",
            "Missing {product} this month",
        ),
        (
            "I want to cancel the {product} and I cannot find a cancel button anywhere.",
            "Cancel my subscription",
        ),
    ),
    "account": (
        (
            "I can't log into my account. The reset link says it has expired every time.",
            "Password reset link not working",
        ),
        ("My account was locked after I changed my email address.", "Account locked"),
        ("I'd like my account details and order history deleted, please.", "Delete my account"),
        (
            "I keep getting emails for an account I closed months ago.",
            "Emails from a closed account",
        ),
        ("My loyalty points disappeared from my account overnight.", "Missing loyalty points"),
        (
            "The app logs me out every few minutes and then says my account doesn't exist.",
            "Can't stay logged in",
        ),
    ),
    "service_quality": (
        (
            "I phoned your support line about {order_ref} and the agent hung up on me.",
            "Agent hung up on me",
        ),
        (
            "I've been passed between four different people about {order_ref} and nobody owns it.",
            "Complaint re order {order_no}",
        ),
        ("The person on the chat yesterday was incredibly rude to me.", "Rude agent"),
        (
            "I was promised a call back about {order_ref} twice and nobody called.",
            "Nobody called me back",
        ),
        (
            "Your agent told me one thing and the website says the opposite.",
            "Contradictory information from your staff",
        ),
        (
            "The staff member at your store counter laughed when I asked about {order_ref}.",
            "Complaint about your staff",
        ),
    ),
    "other": (
        (
            "I have a question about {order_ref} that doesn't fit any of your form options.",
            "Question about order {order_no}",
        ),
        (
            "The packaging for {order_ref} was enormous for such a small item. Is this normal?",
            "Excessive packaging",
        ),
        ("I received someone else's invoice inside my parcel.", "Wrong invoice in parcel"),
        ("I'd like to know why my review of the {product} was removed.", "My review was removed"),
        (
            "Your website says you price-match competitors, but you didn't for {order_ref}.",
            "Price match request",
        ),
    ),
}

ANGRY_SUBJECT_PREFIX = ("URGENT: ", "FINAL WARNING - ", "3rd email: ", "", "")
