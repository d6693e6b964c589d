# ruff: noqa: E501
"""Our own labelled agent replies (labelled per ../shared/data/LABELS.md), for table-driven tests.

Each case: (text, findings, present). Written for this project; not taken from the dev set.
"""

from __future__ import annotations

Case = tuple[str, set[str], set[str]]

CASES: list[Case] = [
    # --- blame ---
    ("You must have typed the wrong card number at checkout.", {"blame"}, set()),
    ("You've misread the booking confirmation; the room was for two nights.", {"blame"}, set()),
    ("If you had checked the size guide, this wouldn't have happened.", {"blame"}, set()),
    ("You failed to cancel before the trial ended, so the charge is valid.", {"blame"}, set()),
    ("The damage was caused by the way you stored the bike outside.", {"blame"}, set()),
    ("This was your mistake, not ours.", {"blame", "defensiveness"}, set()),
    (
        "You didn't include the apartment number, so the parcel went back to the depot.",
        {"blame"},
        set(),
    ),
    ("The postcode you entered was incorrect, which is why it was returned.", {"blame"}, set()),
    ("You should have contacted us within 48 hours of delivery.", {"blame"}, set()),
    ("The setup instructions were ignored, and that's why the screen flickers.", {"blame"}, set()),
    (
        "It's not your fault at all; the label was printed wrongly on our side, and I've sent a new "
        "one to your email.",
        set(),
        {"solution"},
    ),
    # --- condescension ---
    ("As I've already said twice, the voucher expired in March.", {"condescension"}, set()),
    ("The FAQ plainly states that sale items are final.", {"condescension"}, set()),
    ("Simply read the user guide and you'll find the answer.", {"condescension"}, set()),
    ("Obviously, a phone dropped in water isn't covered.", {"condescension"}, set()),
    ("It's really not that hard to reset the router.", {"condescension"}, set()),
    ("As anyone would know, you need to charge it before first use.", {"condescension"}, set()),
    ("Please stop typing in all caps so I can help you.", {"condescension"}, set()),
    ("Why would anyone expect a free replacement after two years?", {"condescension"}, set()),
    (
        "I'll simply send a new charger out today, so you'll have it by Thursday.",
        set(),
        {"solution", "timeline"},
    ),
    (
        "Obviously this should never have happened, and I'm sorry. I've refunded the £25 to your card.",
        set(),
        {"apology", "solution"},
    ),
    (
        "Just to confirm, could you tell me which colour you ordered?",
        set(),
        {"clarifying_question"},
    ),
    # --- defensiveness ---
    ("That isn't our problem; the parcel left us in perfect condition.", {"defensiveness"}, set()),
    ("We cannot be held responsible for delays at customs.", {"defensiveness"}, set()),
    ("The manufacturer is solely responsible for faults like this.", {"defensiveness"}, set()),
    ("I'm just following the procedure I was given.", {"defensiveness"}, set()),
    ("My hands are tied here, the system won't let me change it.", {"defensiveness"}, set()),
    (
        "The storm was beyond our control, so there was nothing anyone could do.",
        {"defensiveness"},
        set(),
    ),
    ("Please take it up with the courier directly.", {"defensiveness"}, set()),
    ("Our staff did nothing wrong during the installation.", {"defensiveness"}, set()),
    # --- dismissiveness ---
    ("There's no need to get so upset over a late delivery.", {"dismissiveness"}, set()),
    ("Your feedback has been noted.", {"dismissiveness"}, {"acknowledgement"}),
    ("I'm sorry if you felt let down, but the rules are the rules.", {"dismissiveness"}, set()),
    ("It's just a small scratch, it won't affect how it works.", {"dismissiveness"}, set()),
    ("These things happen with online orders.", {"dismissiveness"}, set()),
    ("You're being a bit dramatic about a five-minute wait.", {"dismissiveness"}, set()),
    ("I'm sorry you feel that way.", {"dismissiveness"}, set()),
    ("Relax, it's not a big deal.", {"dismissiveness"}, set()),
    # --- refusal without alternative ---
    (
        "Unfortunately we cannot offer a refund on digital downloads.",
        {"refusal_without_alternative"},
        set(),
    ),
    ("Your claim has been rejected.", {"refusal_without_alternative"}, set()),
    (
        "We are not able to extend the deadline for your assignment.",
        {"refusal_without_alternative"},
        set(),
    ),
    (
        "I understand how disappointing this is, but we won't be able to replace the lamp.",
        {"refusal_without_alternative"},
        {"empathy"},
    ),
    (
        "Exchanges aren't possible for personalised items, as our returns policy explains.",
        {"refusal_without_alternative"},
        {"policy_reference"},
    ),
    (
        "We can't refund the ticket, but I can move your booking to any date in the next six months "
        "at no charge.",
        set(),
        {"solution"},
    ),
    (
        "I'm afraid a refund isn't possible here; instead, I can offer you a 20% voucher.",
        set(),
        {"solution"},
    ),
    (
        "We're unable to waive the fee, but you can apply for a payment plan from your account page.",
        set(),
        set(),
    ),
    # --- over-promise ---
    ("I'll do whatever it takes to make you happy.", {"over_promise"}, set()),
    ("This will never happen to you again, I promise.", {"over_promise"}, set()),
    ("I guarantee that your next order will be perfect.", {"over_promise"}, set()),
    (
        "We'll give you a full refund plus compensation for your time.",
        {"over_promise"},
        {"solution"},
    ),
    ("Anything you want, just name it and it's yours.", {"over_promise"}, set()),
    # --- canned ---
    (
        "Thank you for your message. We value your feedback and will use it to improve.",
        {"canned"},
        {"acknowledgement"},
    ),
    (
        "Your satisfaction is our top priority. Please do not hesitate to contact us again.",
        {"canned"},
        set(),
    ),
    (
        "We apologise for any inconvenience caused. Thank you for choosing ShopRight.",
        {"canned"},
        {"apology", "acknowledgement"},
    ),
    (
        "Dear Customer, your enquiry has been received and will be answered in due course.",
        {"canned"},
        set(),
    ),
    (
        "We take all complaints very seriously and are committed to providing excellent service.",
        {"canned"},
        set(),
    ),
    # --- elements ---
    ("I can imagine how worrying it is when a payment goes missing.", set(), {"empathy"}),
    ("That must have been so stressful with guests arriving.", set(), {"empathy"}),
    ("You're absolutely right that the item was listed as waterproof.", set(), {"acknowledgement"}),
    ("Thanks for sending the photos of the dented corner.", set(), {"acknowledgement"}),
    ("I apologise for the mix-up with your booking.", set(), {"apology"}),
    ("I'm sorry for the delay in getting back to you.", set(), {"apology"}),
    ("Sorry, quick question: did you buy it online or in store?", set(), {"clarifying_question"}),
    ("Sorry, but the sale price ended yesterday.", set(), set()),
    ("Which email address did you use when you placed the order?", set(), {"clarifying_question"}),
    ("Could you send us a photo of the serial number on the back?", set(), {"clarifying_question"}),
    (
        "I've issued a replacement headset, which will ship from our warehouse tomorrow.",
        set(),
        {"solution", "next_steps", "timeline"},
    ),
    ("I've credited €12.50 to your account for the missed delivery slot.", set(), {"solution"}),
    (
        "Under clause 9.1 of the rental agreement, the deposit is returned after inspection.",
        set(),
        {"policy_reference"},
    ),
    (
        "Our 90-day price promise means we match any lower price you find.",
        set(),
        {"policy_reference"},
    ),
    ("It's our policy, I'm afraid.", set(), set()),
    (
        "Please print the label, attach it to the parcel and drop it at any courier point.",
        set(),
        {"next_steps"},
    ),
    (
        "Our technician will visit on Friday between 8am and 12pm.",
        set(),
        {"next_steps", "timeline"},
    ),
    ("We'll look into it soon.", set(), {"next_steps"}),
    ("Your order was placed on Monday and arrived on Wednesday.", set(), set()),
    ("The refund should appear on your statement within 3 to 5 working days.", set(), {"timeline"}),
    ("Returns are accepted within 30 days of purchase.", set(), {"policy_reference"}),
    (
        "I'll give you a ring tomorrow afternoon to check everything is working.",
        set(),
        {"follow_up", "next_steps", "timeline"},
    ),
    ("I'll keep you posted as the investigation progresses.", set(), {"follow_up", "next_steps"}),
    ("The courier will call you before they arrive.", set(), {"next_steps"}),
    # --- full replies ---
    (
        "Hi Jonas,\n\nThank you for letting us know the blender arrived with a cracked jug. I'm really "
        "sorry about that; I know how annoying it is to unbox something broken. I've ordered a new jug "
        "for you, and it will be delivered by Wednesday. I'll check in on Thursday to make sure it "
        "arrived safely.\n\nBest,\nAmira",
        set(),
        {
            "acknowledgement",
            "apology",
            "empathy",
            "solution",
            "next_steps",
            "timeline",
            "follow_up",
        },
    ),
    (
        "Dear Mr Patel,\n\nThank you for your patience. Under section 3.4 of our Service Terms, "
        "installation faults reported within 14 days are repaired free of charge. I have booked an "
        "engineer for Tuesday 14 May, and you will receive a text with a time slot the day before. "
        "Could you confirm that someone will be home that morning?\n\nKind regards,\nRuth",
        set(),
        {
            "acknowledgement",
            "policy_reference",
            "solution",
            "next_steps",
            "timeline",
            "clarifying_question",
        },
    ),
    (
        "Hello Sara, I completely understand why the surprise fee upset you. We can't remove the "
        "late-payment fee under clause 7 of your contract, but what I can do is split this month's "
        "balance into two payments with no extra charge. Would that help?",
        set(),
        {"empathy", "policy_reference", "solution", "clarifying_question"},
    ),
    (
        "Hi Tom, thanks for your email. Honestly, you should have read the delivery notes before "
        "booking the slot. We won't be changing it now.",
        {"blame", "condescension", "refusal_without_alternative"},
        {"acknowledgement"},
    ),
    (
        "Thanks for chasing this, Lena. Our billing team is reviewing the duplicate charge now, and "
        "I'll update you by 5pm tomorrow.",
        set(),
        {"acknowledgement", "next_steps", "timeline", "follow_up"},
    ),
    (
        "I can see how frustrating the repeated outages have been. I've added a credit of $15 to your "
        "account and escalated the line fault to our network team, who will contact you within 48 "
        "hours.",
        set(),
        {"empathy", "solution", "next_steps", "timeline"},
    ),
    (
        "Thanks for your patience, Omar; your replacement card has been dispatched and should arrive "
        "within 2 working days.",
        set(),
        {"acknowledgement", "solution", "next_steps", "timeline"},
    ),
    (
        "<p>Hi Eva,</p><p>I'm so sorry your order arrived late. I&#39;ve refunded the &pound;4.99 "
        "delivery fee today.</p>",
        set(),
        {"apology", "solution", "timeline"},
    ),
    (
        "I know this isn't the answer you wanted. Unfortunately, I'm unable to reopen the claim.",
        {"refusal_without_alternative"},
        set(),
    ),
    ("Look, I've told you already: the warranty ran out last year.", {"condescension"}, set()),
    (
        "We are a small team, so you'll just have to wait like everyone else.",
        {"dismissiveness"},
        set(),
    ),
    ("The seller is responsible for the listing, not us.", {"defensiveness"}, set()),
    # --- second batch, written after the first round of fixes ---
    ("You obviously didn't look at the tracking page.", {"blame", "condescension"}, set()),
    ("Had you read the terms, you'd know refunds take 10 days.", {"blame", "condescension"}, set()),
    ("You were supposed to register the product within 30 days.", {"blame"}, set()),
    (
        "It says right there in bold on the checkout page, which you clearly skipped.",
        {"blame", "condescension"},
        set(),
    ),
    ("Like I told you yesterday, the engineer is booked.", {"condescension"}, set()),
    (
        "I'll explain it again, slowly: the discount only applies to full-price items.",
        {"condescension"},
        set(),
    ),
    (
        "Our courier partner handles all damaged-in-transit claims, not us.",
        {"defensiveness"},
        set(),
    ),
    ("We're not to blame for the airline's strike.", {"defensiveness"}, set()),
    (
        "Honestly it's a cheap cable, so I wouldn't worry about it.",
        {"condescension", "dismissiveness"},
        set(),
    ),
    (
        "I hear you, and I'm sorry this has dragged on. I've escalated it to my manager, who will call you before noon tomorrow.",
        set(),
        {"acknowledgement", "apology", "solution", "next_steps", "timeline"},
    ),
    (
        "I'm sorry to hear the heater stopped working during the cold snap; that must be miserable. Could you tell me the model number on the sticker underneath?",
        set(),
        {"apology", "empathy", "clarifying_question"},
    ),
    (
        "We're unable to offer a cash refund, but we'd be happy to exchange it for another size.",
        set(),
        {"solution"},
    ),
    ("The refund has been declined by our finance team.", {"refusal_without_alternative"}, set()),
    (
        "Per our terms, we don't refund partially used gift cards.",
        {"refusal_without_alternative"},
        {"policy_reference"},
    ),
    (
        "I've arranged a courier to collect the faulty oven on Monday 3 June between 7am and 1pm, and a new one will be installed the same day.",
        set(),
        {"solution", "next_steps", "timeline"},
    ),
    ("We promise you'll never wait on hold again.", {"over_promise"}, set()),
    ("Rest assured, we'll make it up to you however you like.", {"over_promise"}, set()),
    (
        "Thanks for reaching out! We appreciate your business and hope to see you again soon.",
        {"canned"},
        {"acknowledgement"},
    ),
    (
        "Thank you for your patience while our team reviewed your case. We have credited $40 to your account.",
        set(),
        {"acknowledgement", "solution"},
    ),
    ("Is there anything else I can help you with?", set(), set()),
    ("Please keep the receipt; you'll need it if the fault comes back.", set(), {"next_steps"}),
    (
        "I'll update you as soon as I hear back from the warehouse.",
        set(),
        {"follow_up", "next_steps"},
    ),
    (
        "Your complaint about the noise has been logged and passed to the site manager.",
        set(),
        set(),
    ),
    (
        "Sorry for the wait! I've reset your password and sent a link to your new email.",
        set(),
        {"apology", "solution"},
    ),
    (
        "We will not be offering compensation for this delay.",
        {"refusal_without_alternative"},
        set(),
    ),
    ("I can't change the price now, sorry.", {"refusal_without_alternative"}, set()),
    (
        "Frankly, this is the third time we've explained the billing cycle to you.",
        {"condescension"},
        set(),
    ),
    ("Calm yourself, please, and we'll look at it.", {"dismissiveness"}, set()),
    (
        "A cracked screen on arrival is unacceptable, and I'm sorry. I've sent a replacement by express post; it will arrive by Saturday.",
        set(),
        {"apology", "solution", "next_steps", "timeline"},
    ),
    (
        "Thanks, Paula. You're right that we charged you twice; I've reversed the second payment of €59.00 today.",
        set(),
        {"acknowledgement", "solution", "timeline"},
    ),
    # --- third batch, written after the second round of fixes ---
    (
        "Hi Dana, thanks for flagging the missing bolts. I've posted a new fixings pack today by first-class mail, so it should be with you by Thursday.",
        set(),
        {"acknowledgement", "solution", "timeline", "next_steps"},
    ),
    (
        "We regret that your stay fell short. I've refunded one night (€89) and our manager will call you tomorrow morning.",
        set(),
        {"apology", "solution", "next_steps", "timeline"},
    ),
    ("Your booking was non-refundable, which you agreed to at checkout.", {"blame"}, set()),
    (
        "I can't issue a refund for the concert since the event went ahead as planned.",
        {"refusal_without_alternative"},
        set(),
    ),
    (
        "I understand the wait has been frustrating, and I'm sorry. Could you confirm the email address on the account so I can find it?",
        set(),
        {"empathy", "apology", "clarifying_question"},
    ),
    ("As explained in my previous email, the charge is correct.", {"condescension"}, set()),
    (
        "It's not rocket science: press and hold the button for ten seconds.",
        {"condescension"},
        set(),
    ),
    (
        "We value your custom and strive for excellence in everything we do.",
        {"canned"},
        {"acknowledgement"},
    ),
    (
        "Thanks so much for your kind words about Jamie, I'll pass them on to her today!",
        set(),
        {"acknowledgement", "timeline"},
    ),
    (
        "The bank is the one that froze the payment, so you'll need to speak to them.",
        {"defensiveness"},
        set(),
    ),
    (
        "Per section 2.3 of our Delivery Terms, we aim to deliver within 5 working days; yours is on day 4, so it should arrive tomorrow.",
        set(),
        {"policy_reference", "timeline", "next_steps"},
    ),
    ("I'm sorry, but we can't help with that.", {"refusal_without_alternative"}, set()),
    ("You're overthinking this; the update is harmless.", {"dismissiveness"}, set()),
    ("We'll make absolutely sure this never happens to anyone again.", {"over_promise"}, set()),
    (
        "Thanks for your patience. Unfortunately the item is discontinued, so we can't replace it, but I've refunded the full £64.00 to your card.",
        set(),
        {"acknowledgement", "solution"},
    ),
    ("If you'd followed the care label, the jumper wouldn't have shrunk.", {"blame"}, set()),
    (
        "That's how the system works, I'm afraid, and there's nothing more to say.",
        {"dismissiveness", "defensiveness"},
        set(),
    ),
    (
        "Please reply with a photo of the receipt and I'll process the claim straight away.",
        set(),
        {"clarifying_question", "next_steps"},
    ),
    (
        "I've spoken to the courier and they will redeliver on Saturday between 10am and 2pm.",
        set(),
        {"next_steps", "timeline"},
    ),
    (
        "So sorry about this, Ian! A new code is on its way to your inbox now.",
        set(),
        {"apology", "solution"},
    ),
    # --- fourth batch, written after the third round of fixes ---
    (
        "Hi Ravi, thank you for your patience. Our warehouse found your parcel and will dispatch it this afternoon; you'll get tracking by email.",
        set(),
        {"acknowledgement", "next_steps", "timeline"},
    ),
    (
        "I'm sorry the sizing was off. I've emailed you a free returns label, and once we receive the boots we'll send the larger pair the same day.",
        set(),
        {"apology", "solution", "next_steps", "timeline"},
    ),
    ("That's simply not how warranties work.", {"condescension"}, set()),
    ("You need to read the small print next time.", {"blame", "condescension"}, set()),
    (
        "We cannot accept returns on swimwear for hygiene reasons.",
        {"refusal_without_alternative"},
        set(),
    ),
    (
        "Kindly note that your complaint has been noted and filed.",
        {"dismissiveness"},
        {"acknowledgement"},
    ),
    (
        "I've looked into it and the delay was caused by the courier, not us; it's out of our hands.",
        {"defensiveness"},
        set(),
    ),
    (
        "I know it's annoying to be charged twice. The duplicate payment of $42.10 has been reversed and will show on your statement within 5 days.",
        set(),
        {"empathy", "solution", "timeline"},
    ),
    (
        "Could you let me know which day suits you for the engineer visit?",
        set(),
        {"clarifying_question"},
    ),
    (
        "Unfortunately I can't refund a used voucher, but you can transfer it to a friend from your account page.",
        set(),
        set(),
    ),
    (
        "We appreciate your feedback and will share it with the relevant team.",
        {"canned"},
        {"acknowledgement"},
    ),
    ("I promise this will be fixed by tomorrow, no matter what.", {"over_promise"}, {"timeline"}),
    (
        "Look, I get that you're frustrated, but shouting at our staff won't change the outcome.",
        {"condescension"},
        {"empathy"},
    ),
    (
        "Thank you for raising this. You're right that the discount should have applied, so I've refunded the difference of £7.50.",
        set(),
        {"acknowledgement", "solution"},
    ),
    (
        "Our records show you were home when the driver knocked, so we consider this delivered.",
        {"blame"},
        set(),
    ),
    (
        "Under our Price Promise, if you find it cheaper within 14 days we refund the difference. Could you send me a link to the lower price?",
        set(),
        {"policy_reference", "clarifying_question"},
    ),
    (
        "I'll personally follow up with the store manager and get back to you by Wednesday.",
        set(),
        {"follow_up", "next_steps", "timeline"},
    ),
    ("Sorry, we don't do refunds.", {"refusal_without_alternative"}, set()),
    (
        "Honestly, we get complaints like this all the time and most people are fine.",
        {"condescension", "dismissiveness"},
        set(),
    ),
    (
        "Apologies for the late reply! Your account has been unlocked and you can log in again now.",
        set(),
        {"apology", "solution"},
    ),
    # --- fifth batch, written after the fourth round of fixes ---
    (
        "Dear Mrs Hughes,\n\nThank you for writing to us about the late collection of your sofa. I am sorry for the disruption this caused. I have arranged a collection for Thursday 12 June between 8am and 12pm, and our driver will phone you 30 minutes before arriving.\n\nYours sincerely,\nTom",
        set(),
        {"acknowledgement", "apology", "solution", "next_steps", "timeline"},
    ),
    (
        "Hey Mo, totally get why you're fed up - two missed deliveries is a lot. I've upgraded you to next-day delivery for free and it's already on the van.",
        set(),
        {"empathy", "solution"},
    ),
    (
        "As per our terms and conditions, which you accepted when ordering, cancellations are not possible after dispatch.",
        {"blame", "refusal_without_alternative"},
        {"policy_reference"},
    ),
    (
        "I'm afraid that's the rule and I can't bend it for one customer.",
        {"refusal_without_alternative", "defensiveness"},
        set(),
    ),
    (
        "Thanks for the quick reply! Just so I can check the right account, what's the postcode on the booking?",
        set(),
        {"acknowledgement", "clarifying_question"},
    ),
    (
        "We did everything right on our side; the bank is to blame for the delay.",
        {"defensiveness"},
        set(),
    ),
    (
        "Obviously we should have caught this before it shipped, and I'm sorry. A replacement goes out today.",
        set(),
        {"apology", "solution", "timeline"},
    ),
    (
        "I'm sorry you're disappointed, but the photos match the product description.",
        {"dismissiveness"},
        set(),
    ),
    ("Please be patient, these things take time.", {"dismissiveness"}, set()),
    (
        "You will receive a refund of €25.00 within 10 working days, in line with our refund policy.",
        set(),
        {"solution", "timeline", "policy_reference"},
    ),
    (
        "Your satisfaction means the world to us, and we look forward to serving you again.",
        {"canned"},
        set(),
    ),
    (
        "I've asked the kitchen team to review what went wrong and I'll let you know what they find by Friday.",
        set(),
        {"solution", "next_steps", "follow_up", "timeline"},
    ),
    (
        "It's right there on page 3 of the manual if you'd bothered to look.",
        {"blame", "condescension"},
        set(),
    ),
    (
        "We'll sort out a refund, a new phone and free service for a year - whatever you need.",
        {"over_promise"},
        {"solution"},
    ),
    (
        "No problem at all! I've reactivated your subscription, effective immediately.",
        set(),
        {"solution"},
    ),
    (
        "The warranty doesn't cover accidental damage, so we won't be repairing it.",
        {"refusal_without_alternative"},
        {"policy_reference"},
    ),
    (
        "I hear how stressful this move has been. Could you tell me which day the fridge should arrive?",
        set(),
        {"empathy", "clarifying_question"},
    ),
    (
        "Your issue has been escalated to a supervisor, who will contact you within 2 business days.",
        set(),
        {"solution", "next_steps", "timeline"},
    ),
    (
        "We're sorry for any inconvenience. Our team is working hard to serve you better.",
        {"canned"},
        {"apology"},
    ),
    (
        "You're welcome to return it within 30 days for a full refund, as set out in our returns policy.",
        set(),
        {"policy_reference", "solution"},
    ),
    # --- sixth batch, written after the fifth round of fixes ---
    (
        "Hi Leo, I'm really sorry your flight credit didn't show up. I've added the $180 credit to your account manually, and you'll see it next time you log in.",
        set(),
        {"apology", "solution"},
    ),
    ("You ordered the wrong size, so the return shipping is on you.", {"blame"}, set()),
    (
        "With respect, if you can't follow simple instructions, I'm not sure what else we can do.",
        {"condescension", "blame"},
        set(),
    ),
    (
        "I totally understand, waiting in for an engineer who never shows is maddening. I've booked a priority slot for tomorrow 8-10am, and I'll text you when he's on his way.",
        set(),
        {"empathy", "solution", "timeline", "follow_up", "next_steps"},
    ),
    (
        "We are unable to comment on individual staff members.",
        {"refusal_without_alternative"},
        set(),
    ),
    (
        "Can you tell me roughly when you placed the order and which card you used?",
        set(),
        {"clarifying_question"},
    ),
    (
        "The delay is due to high demand, which affects all customers equally.",
        {"defensiveness"},
        set(),
    ),
    (
        "Thanks for bearing with us. Under clause 12 of your tenancy agreement, repairs are completed within 28 days; our contractor will attend on Monday.",
        set(),
        {"acknowledgement", "policy_reference", "next_steps", "timeline"},
    ),
    (
        "I've gone ahead and cancelled the duplicate order, so only one charge of £54.99 will go through.",
        set(),
        {"solution"},
    ),
    ("Not sure why you're so worked up about a free sample.", {"dismissiveness"}, set()),
    (
        "We thank you for your continued loyalty and look forward to your next visit.",
        {"canned"},
        {"acknowledgement"},
    ),
    (
        "It's our busiest season, so what did you expect?",
        {"condescension", "dismissiveness"},
        set(),
    ),
    (
        "I'll guarantee you a full refund today and a bonus voucher, no questions asked.",
        {"over_promise"},
        {"solution", "timeline"},
    ),
    (
        "Apologies, but we can't accept returns without proof of purchase.",
        {"refusal_without_alternative"},
        set(),
    ),
    ("Please don't take that tone with me.", {"dismissiveness"}, set()),
    (
        "I see from your account that you've been with us for six years, and I appreciate you flagging this. I've waived this month's late fee.",
        set(),
        {"acknowledgement", "solution"},
    ),
    (
        "Our terms state that deposits are non-refundable, but I can move your booking to a later date at no cost.",
        set(),
        {"policy_reference", "solution"},
    ),
    (
        "If the item arrives damaged again, please reply to this email with a photo and we'll send another.",
        set(),
        {"next_steps", "clarifying_question", "solution"},
    ),
    (
        "The app works perfectly for everyone else, so the issue must be on your end.",
        {"blame", "dismissiveness"},
        set(),
    ),
    (
        "Sorry for the confusion! The charge you saw was a temporary hold and it will drop off within 3 working days.",
        set(),
        {"apology", "next_steps", "timeline"},
    ),
]
