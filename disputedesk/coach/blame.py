"""Blame and condescension as phrase families (with guards for ordinary uses of the words)."""

from __future__ import annotations

import re

from disputedesk.coach.rules import NEG_BEFORE, Rule, rx, words
from disputedesk.coach.text import before, sentence_text

_READ_VERBS = words(
    r"read check follow notice look enter provide cancel update mention pay install "
    r"register attach include specify select bother contact inform tell\s+us use measure "
    r"test save back\s+up confirm sign open charge lock plug assemble clip answer respond "
    r"reply collect press remove descale clean store return submit upload activate complete "
    r"wait set\s+up notify report keep tick allow leave"
)
_PAST_READ = words(
    r"read checked double-checked entered typed noticed followed known cancell?ed "
    r"contacted looked paid\s+attention used installed selected chosen clicked ordered "
    r"provided told informed reported registered updated kept asked measured tested opened "
    r"plugged assembled waited answered replied responded collected removed descaled "
    r"cleaned stored returned submitted uploaded activated completed done listened"
)
# Things the customer was meant to do: "you never <verb>" puts the fault on them.
_NEVER_VERBS = words(
    r"updated told registered activated returned sent cancell?ed confirmed checked read "
    r"mentioned provided replied answered collected responded paid submitted contacted "
    r"informed changed followed bothered opened signed reported asked"
)
# Past actions that, with "wrong/twice/yourself", make the customer the cause.
_CHOICE_VERBS = words(
    r"picked chose selected ordered booked entered typed bought clicked pressed tapped "
    r"submitted paid put gave used sent installed set uploaded"
)
_DOCS = words(
    r"terms instructions manual guide policy email confirmation faq website label listing "
    r"description contract agreement page steps"
)
THIRD_PARTIES = words(
    r"courier carrier manufacturer seller supplier vendor bank card\s+issuer "
    r"(?:cloud\s+|payment\s+|service\s+|internet\s+|broadband\s+|network\s+)?provider "
    r"restaurant driver post\s+office postal\s+service delivery\s+(?:company|partner|service"
    r"|firm) third[-\s+]party warehouse partner airline hotel merchant shop "
    r"(?:payment\s+)?processor insurer landlord venue organi[sz]er head\s+office "
    r"Royal\s+Mail customs factory brand developer app\s+store (?:doctor's\s+)?surgery "
    r"doctor pharmacy lab(?:oratory)? council ISP network operator platform"
)


def _not_negated(text: str, m: re.Match[str]) -> bool:
    return not NEG_BEFORE.search(before(text, m.start(), 24))


def _not_conditional(text: str, m: re.Match[str]) -> bool:
    return not re.search(r"\b(?:if|whether|sorry|unless)\s+$", before(text, m.start(), 12), re.I)


def _clearly_guard(text: str, m: re.Match[str]) -> bool:
    """'It clearly shows the discount didn't apply' sides with the customer's evidence."""
    left = before(text, m.start(), 60).lower()
    return not re.search(r"screenshot|photo|picture|video|image|recording|receipt|your ", left)


def _owning_guard(text: str, m: re.Match[str]) -> bool:
    """'Obviously this should never have happened' owns a mistake: not condescension."""
    stop = re.search(r"[.!?](?:\s|$)", text[m.end() :])
    right = text[m.end() : m.end() + (stop.start() if stop else 90)][:90].lower()
    owning = (
        r"should(?:n't| not| never) have|our (?:mistake|fault|error)|we (?:got|made|messed)"
        r"|not (?:good enough|acceptable)|unacceptable|let you down|on us\b|sorry|apolog"
        r"|frustrat|upset|disappoint|i'm|i am|we're|we are|i understand|i'll|we'll|no idea"
        r"|how that happened|my bad|our bad"
    )
    return not re.search(owning, right)


def clearly_rewrite(sentence: str) -> str:
    """Remove judgemental adverbs and lead-ins from a sentence."""
    out = re.sub(
        r"\b(?:quite\s+|very\s+)?(?:clearly|plainly|obviously|evidently)\b,?\s*",
        "",
        sentence,
        flags=re.I,
    )
    return re.sub(r"^\s*(?:honestly|frankly|seriously|come\s+on|look)\b,?\s*", "", out, flags=re.I)


def _without_judgement(m: re.Match[str]) -> str:
    sentence = sentence_text(m.string, m.start()).strip()
    rewrite = clearly_rewrite(sentence)
    rewrite = rewrite[:1].upper() + rewrite[1:]
    if len(rewrite.split()) < 3 or rewrite == sentence:
        return "Leave out the judgement word and state the point plainly."
    return rewrite


def _misunderstood(m: re.Match[str]) -> str:
    thing = m.group("thing")
    what = f"how {thing.strip()} works" if thing else "how this works"
    return f"Let me clarify {what} so we can resolve it together."


_BLAME_BASE: tuple[Rule, ...] = (
    Rule(
        ("blame",),
        rx(
            r"\b(?:records|tracking|logs|footage|photos?|GPS|system)\s+(?:clearly\s+)?(?:shows?"
            r"|indicates?|confirms?|proves?)\s+(?:that\s+)?you\s+(?:were\s+(?:home|in|there)"
            r"|received"
            r"|signed|collected|used|opened|accepted|logged|downloaded|streamed)\b[^.!?;,]{0,40}"
        ),
        "Our records show something different, so let's work out together what happened.",
    ),
    Rule(
        ("blame",),
        rx(
            r"\byou(?:'ve| have)?\s+(?:clearly\s+|obviously\s+|evidently\s+|must\s+have\s+"
            r"|might\s+have\s+"
            r"|may\s+have\s+|probably\s+)?(?:misunderstood|misread|misinterpreted|misunderstand"
            r"|misheard"
            r"|got\s+(?:it|this|that|the\s+\w+)\s+wrong|confused\s+(?:the|our|two|it|this|that"
            r"|them))\b"
            r"(?P<thing>\s+(?:our|the|my|this|your)(?:\s+[\w-]+){0,2}?\s+"
            + _DOCS
            + r"|\s+(?:our|the)\s+[\w-]+)?"
        ),
        _misunderstood,
    ),
    Rule(
        ("blame",),
        rx(
            r"\byou\s+(?:really\s+)?(?:should|must|could|ought\s+to|would)(?:\s+have"
            r"|'ve)\s+(?:first\s+)?" + _PAST_READ + r"\b[^.!?;]{0,50}"
        ),
        "It's easy to miss this, so let me walk you through it and sort it out together.",
    ),
    Rule(
        ("blame",),
        rx(
            r"\byou\s+(?:clearly\s+|obviously\s+|simply\s+|just\s+|evidently\s+|apparently\s+)?"
            r"(?:(?:didn't|did\s+not)\s+(?:bother\s+to\s+)?" + _READ_VERBS + r"\w*"
            r"|failed\s+to\s+\w+|neglected\s+to\s+\w+|forgot\s+to\s+\w+|never\s+bothered\s+to\s+\w+"
            r"|chose\s+not\s+to\s+\w+|ignored\s+(?:the|our)\s+\w+)[^.!?;,]{0,40}"
        ),
        "This step is easy to miss; here is what happened and how we can fix it.",
        _not_conditional,
    ),
    Rule(
        ("blame",),
        rx(
            r"\bif\s+you(?:\s+had|'d)\s+(?:only\s+|just\s+|actually\s+|simply\s+|properly\s+"
            r"|carefully\s+"
            r"|bothered\s+to\s+)?" + _PAST_READ + r"\b[^.!?;,]{0,40}"
        ),
        "Let me point you to the part of the terms that applies here and what we can do now.",
    ),
    Rule(
        ("blame",),
        rx(
            r"\b(?:which|that|as)\s+you\s+(?:(?:clearly|already|explicitly)\s+)?(?:agreed\s+to"
            r"|accepted"
            r"|consented\s+to|signed\s+up\s+(?:to|for))\b[^.!?;,]{0,30}|"
            r"\bhad\s+you\s+(?:only\s+|just\s+|actually\s+|properly\s+|bothered\s+to\s+)?"
            + _READ_VERBS
            + r"\w*"
            r"[^.!?;,]{0,30}|\byou\s+(?:were|are)\s+(?:supposed|meant|required|expected)\s+to\s+"
            r"(?!receive|get|have|be\b|hear)\w+[^.!?;,]{0,30}|\byou\s+(?:clearly\s+|obviously\s+"
            r"|simply\s+)?"
            r"(?:skipped|ignored|overlooked|disregarded)\b[^.!?;,]{0,30}"
            r"|\byou\s+(?:clearly|obviously)\s+missed\b[^.!?;,]{0,30}"
        ),
        "It's easy to miss this; let me walk you through it and sort it out together.",
    ),
    Rule(
        ("blame",),
        rx(
            r"\b(?:works|worked|work|runs|operates|functions)\s+(?:fine|perfectly|properly"
            r"|correctly|as\s+"
            r"(?:expected|intended|designed))\s+(?:if|when|as\s+long\s+as)\s+you\b[^.!?;]{0,50}"
        ),
        "Let's go through the setup together; here is the step that usually fixes this.",
    ),
    Rule(
        ("blame",),
        rx(
            r"\b(?:(?:was|is|were|are|it's|that's)\s+)?(?:entirely\s+|completely\s+|solely\s+"
            r"|all\s+)?"
            r"your\s+(?:own\s+)?(?:responsibility|fault|mistake|error|doing|oversight|negligence)\b"
            r"(?!\s+(?:message|code|log|report|screen|page|number))"
            r"|\b(?:user|operator)\s+error\b|\b(?:error|mistake|oversight)\s+on\s+your\s+(?:part"
            r"|side|end)\b"
        ),
        "This is easy to miss; let me explain what happened and what we can do from here.",
        _not_negated,
    ),
    Rule(
        ("blame",),
        rx(
            r"\b(?:caused\s+by|due\s+to|because\s+of|result(?:ed|ing)?\s+from"
            r"|down\s+to)\s+(?:the\s+way\s+you"
            r"|how\s+you|your\s+(?:own\s+)?(?:misuse|mistake|error|incorrect|improper|failure"
            r"|installation"
            r"|handling|negligence|carelessness))[^.!?;,]{0,40}"
            r"|\b(?:caused\s+by|because\s+of)\s+you\b"
            r"|\bbecause\s+you\s+(?:didn't|did\s+not|failed|forgot|ignored|skipped|misread"
            r"|misunderstood"
            r"|never|installed\s+it\s+(?:wrong|incorrectly))[^.!?;,]{0,40}"
        ),
        "Our engineer found the cause; here is what it was and how we can put it right.",
    ),
    Rule(
        ("blame", "condescension"),
        rx(
            r"\bdid\s+you\s+(?:even|actually|ever|not|bother\s+to)\s+(?:read|open|check|look"
            r"|follow|bother"
            r"|notice|see|try|use)\b[^?]{0,80}\?"
        ),
        "Could you check whether it reached you? I'm happy to send it again.",
    ),
    Rule(
        ("blame",),
        rx(
            r"\b(?:(?:the|your)\s+(?:[\w-]+\s+){0,2}?)?(?:address|details|information"
            r"|instructions|postcode"
            r"|zip\s+code|number|code|measurements|size)\s+(?:that\s+)?you\s+(?:gave|provided"
            r"|entered"
            r"|supplied|typed|put\s+in|chose|selected|used|sent)\b[^.!?;]{0,40}?(?:(?:didn't"
            r"|did\s+not"
            r"|doesn't|does\s+not|never)\s+(?:mention|include|say|specify|match|show|contain)"
            r"|(?:was|were|is|are)\s+(?:wrong|incorrect|incomplete|invalid|missing|inaccurate)"
            r"|(?:wasn't|was\s+not|weren't|were\s+not)\s+(?:correct|complete|valid|right|accurate))"
            r"|\byou\s+(?:entered|typed|gave|provided|selected|chose|ordered"
            r"|picked)\s+(?:us\s+)?(?:the\s+|an?\s+)?"
            r"(?:wrong|incorrect|invalid)\b[^.!?;,]{0,20}"
        ),
        "The details we had didn't include this, so let's confirm them together and fix it.",
    ),
    Rule(
        ("blame",),
        rx(
            r"\b(?:a\s+step|a\s+mistake|something|an\s+error|a\s+detail"
            r"|the\s+part)\s+(?:that\s+)?(?:a\s+lot\s+of"
            r"|lots\s+of|many|most|plenty\s+of|some)\s+(?:people|customers|users"
            r"|buyers)\s+(?:rush|skip|miss"
            r"|make|overlook|get\s+wrong|forget|ignore)\b"
        ),
        "This step is easy to miss, so I've arranged for us to take care of it.",
    ),
    Rule(
        ("blame",),
        rx(
            r"\b(?:step|steps|instructions?|guide|manual|procedure|warnings?|terms"
            r"|calibration(?:\s+step)?"
            r"|checklist)\s+(?:was|were|had\s+been|has\s+been|have\s+been)\s+(?:skipped|ignored"
            r"|missed"
            r"|overlooked|not\s+followed|not\s+read|not\s+completed|done\s+incorrectly"
            r"|done\s+wrong)\b"
        ),
        "This step is easy to miss during setup; here is how to complete it.",
    ),
)

BLAME_MORE: tuple[Rule, ...] = (
    Rule(
        ("blame",),
        rx(
            r"\b(?<!\w\s)had\s+you\s+(?:only\s+|just\s+|actually\s+|properly\s+|simply\s+)?(?:\w+ed|kept"
            r"|read|sent|done|told|let|made|put|set|got|taken|given|been|known|chosen|left"
            r"|paid|bought)\b[^.!?;,]{0,40}"
            r"|\bif\s+you(?:'d|\s+had)\s+(?:not\s+|only\s+|just\s+)?\w+\b[^.!?;]{0,60}?\b(?:we"
            r"|you|it|this|they|that|there)(?:'d|\s+would|\s+could|\s+wouldn't|\s+couldn't"
            r"|\s+might)\s+(?:not\s+)?have\b"
            r"|\b(?:caused|damaged|broken|entered|selected|deleted|cancell?ed|booked|changed|typed"
            r"|chosen|made|done|screwed|fitted|installed|assembled|set|left)\b[^.!?;,]{0,25}?\bby"
            r"\s+you(?:rself)?\b"
            r"|\byour\s+own\s+(?:settings|mistake|error|actions?|choice|decision|device"
            r"|doing|negligence|account\s+settings)\b"
            r"|\byou(?:'re|\s+are|\s+were)\s+the\s+(?:one|person)\s+who\b[^.!?;,]{0,30}"
            r"|\bwhich\s+you\s+(?:then\s+)?(?:(?:didn't|did\s+not|never)(?!\s+(?:yet\s+)?(?:receive|get|got|hear|see|have|need|want|mean|like|expect|know"
            r"|ask|order|request|use|wish|intend|agree)\b)"
            r"|failed\s+to|ignored|skipped|missed|forgot)\b[^.!?;,]{0,20}"
            r"|\b(?:it's|it\s+is|that's|that\s+is|this\s+is|it\s+was)\s+(?:entirely\s+|all\s+)?on"
            r"\s+you\b"
            r"|\b(?:because|since|as)\s+you\s+(?:\w+ed|sent|left|took|gave|put|brought|bought|made"
            r"|did)\b[^.!?;,]{0,30}?\b(?:without|too\s+late|after\s+the\s+(?:deadline|cut-?off)"
            r"|incorrectly|wrongly|improperly)\b[^.!?;,]{0,20}"
            r"|\b(?:if\s+you(?:'d|\s+had)|had\s+you)\s+(?:even\s+|just\s+|only\s+)?bothered\b"
            r"[^.!?;,]{0,30}"
        ),
        "Here is what happened, and here is how we can put it right together.",
    ),
    Rule(
        ("blame", "condescension"),
        rx(
            r"\b(?:just\s+|please\s+)?(?:read|check|follow|look\s+at)\s+(?:the|our|my)\s+\w+\s+"
            r"(?:properly|carefully|more\s+carefully|correctly)\b[^.!?;,]{0,20}"
        ),
        "The key detail is here: ... and I'm happy to help now.",
    ),
    Rule(
        ("condescension",),
        rx(
            r"\b(?:hopefully|I\s+hope)\s+(?:that's|that\s+is|this\s+is|it's|it\s+is)\s+(?:now\s+)?"
            r"(?:clear|clearer)(?:\s+enough)?(?:\s+now|\s+for\s+you)?(?=\s*[.!?])"
            r"|\bclear\s+enough\s+(?:now|for\s+you)\b"
            r"|\b(?:read|check|look|find|follow|use)\b[^.!?]{0,40}?\blike\s+(?:everyone|everybody"
            r"|all\s+(?:our\s+)?other\s+customers)\s+else\b"
            r"|\bit's\s+all\s+(?:there\s+)?(?:in|on)\s+(?:the|our)\s+(?:FAQ|FAQs|manual|guide|website"
            r"|terms|email|instructions)\b"
        ),
        "Explain the point without implying the customer should have known it.",
    ),
    Rule(
        ("blame", "condescension"),
        rx(
            r"\b(?:any|a|most)\s+(?:reasonable|sensible|normal|careful|competent|rational)\s+"
            r"(?:person|customer|adult|buyer|people|customers|adults)\s+(?:would|should|could)\b"
        ),
        "Here is the detail that matters, and here is how I can help now.",
    ),
    Rule(
        ("blame",),
        rx(
            r"\byou\s+(?:also\s+|then\s+)?never\s+" + _NEVER_VERBS + r"\b[^.!?;,]{0,40}"
            r"|\byou\s+(?:also\s+|then\s+)?(?:mixed\s+up|muddled\s+up|left\s+(?:out|off)"
            r"|missed\s+out|got\s+mixed\s+up\s+with)\b[^.!?;,]{0,40}"
            r"|\byou\s+(?:also\s+)?missed\s+(?:the|our|a|all\s+the|both)\s+(?:\w+\s+)?(?:deadline"
            r"|cut-?off|card|window|warning|notice|step|email|reminders?|notifications?|messages?"
            r"|instructions|letters?|texts?|calls?)\b"
        ),
        "Let's check the details together so we can put this right.",
        lambda text, m: (
            not re.search(
                r"\b(?:if|whether|sorry|unless|in\s+case)\s+$", before(text, m.start(), 14), re.I
            )
        ),
    ),
    Rule(
        ("blame",),
        rx(
            r"\byou(?:'ve|\s+have)?\s+(?:(?:accidentally|mistakenly|actually|must\s+have|may\s+have"
            r"|might\s+have|probably|clearly|obviously|evidently|simply|just)\s+)?"
            + _CHOICE_VERBS
            + r"\b[^.!?;,]{0,30}?\b(?:the\s+wrong|a\s+wrong"
            r"|an\s+incorrect|the\s+incorrect|twice|two\s+times|more\s+than\s+once|yourself"
            r"|without)\b"
        ),
        "The details on the order didn't match, so let's fix them together.",
        _not_conditional,
    ),
    Rule(
        ("blame",),
        rx(
            r"\byou\s+(?:\w+\s+)?(?:\w+ed|set|put|left|sent|chose|bought|got|made|forgot|gave"
            r"|took|ran|kept|let)\b[^.!?;]{0,60}?,?\s+(?:which\s+is\s+(?:why|how)"
            r"|that's\s+why|that\s+is\s+why|which\s+(?:caused|meant|led\s+to|resulted\s+in"
            r"|explains))\b"
        ),
        "Here is what caused it, and here is how we can put it right together.",
        _not_conditional,
    ),
    Rule(
        ("blame",),
        rx(
            r"\b(?:because|since|as)\s+you\s+(?:had\s+)?(?:left\s+(?:it|them|the)|ignored"
            r"|skipped|forgot|dropped|overloaded|overcharged|overfilled|mishandled|misused"
            r"|(?:never|didn't|did\s+not)(?!\s+(?:yet\s+)?(?:receive|get|got|hear|see|have|need|want|mean|like|expect|know"
            r"|ask|order|request|use|wish|intend|agree)\b)"
            r"|failed|set\s+(?:it|the)|put\s+(?:it|the)|used\s+(?:it"
            r"|the\s+wrong|a\s+non)|chose\s+not|opted\s+out|declined\s+the|clicked|pressed)"
            r"\b[^.!?;,]{0,40}"
            r"|\b(?:because\s+of|down\s+to|due\s+to)\s+you\s+(?:not|never|forgetting|ignoring"
            r"|skipping|failing|leaving|using|setting)\b[^.!?;,]{0,40}"
        ),
        "Here is what caused it, and here is how we can put it right together.",
    ),
    Rule(
        ("blame",),
        rx(
            r"\b(?:documents?|photos?|pictures?|images?|files?|scans?|ID|details|information"
            r"|address|postcode|card\s+details|form|answers?)\s+(?:that\s+)?you\s+(?:uploaded"
            r"|submitted|sent|provided|gave|entered|filled\s+in|supplied)\s+(?:us\s+)?(?:was"
            r"|were|are|is)\s+(?:too\s+|a\s+bit\s+|very\s+)?(?:blurry|blurred|unreadable"
            r"|illegible|out\s+of\s+date|expired|incomplete|wrong|incorrect|invalid|missing"
            r"|unclear|too\s+small|cropped)\b"
        ),
        "The documents we received weren't clear enough; could you send them again?",
    ),
    Rule(
        ("blame",),
        rx(
            r"\b(?:was|were|had\s+been|has\s+been)\s+(?:(?:clearly|obviously)\s+)?(?:installed"
            r"|used|assembled|stored|switched\s+on|turned\s+on|plugged\s+in|left|operated"
            r"|washed|charged|fitted|cleaned|handled|dropped|mounted|connected)\s+(?:without"
            r"|incorrectly|improperly|wrongly|upside\s+down|against\s+(?:the|our)"
            r"|in\s+the\s+wrong|outside)\b[^.!?;,]{0,30}"
            r"|\b(?:booked|entered|made|selected|chosen|placed|set|typed|done|caused)"
            r"\s+(?:\w+\s+)?on\s+your\s+(?:side|end)\b"
        ),
        "Here is what caused it, and here is how we can put it right together.",
    ),
    Rule(
        ("blame",),
        rx(
            r"\byou\s+(?:clearly\s+|obviously\s+|simply\s+|still\s+)?(?:don't|do\s+not|didn't"
            r"|did\s+not)\s+(?:seem\s+to\s+)?(?:understand|realise|realize|grasp|get)\s+(?:how"
            r"|what|that|the|our|why)\b[^.!?;,]{0,30}"
        ),
        "Let me explain how this works so we can sort it out together.",
        _not_conditional,
    ),
    Rule(
        ("blame", "condescension"),
        rx(
            r"\b(?:maybe|perhaps)\s+(?:try\s+|next\s+time\s+)?(?:reading|checking|looking\s+at"
            r"|read|check|look\s+at)\b[^.!?;]{0,40}"
            r"|\bnext\s+time,?\s+(?:please\s+|maybe\s+|perhaps\s+|try\s+(?:to\s+)?)?(?:read"
            r"|check|look|pay\s+(?:more\s+)?attention|double-?check|make\s+sure\s+you)\b"
            r"[^.!?;]{0,40}"
        ),
        "For next time, the key detail is here: ... and I'm happy to help now.",
    ),
)

CONDESCENSION: tuple[Rule, ...] = (
    Rule(
        ("blame", "condescension"),
        rx(
            r"\bif\s+you\s+(?:can't|cannot|couldn't|are\s+unable\s+to)\s+(?:even\s+)?(?:follow|read"
            r"|understand|manage|use)\b[^.!?;,]{0,40}"
        ),
        "Let me walk you through the steps one at a time, and we'll get it working together.",
    ),
    Rule(
        ("blame",),
        rx(r"\b(?:must\s+be|is|'s|lies|was)\s+(?:on|at)\s+your\s+(?:end|side)\b"),
        "Let's check a couple of things on your side together so we can find the cause.",
    ),
    Rule(
        ("blame", "condescension"),
        rx(r"\b(?:if\s+you(?:'d|\s+had)|had\s+you)\s+(?:even\s+|just\s+)?bothered\s+to\s+\w+"),
        "It's easy to miss; you'll find it on the page below, and I'm happy to walk you through "
        "it.",
    ),
    Rule(
        ("condescension",),
        rx(r"\b(?:it's|it\s+is|that's|that\s+is)\s+right\s+there\b"),
        "You'll find it here:",
    ),
    Rule(
        ("blame", "condescension"),
        rx(
            r"\byou\s+(?:really\s+)?(?:need|needed|have|had|ought|should|must)\s+(?:to\s+)?(?:read"
            r"|check|follow|look\s+at|pay\s+attention\s+to)\b[^.!?]{0,50}?\b(?:next\s+time"
            r"|more\s+carefully|properly|in\s+future|before\s+(?:ordering|buying|booking))\b"
        ),
        "To avoid this in future, the key detail is here: ... and I'm happy to help now.",
    ),
    Rule(
        ("condescension",),
        rx(
            r"\b(?:as|like)\s+(?:I|we)(?:'ve|\s+have|\s+had)?\s+(?:already\s+|previously\s+"
            r"|clearly\s+|just\s+"
            r"|repeatedly\s+)?(?:explained|said|stated|told\s+you|pointed\s+out|made\s+clear"
            r"|mentioned"
            r"(?=\s+(?:before|already|previously|several|many|multiple|twice)))"
            r"(?:\s+(?:before|already|previously|earlier|twice|on\s+the\s+phone|in\s+my\s+(?:last"
            r"|previous)\s+\w+))?"
            r"|\b(?:I've|I\s+have|we've|we\s+have)\s+already\s+(?:told|explained|said)\b"
            r"|\bas\s+(?:previously\s+|already\s+)?(?:explained|stated|mentioned"
            r"|said)\s+(?:in\s+my|on\s+the"
            r"|before|previously|earlier)\b[^.!?;,]{0,25}|\bas\s+previously\s+(?:explained|stated"
            r"|mentioned)\b"
            r"|\bfor\s+the\s+(?:second|third|last|final)\s+time\b|\bas\s+stated\s+(?:before"
            r"|previously|above)\b"
        ),
        "To recap,",
    ),
    Rule(
        ("condescension",),
        rx(
            r"\b(?:quite\s+|very\s+|so\s+)?(?:clearly|plainly|obviously|evidently)\s+(?:says|said"
            r"|states|stated"
            r"|explains|explained|shows|showed|show|mentions|mentioned|indicates|indicated|marked"
            r"|labell?ed"
            r"|printed|written|set\s+out|spell(?:s|ed)\s+out|displayed|visible)\b"
        ),
        _without_judgement,
        _clearly_guard,
    ),
    Rule(
        ("condescension",),
        rx(r"\byou(?:'ve|\s+have)?\s+(?:clearly|obviously|evidently)\b"),
        _without_judgement,
    ),
    Rule(
        ("condescension",),
        rx(r"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*(?:obviously|clearly|evidently)\b,?"),
        _without_judgement,
        _owning_guard,
    ),
    Rule(
        ("condescension",),
        rx(
            r"\b(?:if\s+you\s+)?simply\s+(?:follow|read|check|look\s+at|refer\s+to|consult"
            r"|pay\s+attention"
            r"|understand|re-?read)\b[^.!?;,]{0,30}"
            r"|\bjust\s+(?:read|follow|re-?read)\s+(?:the\s+|our\s+)?" + _DOCS + r"\b"
            r"|\ball\s+you\s+(?:had|have|need(?:ed)?)\s+to\s+do\s+(?:is|was)\b"
        ),
        "Here is the step that solves this:",
    ),
    Rule(
        ("condescension",),
        rx(
            r"\b(?:it's|it\s+is|that's|that\s+is)\s+(?:really\s+)?not\s+(?:that\s+|so\s+)?(?:hard"
            r"|difficult"
            r"|complicated)\b|(?:\bnot|n't)\s+(?:exactly\s+)?rocket\s+science\b|\bas\s+anyone\s+(?:would"
            r"|should|can"
            r"|could)\s+(?:know|see|tell)\b|\b(?:everyone|anyone)\s+knows\b"
            r"|\bas\s+you\s+(?:should|ought\s+to"
            r"|must|surely)\s+(?:know|be\s+aware|have\s+(?:seen|read))\b|\bcommon\s+sense\b"
            r"|\b(?:that's|that\s+is|it's|this\s+is)\s+(?:simply\s+|just\s+)?not\s+how\s+"
            r"(?:\w+\s+){0,3}?works?\b"
        ),
        "Explain the point without implying the customer should have known it.",
    ),
    Rule(
        ("condescension",),
        rx(
            r"\b(?:shouting|yelling|being\s+rude|getting\s+angry|raising\s+your\s+voice|swearing"
            r"|threats"
            r"|(?:writing|typing)\s+in\s+(?:all\s+)?(?:capitals|caps|capital\s+letters)"
            r"|using\s+(?:all\s+)?(?:capitals|caps"
            r"|capital\s+letters))(?:\s+at\s+(?:\w+\s+){0,2}?\w+)?"
            r"\s+(?:won't|will\s+not"
            r"|doesn't|does\s+not"
            r"|isn't\s+going\s+to|is\s+not\s+going\s+to|never)\s+\w+[^.!?]{0,40}"
            r"|\bstop\s+(?:shouting|yelling|swearing|being\s+(?:rude|dramatic|difficult)"
            r"|(?:writing|typing|using)\s+(?:in\s+)?(?:all\s+)?(?:capitals|caps"
            r"|capital\s+letters))\b"
        ),
        "I can see this has been really frustrating, and I want to get it resolved for you.",
    ),
    Rule(
        ("condescension",),
        rx(
            r"\bcan\s+you\s+manage(?:\s+to)?\b|\b(?:I'm\s+sure|hopefully"
            r"|I\s+trust)\s+you\s+can\s+manage\b"
            r"|\b(?:is|was)\s+that\s+(?:so\s+|really\s+|too\s+)?(?:hard|difficult"
            r"|much\s+to\s+ask)\b"
        ),
        "Could you send it over when you have a moment? I'm happy to help you find it.",
    ),
    Rule(
        ("condescension",),
        rx(
            r"\byou(?:'d|\s+would)\s+(?:already\s+)?(?:have\s+)?know(?:n)?\b|\b(?:again"
            r"|once\s+more),?\s+slowly\b"
            r"|\bI(?:'ll|\s+will)\s+(?:explain|say|repeat)\s+(?:it|this|that)\s+(?:again"
            r"|one\s+more\s+time)\b"
        ),
        "Explain the point once, plainly, without implying the customer should have known it.",
    ),
    Rule(
        ("condescension",),
        rx(r"\bwhy\s+would\s+(?:we|anyone|I|you|a\s+company)\b[^?]{0,100}\?"),
        "Explain the reason plainly instead of asking a rhetorical question.",
    ),
    Rule(
        ("condescension", "dismissiveness"),
        rx(
            r"\b(?:did|do)\s+you\s+(?:really|honestly|seriously|actually)\s+(?:expect|think"
            r"|believe|imagine)\b"
            r"[^?]{0,100}\?|\bwhat\s+(?:did|else\s+did)\s+you\s+expect\b"
        ),
        "I understand why you expected more; here is what we can do.",
    ),
    Rule(
        ("condescension",),
        rx(
            r"(?:^|(?<=[.!?]\s)|(?<=\n))[ \t]*(?:(?:honestly|frankly|seriously)\b,?|(?:come\s+on"
            r"|look|with\s+(?:all\s+due\s+)?respect|once\s+again|again),)"
            r"|\bto\s+be\s+(?:perfectly\s+|brutally\s+|quite\s+)?(?:frank|blunt)\b"
        ),
        _without_judgement,
        _owning_guard,
    ),
    Rule(
        ("condescension",),
        rx(
            r"\b(?:(?:please\s+)?(?:re-?read|read|refer\s+(?:back\s+)?to|look\s+(?:back\s+)?at"
            r"|check)\s+my\s+(?:previous|last|earlier|original|first)\s+(?:message|email|reply"
            r"|response|answer|letter))"
            r"|\bas\s+per\s+(?:my|our)\s+(?:previous|last|earlier|prior)\s+\w+"
            r"|\bas\s+(?:I|we)(?:'ve|\s+have)?\s+(?:already\s+)?(?:explained|said|stated"
            r"|mentioned|told\s+you|pointed\s+out)\s+(?:in|on)\s+(?:my|our|the)\s+(?:last"
            r"|previous|earlier|first|prior)\b"
            r"|\bas\s+(?:I|we)(?:'ve|\s+have)?\s+(?:already\s+)?(?:explained|said|stated"
            r"|mentioned|told\s+you)\s+(?:several|many|multiple|a\s+few|three|two|numerous)"
            r"\s+times\b"
            r"|\b(?<![\w']\s)as\s+(?:previously\s+|already\s+)?(?:explained|stated|mentioned"
            r"|said|advised),"
            r"|\b(?:not\s+sure|don't\s+know|do\s+not\s+know)\s+how\s+(?:else\s+(?:to|I\s+can)"
            r"|many\s+(?:more\s+)?times)\b|\bhow\s+many\s+(?:more\s+)?times\s+(?:do|must"
            r"|will|should|have)\s+(?:I|we)\b|\b(?:let\s+me\s+)?spell\s+it\s+out\b"
            r"|\bI'd\s+have\s+thought\b|\bI\s+would\s+have\s+thought\b"
            r"|\b(?:explained|said|told\s+you|answered|repeated|mentioned|written)\s+(?:this|that"
            r"|it)?\s*(?:to\s+you\s+)?(?:twice|(?:two|three|four|five|several|many|multiple"
            r"|numerous|a\s+few)\s+times)\b"
            r"|\bnot\s+(?:exactly\s+)?hidden\b|\bin\s+plain\s+sight\b"
            r"|\b(?:shouldn't|should\s+not|don't|do\s+not)\s+(?:have|need)\s+to\s+(?:explain|repeat"
            r"|say|tell\s+you)\b|\b(?:explain|repeat|say)\s+(?:this|it|that|myself)\s+(?:again"
            r"|once\s+more|one\s+more\s+time)\b"
            r"|\b(?:in|into)\s+(?:very\s+)?(?:simple|simpler|plain|basic)\s+(?:terms|English"
            r"|language|words)\s+for\s+you\b|\bput\s+(?:this|it)\s+(?:in|into)\s+(?:very\s+)?"
            r"(?:simple|simpler|basic)\s+(?:terms|words)\b|\bmake\s+(?:this|it)\s+(?:really\s+"
            r"|very\s+)?simple\s+for\s+you\b"
            r"|\bno\s+need\s+for\s+(?:all\s+)?(?:the\s+|that\s+|this\s+|such\s+)?(?:capital"
            r"\s+letters|capitals|caps|shouting|language|rudeness|sarcasm|exclamation\s+marks)\b"
        ),
        "To recap,",
    ),
    Rule(
        ("condescension",),
        rx(
            r"\b(?:it's|it\s+is|this\s+is|that's|that\s+is)\s+(?:a\s+)?(?:very|really|pretty"
            r"|quite|extremely|super|incredibly|fairly)\s+(?:simple|basic|easy"
            r"|straightforward)\b(?!\s+(?:to\s+miss|fix\s+on\s+our|mistake))"
            r"|\bbasic\s+stuff\b|\b(?:should\s+be|is|was|it's|that's|seems)\s+(?:pretty"
            r"|fairly|quite|really|very|blindingly|perfectly)?\s*obvious\b"
            r"|\bas\s+(?:anyone|everyone|anybody|any\s+\w+)\s+(?:who\s+[^,.!?]{0,40}?\s+)?"
            r"(?:knows|would\s+know|can\s+see|will\s+tell\s+you)\b"
            r"|\b(?:most|other)\s+(?:people|customers|users|adults)\s+(?:seem\s+to\s+)?"
            r"(?:manage|figure|work\s+(?:it|this|that)\s+out|have\s+no\s+(?:trouble|problem"
            r"|difficulty)|can\s+(?:manage|figure|work))\b"
            r"|\beven\s+(?:you|a\s+child|a\s+beginner)\s+(?:can|could|should)\b"
            r"|\bliterally\s+(?:on|in|at|right|says|written|printed|the\s+first)\b"
            r"|\b(?:it's|it\s+is)\s+(?:honestly|really|genuinely)\s+not\s+(?:that\s+)?"
            r"(?:complicated|hard|difficult)\b"
        ),
        "Explain the point without implying the customer should have known it.",
        _owning_guard,
    ),
)

BLAME: tuple[Rule, ...] = _BLAME_BASE + BLAME_MORE
