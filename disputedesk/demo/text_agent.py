"""Phrase banks for agent replies (good and poor) and internal notes."""

from __future__ import annotations

GOOD_GREET = (
    "Hi {first},",
    "Hello {first},",
    "Dear {first},",
    "Hi {first}, thanks for writing in.",
    "Hello {first}, thank you for getting in touch.",
)
POOR_GREET = ("Dear customer,", "Hello,", "Hi,", "Dear Sir/Madam,", "")

EMPATHY: dict[str, tuple[str, ...]] = {
    "angry": (
        "I completely understand your frustration, and I'm sorry you've had to chase this.",
        "You're right to be annoyed. This isn't the experience we want you to have.",
        "I'm sorry. You shouldn't have had to write more than once.",
    ),
    "polite": (
        "Thanks for being so patient with us.",
        "Thank you for the clear details, that really helps.",
        "I'm sorry for the trouble, and thanks for letting us know.",
    ),
    "confused": (
        "No problem at all, let me explain what's going on.",
        "That's a fair question, and you haven't done anything wrong.",
        "Happy to help untangle this.",
    ),
    "sarcastic": (
        "Fair point, and I'm sorry. That's not good enough on our part.",
        "I hear you, and I'd be fed up too.",
    ),
}

APOLOGY = (
    "I'm sorry this happened.",
    "Please accept our apologies.",
    "That's on us, and I apologise.",
    "",
)

ACTION: dict[str, tuple[str, ...]] = {
    "delivery": (
        "I've opened a trace with {courier} for {order_ref}.",
        "I've asked the depot to confirm exactly where the parcel is.",
        "I've checked the tracking and flagged {order_ref} with our shipping team.",
    ),
    "product_defect": (
        "I've logged the fault with our quality team.",
        "I've checked our records and this batch of {product} is being reviewed.",
    ),
    "warranty": (
        "I've confirmed the {product} is within warranty until {warranty_until}.",
        "I've registered a warranty claim for the {product}.",
    ),
    "refund": (
        "I've asked our payments team to trace the refund for {order_ref}.",
        "I've checked the return and can see it reached our warehouse.",
    ),
    "billing": (
        "I've asked our payments team to pull the transaction records for {order_ref}.",
        "I'm checking the payment log for {order_ref} right now.",
    ),
    "fraud": (
        "I've put a hold on your account and {order_ref} while we investigate.",
        "I've passed this to our fraud team as a priority.",
    ),
    "subscription": (
        "I've paused any further charges on your subscription while I look into it.",
        "I'm checking the subscription history on your account.",
    ),
    "account": (
        "I've reset the login lock on your account.",
        "I've raised this with our accounts team.",
    ),
    "service_quality": (
        "I've passed your feedback to the team lead for review.",
        "I'm reviewing the call and chat records now.",
    ),
    "other": ("I've passed your question to the right team.", "I'm looking into this for you."),
}

TIMELINE = (
    "I'll update you by {deadline} at the latest.",
    "You'll hear back from me within two business days, by {deadline}.",
    "I expect to have an answer for you by {deadline}.",
    "I'll come back to you by {deadline}, even if it's just to say I'm still chasing.",
)

GOOD_SIGN = (
    "Best,\n{agent}",
    "Kind regards,\n{agent}\nCustomer Care",
    "Thanks,\n{agent}",
    "Warm regards,\n{agent}",
    "All the best,\n{agent} (Support team)",
)
POOR_SIGN = ("Regards,\nSupport", "Customer Service Team", "{agent}", "Thanks")

POOR_BODY = (
    "As I already explained, there is nothing more we can do at this stage.",
    "We value your feedback and are always looking to improve.",
    "Your satisfaction is our top priority.",
    "As stated clearly on our website, all sales are processed according to our terms.",
    "Please read our FAQ before contacting us.",
    "Please be patient, we have a lot of tickets.",
    "We followed our process correctly.",
    "Your ticket has been received and will be handled in turn.",
)
POOR_BLAME: dict[str, tuple[str, ...]] = {
    "delivery": (
        "You must have entered the wrong address at checkout.",
        "That's not our fault, the courier is responsible once it leaves our warehouse.",
        "The courier marked it as delivered, so it was delivered.",
    ),
    "product_defect": (
        "It looks like the product was not used according to the instructions.",
        "All our products are checked before dispatch, so the damage happened after delivery.",
    ),
    "warranty": ("Wear and tear is not covered. Did you read the manual?",),
    "refund": ("Refunds take as long as they take; it's with your bank now, not us.",),
    "billing": ("Our system shows no error on our side. Check with your bank.",),
    "fraud": ("You must have shared your password with someone.",),
    "subscription": ("You agreed to the recurring terms at checkout.",),
    "account": ("You probably typed your password wrong.",),
    "service_quality": ("Our staff are trained professionals; I'm sure there was a reason.",),
    "other": ("That's just how it works.",),
}
POOR_TO_ANGRY = "Calm down, please. Shouting won't make this faster."
POOR_CLOSER = (
    "Please allow 10-15 business days.",
    "Thank you for your understanding.",
    "Have a nice day.",
    "Ticket updated.",
    "",
)

QUESTION: dict[str, tuple[str, ...]] = {
    "delivery": (
        "Could you confirm the delivery address, and whether the driver might have used "
        "a safe place or a neighbour?",
        "Could you check with neighbours or your building's mailroom and let me know?",
    ),
    "product_defect": (
        "Could you send a photo or short video of the fault, plus the serial "
        "number from the label underneath?",
        "Could you tell me whether the damage was visible when you unpacked it?",
    ),
    "warranty": (
        "Could you send a photo of the serial number and describe when the fault occurs?",
        "Do you still have the original packaging, so we can send you a prepaid label?",
    ),
    "refund": (
        "Could you send the drop-off receipt for the return so I can match it up?",
        "Can you confirm which card the original payment was made with (last four digits "
        "only, please)?",
    ),
    "billing": (
        "Could you send a screenshot of your statement showing both charges? Please hide "
        "all but the last four digits of the card.",
        "Can you tell me whether both charges show as 'pending' or 'posted'?",
    ),
    "fraud": (
        "Has anyone else had access to your account or card recently?",
        "Could you confirm the last order you did place yourself?",
    ),
    "subscription": (
        "Could you forward the cancellation confirmation email you received?",
        "Can you confirm the email address the subscription was set up with?",
    ),
    "account": (
        "Which browser or app version are you using?",
        "Could you confirm the email address on the account?",
    ),
    "service_quality": (
        "Could you tell me roughly when the call took place, so I can find it?",
        "Do you have the chat reference number?",
    ),
    "other": (
        "Could you tell me a bit more about what you'd like us to do?",
        "Can you send a photo of what you received?",
    ),
}

OFFER: dict[str, tuple[str, ...]] = {
    "refund": (
        "I can offer a full refund of {amount} to your original payment method. "
        "Would you like me to go ahead?",
        "I'd like to refund the {amount} in full. Shall I process that today?",
    ),
    "replacement": (
        "I can send you a replacement for the {product} by express shipping at no charge; it "
        "would arrive by {deadline}. Shall I arrange that?",
        "I can ship a replacement today, or refund {amount} if you'd prefer. Which would you like?",
    ),
    "repair": (
        "I can arrange a free repair: we'll email a prepaid label and the {product} will "
        "be back with you within 10 days. Does that work?",
        "We can repair or replace the {product} under warranty. Would you like the "
        "prepaid label sent to the address on file?",
    ),
    "credit": (
        "As an apology I'd like to offer {credit} in store credit. Would that work?",
        "I can add {credit} credit to your account today. Shall I go ahead?",
    ),
    "explanation": (
        "Along with the explanation above, I'd like to offer {credit} in store "
        "credit for the hassle. Would that be acceptable?",
    ),
    "apology": (
        "I'm truly sorry, and I'd like to offer {credit} in store credit as a gesture "
        "of goodwill. Would you accept that?",
    ),
    "cancel": (
        "I can cancel the subscription today and refund the last charge of {amount}. "
        "Shall I proceed?",
        "I can cancel with immediate effect and refund {amount}. Would you like that?",
    ),
}

_RETURNS = (
    "Under section 4.2 of our returns policy, items reported faulty within 30 days qualify for "
    "a full refund.",
    "Our returns policy (section 4.1) gives you 30 days from delivery to return an item.",
)
_WARRANTY = ("Our warranty (clause 7.1) covers manufacturing faults for 12 months from purchase.",)
_DELIVERY = (
    "Per clause 3.4 of our delivery terms, orders more than 5 days late are eligible for a "
    "refund of shipping or the full order.",
    "Our delivery terms (clause 3.2) make us responsible for the parcel until it is in your hands.",
)
_BILLING = (
    "Section 5.3 of our payment terms says any duplicate charge is refunded in full.",
    "Section 6.1 of our subscription terms lets you cancel at any time before the next "
    "billing date.",
)
POLICY: dict[str, tuple[str, ...]] = {
    "delivery": _DELIVERY,
    "product_defect": _RETURNS,
    "refund": _RETURNS,
    "warranty": _WARRANTY,
    "billing": _BILLING[:1],
    "fraud": ("Our fraud policy refunds any order you didn't authorise (section 9.2).",),
    "subscription": _BILLING[1:],
}

RESOLUTION: dict[str, tuple[str, ...]] = {
    "refund": (
        "I've processed the refund of {amount}; it should appear on your statement within "
        "3-5 business days.",
        "The refund of {amount} went through today (reference {tracking}).",
    ),
    "replacement": (
        "Your replacement {product} shipped today; the tracking number is {tracking}.",
        "Your replacement is on its way by express, tracking {tracking}.",
    ),
    "repair": (
        "The repair is booked; your prepaid label is attached and the turnaround is about 10 days.",
    ),
    "credit": ("I've added {credit} in store credit to your account; it's ready to use now.",),
    "explanation": (
        "I've also added {credit} in store credit to your account for the hassle.",
        "On top of that, there's now {credit} of credit on your account, with our apologies.",
    ),
    "apology": (
        "I'm genuinely sorry for how this was handled. I've added {credit} credit to your "
        "account as a gesture of goodwill.",
        "You deserved better from us, and I apologise. There's {credit} credit on your account "
        "now.",
    ),
    "cancel": (
        "Your subscription is cancelled and the {amount} refund is on its way. You won't "
        "be charged again.",
    ),
}

_WINDOW = (
    "I'm sorry, but I can't approve this: the return window in section 4.1 of our policy is "
    "30 days, and this request came after it closed."
)
_DAMAGE = (
    "Unfortunately the damage shown isn't covered by the warranty (clause 7.3 excludes "
    "accidental damage)."
)
_CORRECT = "I've reviewed this carefully, and the charge is correct, so I can't reverse it."
DECLINED: dict[str, tuple[str, ...]] = {
    "delivery": (
        "Our records show {order_ref} was delivered and signed for on {delivered}, so I'm unable "
        "to refund it.",
        "{courier} has GPS proof of delivery for {order_ref}, so I can't treat it as lost.",
    ),
    "product_defect": (_WINDOW, _DAMAGE),
    "warranty": (_DAMAGE,),
    "refund": (_WINDOW, "The refund was issued in full on our side; any delay is with your bank."),
    "billing": (_CORRECT,),
    "subscription": (
        _CORRECT,
        "The charge was taken before the cancellation request arrived, so I can't refund it.",
    ),
    "fraud": (
        "Our checks show the order was placed from your usual device and address, so I "
        "can't treat it as fraud. Your bank can investigate further.",
    ),
    "default": (
        "I've looked into this carefully, but I'm not able to offer anything further here.",
        "I'm sorry, but this falls outside what our policy covers.",
    ),
}

WITHDRAWN_REPLY = (
    "Thanks for letting us know, I'm glad it's sorted. I'll close this case now.",
    "No problem at all, thanks for the update. Closing this for you.",
)

NOTE_INVESTIGATION: dict[str, tuple[str, ...]] = {
    "delivery": (
        "Courier portal: parcel for {order_ref} scanned at the {depot} depot, no movement since.",
        "{courier} claim opened for {order_ref}, ref {tracking}. They quote 5 days.",
    ),
    "product_defect": (
        "Third report this month on the {product}. Flagging to QA.",
        "Checked batch code, matches the recalled lot from the supplier.",
    ),
    "warranty": ("Purchase {purchased}, warranty to {warranty_until}. Eligible.",),
    "refund": (
        "Payment gateway shows refund for {order_ref} stuck in 'pending' since the outage.",
        "Return received at warehouse, but nobody triggered the refund. Our mistake.",
    ),
    "billing": (
        "Payment log shows two captures for {order_ref} a minute apart; looks like the "
        "checkout retry bug.",
        "Only one capture in our gateway; second line is probably an auth hold.",
    ),
    "fraud": (
        "Order shipped to a new address, IP from another country. Looks genuine fraud.",
        "Same device fingerprint as the customer's previous orders. Possibly family use.",
    ),
    "subscription": ("Cancellation request logged but the billing job ran first. Known issue.",),
    "account": ("Auth logs show repeated lockouts after email change. Engineering ticket filed.",),
    "service_quality": (
        "Listened to the call. Agent was curt, no greeting, ended call early.",
        "Chat transcript reviewed; tone was dismissive. Coaching needed.",
    ),
    "other": ("Checked with the warehouse, they're looking into it.",),
}

# Investigation notes for cases that end declined or withdrawn.
NOTE_NO_FAULT: dict[str, tuple[str, ...]] = {
    "delivery": ("Courier has a GPS scan and photo at the customer's door for {order_ref}.",),
    "product_defect": ("Photos show impact damage, not a manufacturing fault.",),
    "warranty": ("Serial checks out, but the damage looks accidental. Not a warranty fault.",),
    "refund": ("Gateway shows the refund for {order_ref} completed on our side.",),
    "billing": ("Only one capture in our gateway; the second line is an auth hold.",),
    "fraud": ("Same device fingerprint as the customer's previous orders. Possibly family use.",),
    "subscription": ("Charge was taken two days before the cancellation request came in.",),
    "default": ("Checked our records; nothing went wrong on our side that I can see.",),
}

NOTE_GENERIC = (
    "Customer has {prior} previous dispute(s) on file.",
    "Gold tier customer, please handle with care.",
    "Card number pasted in the customer's message; do not copy it into notes.",
)
# Tried in order; the first whose placeholders are all known is used.
NOTE_ESCALATION_SPECIFIC = (
    "Escalating to {escalated_to}: customer is threatening {threat_kind}.",
    "Passing to {escalated_to} as requested by the customer.{asked_senior}",
    "Escalated to {escalated_to}; {big_amount} is above my approval limit.",
)
NOTE_ESCALATION = (
    "Escalating to {escalated_to}: still unresolved after our first reply, needs a senior eye.",
    "Looping in {escalated_to} for a goodwill decision on this one.",
    "Handing over to {escalated_to}; this needs someone who can approve an exception.",
)
NOTE_CHARGEBACK = (
    "Chargeback notice received from the issuer, reason code {reason_code}. Response due in "
    "10 days.",
    "Issuer chargeback filed for {amount}. Gathering evidence for representment.",
)
NOTE_CLOSING = (
    "No reply from customer in 14 days; closing.",
    "Refund confirmed in payment gateway; closing.",
    "Customer confirmed they're happy. Closing.",
    "All actions complete, closing the case.",
)
