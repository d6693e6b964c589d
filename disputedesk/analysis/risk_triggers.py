"""Token triggers that let detect_risks skip pattern families that cannot match."""

from __future__ import annotations

# Cheap token triggers: a kind's full patterns run only when one of these tokens is present.
# Every pattern above needs at least one of its kind's tokens (checked by tests on real text).
_ORDINAL_WORDS = (
    "second 2nd third 3rd fourth 4th fifth 5th sixth 6th seventh 7th eighth 8th ninth 9th "
    "tenth 10th umpteenth nth"
)
TRIGGERS: dict[str, frozenset[str]] = {
    kind: frozenset(words.split())
    for kind, words in {
        "legal_threat": (
            "sue suing sued court courts tribunal claims legal lawsuit lawsuits litigation letter "
            "lawyer lawyers solicitor solicitors barrister barristers attorney attorneys lawyered "
            "lawyering class"
        ),
        "chargeback_threat": (
            "chargeback chargebacks charge charges charging payment payments transaction "
            "transactions cheque check section bank issuer card visa mastercard master amex "
            "american discover paypal klarna afterpay clearpay affirm apple google barclaycard "
            "barclays monzo revolut starling chase citi citibank capital hsbc lloyds natwest "
            "santander halifax nationwide wells society union provider"
        ),
        "public_review_threat": (
            "review reviews video photos trustpilot yelp tripadvisor google facebook instagram "
            "insta twitter tiktok tik youtube reddit linkedin threads x social press media papers "
            "news newspaper newspapers journalist journalists reporter reporters watchdog bbc "
            "forum forums every group groups online internet blog followers mumsnet sites site "
            "everyone everybody world"
        ),
        "regulator_complaint": (
            "bureau bbb ftc cfpb ico tio accc omic fca cma fcc caa puc ofcom ofgem ofwat ofsted ag "
            "commission general generals standards ombudsman ombudsmen ombudsperson commissioner "
            "authority trading regulator regulators advice consumer"
        ),
        "cancellation_threat": (
            "cancel cancelling canceling cancelled canceled cancels close closing terminate "
            "terminating end ending finish finishing quit quitting ended terminated closed "
            "elsewhere else switch switching move moving go going change changing take taking "
            "again anymore any renew renewing longer done leaving stop last final unsubscribe "
            "unsubscribing"
        ),
        "manager_request": (
            "manager managers supervisor supervisors superior lead leader boss senior higher "
            "charge authority whoever head director ceo complaints escalate escalated escalating "
            "escalation someone somebody person"
        ),
        "abusive_language": (
            "idiot idiots moron morons imbecile imbeciles cretin cretins clown clowns muppet "
            "muppets liar liars thieves crook crooks scammer scammers con cowboy cowboys "
            "parasite parasites jobsworth jobsworths incompetent incompetents loser losers "
            "bastard bastards asshole assholes arsehole arseholes hole holes dickhead "
            "dickheads dick dicks prick pricks twat suck sucks yourself stfu gtfo kys die rot "
            "douche douchebag douchebags asswipe asswipes dipshit dipshits motherfucker "
            "motherfuckers whore whores slut sluts freak freaks fag fags faggot faggots "
            "shithead shitheads eat twats wanker wankers bitch bitches scum scumbag scumbags "
            "pig pigs fool fools numpty numpties halfwit halfwits dimwit dimwits dumbass "
            "dumbasses jerk jerks shyster shysters leeches vultures fraud frauds fraudster "
            "fraudsters criminal criminals cunt cunts retard retards donkeys monkeys amateurs "
            "sheep robots nazi nazis troll trolls hypocrite hypocrites coward cowards pillock "
            "pillocks prat prats tosser tossers git gits useless stupid brain dead pathetic "
            "clueless worthless joke dishonest thick retarded deaf blind dumb fuck f screw "
            "sod piss hell shut stick shove stuffed kiss yours kill hurt punch smash beat "
            "batter stab shoot drag strangle burn wring knock break find regret else shit "
            "watch crap garbage trash disgrace shambles embarrassment"
        ),
        "safety_issue": (
            "battery batteries swollen bulging "
            "fire flames flame hazard smoking smoke smoked spark sparks sparking sparked "
            "shatter shattered shatters shattering exploded explodes exploding explosion blew "
            "electric electrical shock shocks shocked electrocuted electrocution electrocute "
            "burn burned burnt burns scald scalded scalds blister blistered blisters choke "
            "choked chokes choking swallow swallowed swallowing allergic anaphylaxis "
            "anaphylactic poisoning sick ill vomit vomiting vomited hospital hospitalised "
            "hospitalized emergency off mould mouldy mold moldy rotten cut sliced gashed "
            "sharp shard shards injury injuries injured injuring hurt killed died bleeding "
            "stitches dangerous unsafe hazardous safety trap risk overheat overheats "
            "overheating overheated hot melted melting melts gas monoxide railing railings "
            "balcony banister banisters stairs stair ladder bunk cot crib seat brake brakes "
            "chair collapsed collapsing fell tipped toppled past insects maggots glass metal "
            "plastic nearly"
        ),
        "repeat_contact": (
            _ORDINAL_WORDS + " time times twice again repeatedly already previously last earlier "
            "follow following chasing chase still previous prior original first answered "
            "replied responded back returned unanswered reply response answer word callback "
            "explained said mentioned told stated wrote noted pointed promised asked requested "
            "emailed called rang phoned contacted complained raised reported flagged message "
            "messages email emails letter letters call calls ticket tickets complaint complaints "
            "request requests attempt attempts enquiry inquiry chat chats reminder reminders "
            "voicemail voicemails writing"
        ),
    }.items()
}
# Stems whose patterns accept any ending (\w*), checked when no trigger token is present.
STEM_TRIGGERS: dict[str, str] = {
    "safety_issue": (
        r"hospital|vomit|anaphyla|electrocut|overheat|injur|collaps|wobbl|smok|melt|a&e"
    ),
    "manager_request": r"escalat|supervis|superior|manag",
    "regulator_complaint": r"ombuds|regulat",
}

# Second trigger sets: for these kinds a text also needs one of these tokens (verb + object).
_CONTACT_VERBS = (
    "call calling called contact contacting contacted ring ringing rang phone phoning phoned "
    "involve involving involved get getting go going went speak speaking talk talking notify "
    "notified inform informed tell telling told ask asking asked instruct instructing instructed"
)
TRIGGERS_ALSO: dict[str, frozenset[str]] = {
    kind: frozenset(words.split())
    for kind, words in {
        "chargeback_threat": (
            "chargeback chargebacks charge charged dispute disputes disputed disputing reverse "
            "reversed reversing reversal claw clawing clawed challenge challenged challenging "
            "reclaim reclaimed reclaiming recall recalled recalling claim refund refunded "
            "stop stopping stopped block blocked blocking cancel cancelled canceled cancelling "
            "canceling section report reported reporting flag flagged flagging opened open "
            "opening raise raised raising file filed filing start started lodge lodged submit "
            "submitted investigating " + _CONTACT_VERBS
        ),
        "public_review_threat": (
            "post posting posted put putting share sharing shared tell telling told write writing "
            "wrote written leave leaving left go going goes went contact contacting expose "
            "exposing warn warning screenshot screenshotting screenshotted upload uploading "
            "uploaded tweet tweeting tweeted blog blogging let make rate rating record recording "
            "film filming name plaster plastering spread spreading star review reviews"
        ),
        "regulator_complaint": (
            "report reported reporting reports complain complained complaining complaint "
            "complaints file filed filing submit submitted submitting lodge lodged lodging "
            "contact contacted contacting write wrote writing written go going went escalate "
            "escalated escalating take taking inform informed informing notify notified "
            "notifying reclamation raise raised raising refer referred referring involve "
            "involved involving get getting make making made case speak speaking spoke spoken "
            "talk talking talked"
        ),
        "manager_request": (
            "speak talk put pass transfer escalate escalated escalating escalation forward connect "
            "get want need demand request ask refer send give case phone line now please "
            "immediately"
        ),
    }.items()
}
