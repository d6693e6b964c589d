"""Phrase banks for customer messages, keyed by tone, category and desired outcome."""

from __future__ import annotations

TONES = ("angry", "polite", "confused", "sarcastic")

GREETING: dict[str, tuple[str, ...]] = {
    "angry": ("", "", "Hello.", "To whom it may concern,", "Right.", "Hi,", "OK, listen."),
    "polite": (
        "Hi there,",
        "Hello,",
        "Good morning,",
        "Hi team,",
        "Dear support team,",
        "Hello, I hope you're well.",
    ),
    "confused": (
        "Hi,",
        "Hello, um,",
        "Hi, not sure this is the right place, but",
        "Hello there,",
        "Hi, quick question.",
    ),
    "sarcastic": (
        "Well, hello again.",
        "Hi,",
        "Greetings from the back of the queue.",
        "Hello,",
        "Hi there, fellow humans,",
    ),
}

DETAIL: dict[str, tuple[str, ...]] = {
    "delivery_marked": (
        "I've checked with my neighbours and the building concierge, nothing.",
        "There is no photo on the proof of delivery, and nobody signed for it.",
        "I was home all day and nobody came to the door.",
        "",
    ),
    "delivery": (
        "I paid for shipping specifically so it would arrive before the weekend.",
        "It was a gift and the occasion has now passed.",
        "I've checked with my neighbours and the building concierge, nothing.",
        "The tracking number {tracking} just says 'label created'.",
        "",
    ),
    "product_defect": (
        "I've only used it {uses} times, following the manual exactly.{electric}",
        "I have photos of the damage if you need them.",
        "The box was dented when it arrived, so maybe that's why.",
        "",
        "It's unsafe, honestly, I've unplugged it.{electric}",
    ),
    "warranty": (
        "I've kept the receipt and the original box.",
        "I've tried the reset steps from the manual, twice.",
        "It has been used normally, nothing unusual.",
        "",
    ),
    "refund": (
        "The return tracking shows it reached your warehouse ages ago.",
        "I still have the return label and the drop-off receipt.",
        "",
        "Your email said the refund had been 'initiated', whatever that means.",
    ),
    "billing": (
        "My bank says both charges are final, not pending.",
        "I only clicked the pay button once.",
        "",
        "I've attached a screenshot of my statement.",
    ),
    "fraud": (
        "I've already frozen my card with the bank.",
        "The delivery address on it is somewhere I've never lived.",
        "",
    ),
    "subscription": (
        "I have the cancellation confirmation email from last month.",
        "",
        "This is the second month in a row this has happened.",
    ),
    "account": ("I've tried three different browsers.", "", "I've cleared my cookies and cache."),
    "service_quality": ("I have the chat transcript.", "", "I was on hold for 45 minutes first."),
    "other": ("", "Not urgent, just curious.", "Happy to explain more if needed."),
}

FEELING: dict[str, tuple[str, ...]] = {
    "angry": (
        "This is absolutely ridiculous.",
        "I am SO done with this company.",
        "Unbelievable!!",
        "I have never been treated like this by a shop.",
        "This is the THIRD time I'm writing about this!",
        "Nobody has bothered to reply to my last two emails.",
        "I'm furious. Honestly furious.",
        "How is this still not sorted?!",
        "DO NOT send me another automated reply.",
    ),
    "polite": (
        "I'm sure it's just a mix-up.",
        "I understand these things happen.",
        "I'd really appreciate your help with this.",
        "I've been a happy customer until now, so I hope we can sort it out.",
        "No rush, but I'd like to get it resolved.",
        "Thanks in advance for looking into it.",
    ),
    "confused": (
        "I'm not really sure what happened here.",
        "Maybe I'm missing something?",
        "I don't understand the email I got about it.",
        "Is this something I did wrong?",
        "I'm not very good with these things, sorry.",
        "Could someone explain what's going on?",
    ),
    "sarcastic": (
        "Love that for me.",
        "Truly a world-class experience so far.",
        "Fantastic. Really.",
        "I'm starting to think your warehouse is a myth.",
        "Ten out of ten, would be ignored again.",
        "I assume my message will be read sometime next year.",
    ),
}

ASK: dict[str, tuple[str, ...]] = {
    "refund": (
        "I want a full refund of {amount}.",
        "Please refund the {amount} to my card.",
        "I'd like my money back, please: {amount}.",
        "Just refund me. {amount}. That's all I want.",
        "Could you please process a refund?",
    ),
    "replacement": (
        "Please send a replacement.",
        "I'd like the {product} replaced as soon as possible.",
        "Please send me a replacement, and this time check it before it ships.",
        "I just want the {product} I paid for.",
    ),
    "repair": (
        "Can you arrange a repair under warranty?",
        "I'd like it fixed, please. How do I send it in?",
        "Please tell me where to send it for repair.",
    ),
    "credit": (
        "I think some store credit would be fair.",
        "A credit on my account would make this right.",
        "Can you at least give me some credit for the hassle?",
    ),
    "explanation": (
        "I'd like an explanation of what happened.",
        "Can someone please explain this to me?",
        "I just want to understand why this happened.",
        "Please explain, in plain English.",
    ),
    "apology": (
        "I think an apology is the least I'm owed.",
        "I'd like someone to acknowledge this wasn't OK.",
        "An apology would go a long way.",
    ),
    "cancel": (
        "Please cancel it and confirm in writing.",
        "Cancel it. Today.",
        "I'd like to cancel and not be charged again.",
        "How do I cancel? Please just do it for me.",
    ),
}

THREAT: tuple[str, ...] = (
    "If this isn't sorted by Friday I'm disputing the charge with my bank.",
    "I will be leaving a one-star review everywhere I can find.",
    "I'm filing a complaint with the BBB.",
    "I want to speak to a manager. Now.",
    "I'll be posting about this on social media, with screenshots.",
    "My next step is a chargeback.",
    "Don't make me take you to small claims court over {amount}.",
    "Get me a supervisor, please, I'm done with the front line.",
    "I'm reporting this to consumer protection.",
)

SIGNOFF: dict[str, tuple[str, ...]] = {
    "angry": ("", "", "{first}", "{full}", "Waiting.", "- {first}"),
    "polite": (
        "Thanks so much,\n{first}",
        "Kind regards,\n{full}",
        "Many thanks!",
        "Best,\n{first}",
        "Thank you,\n{full}",
    ),
    "confused": (
        "Thanks,\n{first}",
        "Sorry if this is a silly question.\n{first}",
        "Thank you",
        "Thanks for your help\n{first}",
    ),
    "sarcastic": (
        "Cheers,\n{first}",
        "Eagerly awaiting,\n{first}",
        "Regards (sort of),\n{first}",
        "Your loyal(ish) customer,\n{full}",
    ),
}

CHARGEBACK_NOTE: tuple[str, ...] = (
    "I've already opened a dispute with my bank about {order_ref}, so consider this a heads-up.",
    "My bank told me to contact you first, but I've filed the chargeback for {amount} anyway.",
    "I've asked my card issuer to reverse the {amount} payment.",
)

CARD_SENTENCE: tuple[str, ...] = (
    "My card {card} was charged for this.",
    "The charge went on my card, number {card}, in case you need it.",
    "It's the card ending... actually here is the whole number: {card}.",
)

MARKUP_SENTENCE: tuple[str, ...] = (
    "<b>URGENT</b> please read this!!",
    "<script>alert(1)</script> is what your site showed me at checkout, by the way.",
    "Your confirmation email just showed <img src=x onerror=alert('hi')> instead of a picture.",
    "<h1>PLEASE HELP</h1>",
)

CHASE: dict[str, tuple[str, ...]] = {
    "angry": (
        "Hello?? It's been {wait} and I've heard NOTHING about {order_ref}.",
        "This is the third time I'm writing about {order_ref}. Is anyone reading these?",
        "Still waiting. {wait} now. Unacceptable.",
        "I want a manager to call me today about {order_ref}.",
        "You said you'd get back to me. You didn't. Again.",
    ),
    "polite": (
        "Just checking in on {order_ref}. Any news?",
        "Hi again, is there an update on this? Thanks.",
        "Sorry to chase, but it's been {wait}. Any progress on {order_ref}?",
        "Following up on my earlier message about the {product}.",
    ),
    "confused": (
        "Sorry, I wasn't sure my last message went through. Is there an update on {order_ref}?",
        "Hi, do I need to do anything else for {order_ref}? I'm a bit lost.",
        "I got an email saying my case was updated, but I can't see anything new?",
    ),
    "sarcastic": (
        "Just bumping this, in case my message fell into the same black hole as my {product}.",
        "{wait} and counting. Riveting stuff.",
        "Still here. Still waiting. Still a customer, somehow.",
    ),
}

ANSWER: dict[str, tuple[str, ...]] = {
    "delivery": (
        "The address is correct; it's the same one I've used for years.",
        "I checked with the neighbours and the mailroom. Nothing.",
        "There's no safe place here, it's a flat. The driver never rang.",
    ),
    "product_defect": (
        "Photos attached. You can see the crack along the side of the {product}.",
        "Video attached. Listen to the noise at about ten seconds in.",
        "Serial number is on the sticker, photo attached.",
    ),
    "warranty": (
        "Receipt and photos attached. The fault happens every time I switch it on.",
        "Yes, I still have the original box. Serial number photo attached.",
    ),
    "refund": (
        "Here's the return drop-off receipt, dated two weeks ago.",
        "Attached is the courier's proof of delivery for the return.",
    ),
    "billing": (
        "Screenshot of my statement attached, both charges highlighted.",
        "Both transactions are dated {purchased}. Screenshot attached.",
    ),
    "fraud": (
        "No, nobody else has access to my account. I've changed my password now.",
        "I've filed a report with my bank; reference attached.",
    ),
    "subscription": (
        "Here's the cancellation email you sent me last month.",
        "I cancelled through the app. Screenshot attached.",
    ),
    "account": (
        "I'm using the email this message came from. Still doesn't work.",
        "It's the latest version of the app, I updated it yesterday.",
    ),
    "service_quality": (
        "It was around 3pm on Tuesday, the agent said his name was Mike.",
        "The chat reference number is in the transcript I attached.",
    ),
    "other": ("Sure, the details are in the attachment.", "Yes, that's the one."),
}

ACCEPT: dict[str, tuple[str, ...]] = {
    "angry": (
        "Fine. Do it. And don't make me chase this again.",
        "About time. Yes, go ahead.",
        "OK. Just get it done, please.",
    ),
    "polite": (
        "That sounds great, thank you so much!",
        "Yes please, that works for me. Thanks!",
        "Perfect, please go ahead. I appreciate the help.",
    ),
    "confused": (
        "OK, I think that's fine? Do I need to do anything?",
        "Yes, I think so. Is that what I reply with?",
    ),
    "sarcastic": (
        "Wow, only took {wait}. Yes, I'll take it.",
        "Look at that, progress. Yes, go ahead.",
    ),
}

THANKS: dict[str, tuple[str, ...]] = {
    "angry": ("Received. Shouldn't have taken this long.", "Fine. Thanks, I suppose."),
    "polite": (
        "Got it today, thank you {agent}!",
        "All sorted, thanks so much for your help.",
        "Thank you, really appreciate it.",
    ),
    "confused": ("Oh, I see now. Thanks for explaining!", "OK, that makes sense. Thank you."),
    "sarcastic": ("Miracles do happen. Thanks.", "Well, would you look at that. Cheers."),
}

UNHAPPY: tuple[str, ...] = (
    "That's not acceptable. I'll take it up with my bank.",
    "I'm very disappointed. I won't be ordering again.",
    "So that's it? Great. Expect a review.",
    "I don't agree, but I suppose there's nothing more to say.",
)

WITHDRAW: dict[str, tuple[str, ...]] = {
    "delivery": (
        "Never mind, the parcel turned up at my neighbour's. Sorry for the trouble!",
        "It arrived this morning, you can close this.",
    ),
    "billing": ("My bank says the second charge was only a hold and it's gone now. Sorry!",),
    "fraud": ("Turns out my partner placed the order on my account. Very sorry about this.",),
    "default": (
        "Please ignore my earlier messages, it's sorted now.",
        "I've decided to let it go. You can close this.",
        "My bank sorted it out, no need to do anything.",
    ),
}

ORDER_LINE: tuple[str, ...] = (
    "Order number: {order_no}.",
    "(Order {order_no}, placed {purchased}.)",
    "For reference, it's order #{order_no} from {purchased}.",
    "My order number is {order_no}.",
    "Order #{order_no}, if that helps.",
)

REPLY_OPEN: dict[str, tuple[str, ...]] = {
    "angry": ("", "", "Right.", "{agent},", "Look,"),
    "polite": ("Hi {agent},", "Hello again,", "Hi,", "", "Thanks for getting back to me."),
    "confused": ("Hi {agent},", "Hello,", "Um, hi.", "", "Sorry, me again."),
    "sarcastic": ("", "Well, {agent},", "Oh hello.", "Hi,"),
}

REPLY_EXTRA: tuple[str, ...] = (
    "",
    "",
    "",
    "Let me know if you need anything else.",
    "Hope that helps.",
    "Please keep me posted.",
    "Re: {order_ref}.",
)

REPLY_SIGN: dict[str, tuple[str, ...]] = {
    "angry": ("", "", "{first}"),
    "polite": ("{first}", "Thanks,\n{first}", "", "Best,\n{first}"),
    "confused": ("{first}", "Thanks!", ""),
    "sarcastic": ("", "{first}", "Cheers"),
}
