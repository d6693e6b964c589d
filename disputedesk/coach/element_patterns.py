"""Phrase families for the elements of a good reply (see elements.py for how they are used)."""

from __future__ import annotations

import re

from disputedesk.coach.rules import alt, rx, words

FEEL = words(
    r"frustrat\w* upsett\w* upset annoy\w* stress\w* disappoint\w* worr(?:y|ying|ied) "
    r"unsettl\w* irritat\w* frighten\w* scar(?:y|ed) horrible awful terrible distress\w* "
    r"maddening exasperat\w* infuriat\w* alarming worrying exhausting nightmare "
    r"let[-\s+]down unpleasant embarrass\w* shock\w* anxious angry furious fed\s+up "
    r"inconvenien\w* miserable gutted heartbreak\w* devastat\w* draining overwhelm\w* "
    r"tiring difficult hard confusing unhappy concern(?:ed|ing)"
)
INTENS = (
    r"(?:(?:really|so|very|incredibly|truly|deeply|such|quite|pretty|understandably|rightly"
    r"|a|an|like|real|huge|big|massive)\s+)*"
)
WEEKDAY = alt("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTH = words(
    r"jan(?:uary)? feb(?:ruary)? mar(?:ch)? apr(?:il)? may june? july? aug(?:ust)? "
    r"sep(?:t(?:ember)?)? oct(?:ober)? nov(?:ember)? dec(?:ember)?"
)
NUM = r"(?:\d+\s*(?:to|-|–|or)\s*)?" + words(
    r"\d+ one two three four five six seven ten a\s+few a an"
)
UNIT = r"(?:working\s+|business\s+|calendar\s+)?(?:hours?|days?|weeks?|minutes?|mins?)"
FUTURE = re.compile(
    r"\b(?:will|shall|should|going\s+to|expect|aim|plan|arrive|reach|receive|get\s+it)\b|'ll\b",
    re.I,
)
PAST_MARK = re.compile(
    r"\b(?:was|were|did|had|ordered|bought|purchased|arrived|received|delivered|noticed|started"
    r"|contacted|called|emailed|paid|placed|happened|came|since|last|ago|ended|expired|passed"
    r"|closed|finished|lapsed|began|sent|made)\b",
    re.I,
)
DISMISS_CTX = re.compile(
    r"\bsorry\s+(?:that\s+)?you(?:'re|\s+are|\s+were)\s+\w+\s*,?\s+but\b|"
    r"\bno\s+(?:need|reason)\s+to\s+(?:be|get|feel)\b|\bsorry\s+(?:if\s+|that\s+)?you\s+(?:feel"
    r"|felt)\b|\bsorry\s+(?:that\s+)?you(?:'re|\s+are|\s+were)\s+[^.!?]{0,40}?,?\s+however\b"
    r"|\bsorry\s+if\b|\b(?:not\s+sure|don't\s+know|do\s+not\s+know|can't\s+see)\s+why\s+you(?:'re|\s+are"
    r"|\s+would\s+be)\b|\bsorry\s+you\s+see\b",
    re.I,
)

EMPATHY = (
    rx(
        r"\b(?<!n't\s)(?<!not\s)(?:totally|completely|fully|absolutely|really)\s+(?:get|understand)"
        r"\b"
        r"|\bunderstand\s+(?:the|your)\s+(?:frustration|disappointment|worry|concern|annoyance)\b"
    ),
    rx(
        r"\b(?:I|we)\s+(?:(?:completely|totally|fully|really|truly|absolutely|can|do"
        r"|certainly)\s+)*"
        r"understand\b"
    ),
    rx(
        r"\b(?:I|we)\s+(?:(?:can|can't|cannot|really|completely|totally|fully)\s+)*(?:imagine"
        r"|know|see"
        r"|hear|sense|appreciate)\s+(?:how|that|what|why|it|this|you)\b[^.!?]{0,50}?\b"
        + FEEL
        + r"\b"
    ),
    rx(
        r"\b(?:that|this|it)(?:'s|\s+is|\s+was|\s+must\s+be|\s+must\s+have\s+been|\s+sounds"
        r"|\s+sounded"
        r"|\s+has\s+been|'s\s+been)\s+" + INTENS + FEEL + r"\b"
    ),
    rx(
        r"\bis\s+(?:so\s+|really\s+|truly\s+)?(?:frightening|upsetting|distressing|stressful|scary"
        r"|worrying|alarming|heartbreaking)\b"
    ),
    rx(
        r"\b(?:you're|you\s+are|you\s+must\s+be|you\s+must\s+have\s+been|you\s+were|you\s+feel"
        r"|you\s+felt"
        r"|you\s+sound|you\s+seem)\s+" + INTENS + FEEL + r"\b"
    ),
    rx(r"\byour\s+(?:frustration|disappointment|worry|worries|anger|annoyance|distress|concern)\b"),
    rx(r"\bI'd\s+(?:be|feel)\s+(?:just\s+as\s+|exactly\s+the\s+same\s+|the\s+same\s+)?" + FEEL),
)
ACKNOWLEDGEMENT = (
    rx(
        r"\byou(?:'re|\s+are|\s+were)\s+(?:absolutely\s+|quite\s+|completely\s+|totally\s+)?correct\b"
    ),
    rx(r"\b(?:and|also)\s+(?:really\s+|truly\s+)?(?:appreciate|value)\s+your\b"),
    rx(
        r"\b(?:thank\s+you|thanks|many\s+thanks)(?:\s+(?:so|very)\s+much|\s+again|\s+a\s+lot)?"
        r"(?:,\s*[A-Z][a-z]+,)?\s+for\b"
    ),
    rx(
        r"\b(?:you're|you\s+are|you\s+were)\s+(?:absolutely\s+|completely\s+|quite\s+"
        r"|entirely\s+)?right\b"
    ),
    rx(
        r"\byou\s+did\s+(?:exactly\s+)?the\s+right\s+thing\b|\bI\s+hear\s+you\b|\bgood\s+(?:catch"
        r"|spot)\b"
    ),
    rx(r"\b(?:I|we)\s+(?:can\s+)?see\s+(?:where\s+you're\s+coming\s+from|why\s+you|your\s+point)"),
    rx(
        r"\b(?:that's|that\s+is|it's|it\s+is)\s+a\s+(?:fair|valid|good|reasonable)\s+(?:point"
        r"|question"
        r"|concern)\b|\b(?:concern|frustration|complaint)\s+is\s+(?:completely\s+|totally\s+)?"
        r"(?:valid|understandable|fair|justified)\b"
    ),
    rx(
        r"\b(?:I|we)\s+(?:really\s+|truly\s+|do\s+|greatly\s+)?(?:appreciate|value)\s+(?:you"
        r"|your)\b(?!'re|\s+are\b|\s+must\b)"
    ),
    rx(
        r"\b(?:complaint|concerns?|feedback|comments?)\b(?:\s+(?:about"
        r"|regarding)\b[^.!?]{0,50}?)?\s+"
        r"(?:is|are|has\s+been|have\s+been)\s+(?:duly\s+)?(?:(?:logged|recorded|filed)\s+and\s+)?"
        r"noted\b"
    ),
)
SORRY = rx(
    r"\b(?:(?:I'm|I\s+am|we're|we\s+are|I\s+was|we\s+were)\s+)?(?:(?:so|very|really|truly"
    r"|terribly|deeply"
    r"|extremely|genuinely|incredibly)\s+)?sorry\b"
)
NOT_APOLOGY_AFTER = rx(
    r"\s*(?:,\s*|\s)?(?:but\b|(?:that\s+|if\s+)?you\s+(?:feel|felt|think|thought|believe"
    r"|perceive)\b|(?:that\s+)?you(?:'re|\s+are|\s+were)\s+(?:so\s+|very\s+"
    r"|really\s+)?\w+\s*,?\s+(?:but|however)\b"
    r"|if\b|to\s+(?:bother|trouble|chase|ask|check)\b|[,:;-]\s*(?:one|a|just|quick|to|I\s+(?:can't"
    r"|cannot|won't|am\s+unable|don't|do\s+not)|we\s+(?:can't|cannot|won't|are\s+unable|don't"
    r"|do\s+not|aren't|are\s+not)|(?:we|I)(?:'re|\s+are|'m|\s+am)\s+(?:not\s+able|unable"
    r"|afraid)|(?:we|I)\s+(?:no\s+longer|don't|do\s+not)\b)\b)"
)
APOLOGISE = rx(
    r"\b(?:apologi[sz]e|apologies|apology|we\s+regret|I\s+regret)\b(?!\s+to\s+(?:inform|advise"
    r"|tell|say|confirm))"
)
NO_APOLOGY_BEFORE = rx(
    r"(?:no\s+need\s+to|don't\s+need\s+to|won't|will\s+not|not\s+going\s+to)\s+$"
)
RHETORICAL = rx(
    r"\bwhy\s+would\b|\bdid\s+you\s+(?:even|really|actually|ever|not|seriously|bother)\b"
    r"|\bdo\s+you\s+"
    r"(?:really|honestly|seriously|actually)\b|\bwhat\s+did\s+you\s+expect\b|\bhow\s+(?:hard"
    r"|difficult)\b"
    r"|\bis\s+that\s+(?:so\s+|too\s+)?(?:hard|difficult|much)\b|\b(?:are|were)\s+you\s+(?:serious"
    r"|kidding)"
    r"|\bdon't\s+you\s+(?:think|know|see|realise|realize)\b|\bisn't\s+it\s+obvious\b"
    r"|\banything\s+else\b|\bhow\s+(?:can|may)\s+(?:I|we)\s+help\b"
)
REQUEST = rx(
    r"\bplease\s+(?:reply|respond|come\s+back|get\s+back\s+to\s+(?:me"
    r"|us))(?:\s+to\s+(?:this\s+email|me|us)"
    r"|\s+here)?\s+with\b"
    r"|\bplease\s+(?:send|share|forward|upload|attach)\s+(?:(?:me|us)\s+)?(?:a|an|the|your)\s+"
    r"(?:\w+\s+){0,2}?(?:photo|picture|video|order\s+number|receipt|screenshot|details|serial"
    r"|number|copy|reference|invoice|statement)\b|"
    r"\b(?:could|can|would)\s+you\s+(?:please\s+|kindly\s+)?(?:confirm|tell\s+me|tell\s+us"
    r"|let\s+(?:me|us)"
    r"\s+know\s+(?:which|whether|what|when|where|how|if)|send\s+(?:me|us)|share|provide"
    r"|check\s+whether)\b"
    r"|\bplease\s+(?:confirm|tell\s+(?:me|us)|let\s+(?:me|us)\s+know\s+(?:which|whether|what|when"
    r"|where|how)"
    r"|send\s+(?:me|us)\s+(?:a\s+|the\s+|your\s+)?(?:photo|picture|video|order\s+number|receipt"
    r"|screenshot"
    r"|details|serial))\b"
)
ACTION = words(
    r"refund(?:ed)? replac(?:e|ed) repair(?:ed)? send"
    r"|sent ship(?:ped)? dispatch(?:ed)? post(?:ed)? "
    r"mailed couriered re-?issu(?:e|ed) "
    r"arrang(?:e|ed) book(?:ed)? issu(?:e|ed) credit(?:ed)? cancell?(?:ed)? remov(?:e|ed) "
    r"reset escalat(?:e|ed) open(?:ed)?\s+(?:an?\s+)?(?:investigation|case|ticket|claim) "
    r"rais(?:e|ed)\s+(?:an?\s+)?(?:\w+\s+){0,2}(?:report|claim|ticket|case|complaint) "
    r"approv(?:e|ed) revers(?:e|ed) waiv(?:e|ed) exchang(?:e|ed) switch(?:ed)? "
    r"mov(?:e|ed)\s+(?:you|your) upgrad(?:e|ed) downgrad(?:e|ed) fix(?:ed)? offer(?:ed)? "
    r"e-?mailed\s+you\s+(?:a|an|the) put\s+(?:a|the)\s+\w+(?:\s+\w+)?\s+aside set\s+aside "
    r"signed\s+out turn(?:ed)?\s+(?:on|off) collect(?:ed)? reship(?:ped)? re-?sen[dt] "
    r"extend(?:ed)? appl(?:y|ied)\s+(?:a|the) compensat(?:e|ed) reimburs(?:e|ed) "
    r"process(?:ed)?\s+(?:a|the|your)\s+(?:refund|return|exchange) "
    r"checked\s+(?:the|your)\s+(?:tracking|order|account|booking|records) "
    r"add(?:ed)?\s+(?:a|an|the)?\s*(?:[£$€]?[\d.,]+\s+)?(?:credit|refund|voucher|discount|points) "
    r"add(?:ed)?\s+[^.!?]{0,30}?\s+to\s+your\s+(?:account|balance|card"
    r"|wallet) guarantee\s+you\s+(?:a|an|the) "
    r"restor(?:e|ed) reactivat(?:e|ed) unlock(?:ed)? "
    r"sort(?:ed)?\s+(?:(?:this|it)\s+out|out\s+(?:a|an|the|your)) "
    r"asked\s+(?:our|the|my)\s+(?:\w+\s+){0,2}?(?:team|manager|engineer"
    r"|supervisor)\s+to\s+(?:review"
    r"|investigate|check|look|fix|replace|refund|call|contact|repair|expedite) get\s+you\s+(?:a"
    r"|an|the|your) "
    r"give\s+you\s+(?:a|an|the|\d)(?!\s+(?:(?:quick|short|brief)\s+)?(?:call|ring|update|shout"
    r"|bell)) adjust(?:ed)? "
    r"correct(?:ed)? reserv(?:e|ed) "
    r"order(?:ed)?\s+(?:you\s+)?(?:a|an)\s+(?:new|replacement|fresh) honou?r(?:ed)? "
    r"match(?:ed)?\s+the\s+price credit(?:ed)?"
)
DONE = (
    r"(?:refunded|processed|returned|sent|shipped|dispatched|credited|reversed|removed|waived"
    r"|approved"
    r"|booked|arranged|replaced|repaired|issued|cancell?ed|reset|restored|fixed|unlocked"
    r"|reactivated|escalated|investigated|resolved|corrected|upgraded|scheduled|rebooked"
    r"|prioritised|prioritized|expedited)\b"
)
SOLUTION: tuple[re.Pattern[str], ...] = (
    rx(
        r"\b(?:I|we)(?P<modal>'ve|\s+have|'ll|\s+will|\s+can|\s+could|'d\s+like\s+to"
        r"|\s+would\s+like\s+to"
        r"|'m\s+going\s+to|\s+am\s+going\s+to|'re\s+going\s+to|\s+are\s+going\s+to"
        r"|'d\s+be\s+happy\s+to"
        r"|'m\s+happy\s+to|\s+am\s+happy\s+to)?\s+(?:(?:now|also|personally|just|already"
        r"|immediately"
        r"|then|gone\s+ahead\s+and|happily|today|simply|quickly|gladly)\s+)*(?P<act>"
        + ACTION
        + r")\b"
    ),
    rx(
        r"\bwhat\s+(?:I|we)\s+can\s+(?:do|offer)\b|\b(?:here's|here\s+is)\s+what\s+(?:I|we)\s+can\b"
    ),
    rx(
        r"\b(?:your|the|a|an|this|that)\s+(?:[\w£$€.,-]+\s+){0,5}?(?:(?:has|have|had)\s+(?:now\s+"
        r"|already\s+"
        r"|just\s+)?(?:been\s+)?|(?:is|are)\s+(?:now\s+)?being\s+|(?:was|were)\s+(?:just\s+)?)"
        + DONE
        + r"|\b(?:is|are|'s)\s+(?:now\s+|already\s+)?on\s+(?:its|their)\s+way\b"
        r"|\b(?:refund|replacement|repair|parcel|package|order|item|unit)\s+(?:left\s+our|(?:is"
        r"|'s)\s+on\s+"
        r"its\s+way)\b"
    ),
    rx(
        r"\bour\s+\w+(?:\s+team)?\s+(?:has|have)\s+(?:now\s+|already\s+)?(?:replaced|repaired|fixed"
        r"|shipped|dispatched|sent|refunded)\b"
    ),
    rx(
        r"\b(?:replacement|refund|new\s+\w+|credit|voucher|parcel|engineer|technician)\s+(?:goes"
        r"|is\s+going|will\s+go)\s+out\b|\byou(?:'re|\s+are)\s+(?:very\s+)?welcome\s+to\s+(?:return"
        r"|exchange|send|bring|swap|keep|use)\b|\byou(?:'ll|\s+will)\s+(?:receive|get)\s+(?:a|an"
        r"|your"
        r"|the)\s+(?:full\s+|partial\s+)?(?:refund|replacement|credit|voucher|repair|discount)\b"
    ),
)
POLICY: tuple[re.Pattern[str], ...] = (
    rx(r"\b(?:section|clause|article|paragraph|§)\s*\d+(?:\.\d+)*\b"),
    rx(
        r"\b\d+[- ](?:day|week|month|year)\s+(?:[\w-]+\s+){0,2}?(?:returns?|refund|cooling[- ]off"
        r"|warranty"
        r"|guarantee|return\s+window|money[- ]back|exchange|price[- ]match|trial|policy|promise"
        r"|cover"
        r"|period)\b"
    ),
    rx(
        r"\b(?:returns?|refund|cancellation|exchange|warranty|privacy|delivery|shipping"
        r"|subscription"
        r"|membership|repair|price[- ]match|hygiene|fair[- ]use|billing|booking|late[- ]payment"
        r"|damage"
        r"|lost[- ]parcel|data|security)\s+(?:policy|terms|guarantee|conditions|agreement|rules)\b"
    ),
    rx(
        r"\b(?:policy|terms|warranty|guarantee|conditions|agreement"
        r"|contract)\b[^.!?]{0,40}?\b(?:covers?"
        r"|doesn't\s+cover|does\s+not\s+cover|allows?|permits?|excludes?|requires?|states?|says"
        r"|entitles?)\b"
        r"(?!\s+(?:this|it|so)\b|\s+that\s*[.!?,])"
    ),
    rx(
        r"\b(?:covered|not\s+covered|isn't\s+covered)\s+(?:by|under)\s+(?:the\s+|our\s+|your\s+)?"
        r"(?:[\w-]+\s+){0,3}?(?:warranty|guarantee|policy|terms|plan|insurance|cover)\b"
    ),
    rx(
        r"\b(?:refunds?|returns?|exchanges?|cancellations?|claims?|repairs?"
        r"|replacements?)\b[^.!?]{0,40}?"
        r"\b(?:within|after|up\s+to|in\s+the\s+first|beyond|older\s+than|more\s+than)\s+\d+\s*"
        r"(?:working\s+|business\s+|calendar\s+)?(?:days?|weeks?|months?|years?|hours?)\b"
    ),
    rx(
        r"\b(?:per|under|according\s+to|as\s+per|in\s+line\s+with"
        r"|in\s+accordance\s+with)\s+(?:our|the|your)"
        r"\s+(?:[\w-]+\s+){0,2}?(?:terms|policy|warranty|guarantee|conditions|agreement|contract"
        r"|T&Cs)\b"
        r"(?=,?\s+(?:\S+\s+){3})"
    ),
    rx(
        r"\b(?:it|this|the\s+policy|the\s+terms|our\s+terms"
        r"|the\s+contract)\s+(?:clearly\s+)?(?:says|states)"
        r"\s+[^.!?]{0,30}\d"
    ),
    rx(
        r"\b(?:let\s+me|I'll|I\s+will|I'd\s+like\s+to)\s+(?:clarify|explain)\s+how\s+(?:our\s+"
        r"|the\s+)?"
        r"(?:\w+\s+){0,2}works\b"
    ),
    rx(
        r"\bTerms\s+(?:of|and)\s+(?:Service|Sale|Use|Business|Conditions)\b"
        r"|\b(?:[A-Z][\w-]+\s+){1,2}"
        r"(?:Warranty|Guarantee|Terms|Policy|Agreement|Promise|Charter)\b",
        0,
    ),
)
POLICY_FUTURE_GUARD = re.compile(r"\b(?:will|'ll|should|expect)\b", re.I)
DETERMINERS = {"our", "the", "your", "this", "that", "my", "a", "an", "company"}
NEXT: tuple[re.Pattern[str], ...] = (
    rx(
        r"\b(?:it|they|he|she|the\s+\w+(?:\s+\w+)?|our\s+\w+(?:\s+\w+)?|your\s+\w+(?:\s+\w+)?|who"
        r"|which"
        r"|someone|an?\s+\w+(?:\s+\w+)?)(?:\s+will|'ll|\s+is\s+going\s+to|\s+are\s+going\s+to"
        r"|\s+should)\s+(?:now\s+|then\s+"
        r"|also\s+|automatically\s+)?(?:be\s+)?(?:re-?)?(?:deliver|call|send|collect|ship|arrive"
        r"|review"
        r"|with\s+you"
        r"|contact|process"
        r"|go\s+back|ready|dispatch|visit|attend|come|reach|email|pick|return|investigate|check"
        r"|confirm"
        r"|update"
        r"|refund|replace|repair|follow|book|credit|text|ring|message|assess|inspect|bring|install"
        r"|fit|arrange|issue|handle|transfer|escalate|respond|reply|restart|resume|post"
        r"|get\s+in\s+touch|phone|notify|drop|complete|finish|start|test|leave|depart|open|clean"
        r"|adjust|measure|survey|quote|sign|schedule|pick\s+up|assess)\w*"
    ),
    rx(
        r"\b(?:I|we)(?:'ll|\s+will|\s+am\s+going\s+to|'m\s+going\s+to|\s+are\s+going\s+to"
        r"|'re\s+going\s+to)"
        r"\s+(?:then\s+|also\s+|personally\s+|now\s+)?(?:update|call|email|write|contact"
        r"|get\s+back|check\s+in"
        r"|follow\s+up|be\s+in\s+touch|let\s+you\s+know|keep\s+you|give\s+you\s+a\s+(?:call|ring"
        r"|update)|ring"
        r"|text|message"
        r"|send\s+you\s+(?:the|a|an)\s+(?:new\s+)?(?:tracking|update|confirmation|link|label)"
        r"|dispatch|ship"
        r"|collect|schedule|review|investigate|look\s+into|find)\b"
    ),
    rx(
        r"\b(?:and|then)\s+(?:will|'ll)\s+(?:update|call|email|write|contact|get\s+back|check\s+in"
        r"|follow\s+up|be\s+in\s+touch|let\s+you\s+know|keep\s+you)\b|\band\s+(?:will"
        r"|should)\s+(?:arrive"
        r"|reach\s+you|be\s+(?:delivered|with\s+you|ready))\b"
    ),
    rx(
        r"(?:^|(?<=[.!?;:]\s)|(?<=\n)|(?<=,\s)(?:then|and)\s+|\bplease\s+"
        r"|\bjust\s+)(?:please\s+)?(?:just\s+)?"
        r"(?:check|attach|drop|return|send|reply|let\s+(?:me|us)\s+know|keep|bring|contact|visit"
        r"|print|fill"
        r"|click|follow|pack|post|log\s+in|sign\s+in|go\s+to|call\s+us|ring\s+us|forward|upload"
        r"|expect"
        r"|look\s+out)\b"
    ),
    rx(
        r"\byou(?:'ll|\s+will)\s+(?:need\s+to|have\s+to)\s+(?:return|send|print|attach|bring|fill"
        r"|post|pack"
        r"|drop|take|sign|upload)\b|\byou(?:'ll|\s+will)\s+(?:receive|get)\s+(?:an?\s+)?(?:email"
        r"|label"
        r"|confirmation|text|call|link|message)\b"
    ),
)
TIMELINE_TAKES = (
    r"\b(?:usually|normally|typically|generally|should|will|can|may|'ll|only)\s+takes?\s+"
    r"(?:up\s+to\s+|around\s+|about\s+|roughly\s+)?(?:\d+\s*(?:to|-|–|or)\s*)?"
    r"(?:\d+|one|two|three|four|five|six|seven|ten|a\s+few)\s*(?:working\s+|business\s+)?"
    r"(?:hours?|days?|weeks?)\b"
)
TIMELINE: tuple[re.Pattern[str], ...] = (
    rx(
        r"\b(?:today|tomorrow|tonight|this\s+(?:afternoon|evening|week|weekend|month)(?!'s)"
        r"|next\s+(?:week|month|" + WEEKDAY + r"|working\s+day|business\s+day)"
        r"|(?:the\s+)?end\s+of\s+(?:the\s+)?(?:day|week|month|" + WEEKDAY + r")|the\s+same\s+day"
        r"|first\s+thing|(?:after|over|at)\s+the\s+weekend)\b(?!')"
    ),
    rx(r"\b(?:by|before|on|until|till|from|this|after|for)\s+(?:" + WEEKDAY + r")\b(?!')"),
    rx(
        r"\b(?:within|in)\s+(?:the\s+next\s+)?" + NUM + r"\s*" + UNIT + r"\b(?!\s+of\s+(?:purchase"
        r"|delivery|receipt|the\s+(?:order|purchase|delivery)))"
    ),
    rx(
        r"\b(?:before|after|by|at|until|from)\s+\d{1,2}(?::\d\d)?\s*(?:am|pm)\b|\bbetween\s+\d{1,2}"
        r"(?::\d\d)?\s*(?:am|pm)?\s+and\s+(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)|noon|midday)\b"
    ),
    rx(
        r"\b(?:on|by|until|till|before|from)\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?"
        + MONTH
        + r"|"
        + MONTH
        + r"\s+\d{1,2}(?:st|nd|rd|th)?|\d{4}-\d\d-\d\d|\d{1,2}/\d{1,2}(?:/\d{2,4})?)\b"
    ),
)
FOLLOW: tuple[re.Pattern[str], ...] = (
    rx(
        r"\b(?:I|we)(?:'ll|\s+will|\s+shall|\s+am\s+going\s+to|'m\s+going\s+to|\s+are\s+going\s+to"
        r"|'re\s+going\s+to)\s+(?:(?:personally|also|then|definitely"
        r"|certainly)\s+)?(?:update\s+you|call\s+you"
        r"|e-?mail\s+you|write\s+(?:to\s+you|back)|contact\s+you|get\s+back\s+to\s+you|check\s+in"
        r"|follow\s+up|give\s+you\s+a\s+(?:quick|short|brief)\s+(?:call|ring|update)"
        r"|be\s+in\s+touch|let\s+you\s+know|keep\s+you\s+(?:posted|updated|informed"
        r"|in\s+the\s+loop)"
        r"|give\s+you\s+a\s+(?:call|ring|update)|ring\s+you|text\s+you|message\s+you|reach\s+out"
        r"|send\s+you\s+(?:an?\s+)?(?:update|the\s+new\s+tracking|the\s+tracking|confirmation"
        r"|note|message"
        r"|email)|come\s+back\s+to\s+you|touch\s+base)"
    ),
    rx(
        r"\b(?:and|then)\s+(?:will|'ll)\s+(?:update\s+you|call\s+you|e-?mail\s+you|write\s+to\s+you"
        r"|contact\s+you|get\s+back|check\s+in|follow\s+up|be\s+in\s+touch|let\s+you\s+know"
        r"|keep\s+you)"
        r"|\byou(?:'ll|\s+will)\s+hear\s+(?:back\s+)?from\s+(?:me|us)\b"
    ),
)

# --- further phrase families (appended so the index-based guards above keep their meaning) ---
REQUEST_MORE = rx(
    r"\b(?:I|we)(?:'ll|\s+will|'d|\s+would)?\s+(?:just\s+)?need\s+(?:your|the|a|to\s+(?:see"
    r"|know|have|check))\b"
    r"|\blet\s+(?:me|us)\s+know\s+(?:which|what|when|where|whether|how|if\s+you(?:'d|\s+would)"
    r"\s+(?:prefer|like|rather))\b"
    r"|\bwould\s+you\s+mind\s+\w+ing\b"
    r"|\b(?:reply|respond)\s+(?:to\s+(?:this|my)\s+(?:email|message)\s+)?with\s+(?:a|an|the"
    r"|your)\s+(?:\w+\s+){0,2}?(?:photo|picture|video|number|receipt|screenshot|details|serial"
    r"|reference|address|postcode|model)"
    r"|\bplease\s+(?:describe|explain|tell\s+(?:me|us)|let\s+(?:me|us)\s+know\s+(?:which|what"
    r"|when|where|whether|how))\b"
    r"|\bplease\s+(?:send|share|forward|upload|attach|provide|reply\s+with)\s+(?:(?:me|us)\s+)?"
    r"(?:a|an|the|your)\s+(?:\w+\s+){0,3}?(?:photo|picture|video|number|receipt|screenshot"
    r"|details|serial|copy|reference|invoice|statement|address|postcode|date|name|model|result)s?\b"
)
SOLUTION = (
    *SOLUTION,
    rx(
        r"\bbut\s+(?:I|we)\s+(?:can|could|'d\s+be\s+happy\s+to|'m\s+happy\s+to|am\s+happy\s+to)\s+"
        r"(?:also\s+|still\s+)?(?!see|understand|imagine|assure|promise|only|try|ask|say|tell)\w+"
        r"|\b(?:I|we)(?:'ve|\s+have)\s+(?:now\s+|just\s+|already\s+|also\s+)?flagged\s+(?:this|it"
        r"|your\s+\w+)\s+(?:with|to)\b"
        r"|\b(?:I|we)(?:'ve|\s+have)\s+(?:now\s+|just\s+|already\s+|also\s+)?"
        + DONE
        + r"|\b(?:I|we)(?:'ve|\s+have)\s+(?:now\s+|just\s+|also\s+)?(?:re-?printed|re-?made"
        r"|re-?done|re-?ordered|re-?submitted|re-?delivered|logged\s+(?:a|an)\s+(?:fault|ticket"
        r"|case|complaint|report|request|claim)|actioned|topped\s+up|unblocked|re-?enabled)\b"
    ),
    rx(
        r"\b(?:I|we)(?:'ll|\s+will|'m\s+going\s+to|\s+am\s+going\s+to)\s+(?:personally\s+|also\s+)?"
        r"(?:chase|contact|call|speak\s+to|ring)\s+(?:the|our|your)\s+(?:courier|carrier|warehouse"
        r"|supplier|manufacturer|seller|bank|restaurant|driver|depot|store|branch|team|landlord"
        r"|airline|hotel)\b"
    ),
    rx(
        r"\b(?:would\s+you\s+like|shall|should|do\s+you\s+want)\s+(?:me|us|I|we)\s+(?:to\s+)?"
        r"(?:send|refund|replace|repair|arrange|book|issue|credit|cancel|reship|exchange|swap"
        r"|switch|move|upgrade|rebook|order|waive|apply|add|reverse)\b"
        r"|\b(?:I'm|I\s+am|we're|we\s+are)\s+(?:now\s+|also\s+|just\s+)?(?:issuing|sending"
        r"|arranging|refunding|processing\s+(?:a|the|your)|replacing|repairing|booking|crediting"
        r"|waiving|reversing|cancell?ing|dispatching|shipping|reshipping|couriering|posting"
        r"|adding|applying|upgrading|escalating|raising)\b"
        r"|\b(?:I|we)(?:'ve|\s+have)\s+(?:now\s+|just\s+|also\s+)?(?:pushed|put)\s+(?:it|this"
        r"|the\s+\w+|your\s+\w+)\s+through\b"
        r"|\b(?:make\s+sure|ensure)\s+you\s+(?:get|receive)\s+(?:a|an|the|your)\b"
        r"|\bget\s+you\s+(?:compensation|a\s+refund|your\s+money\s+back|a\s+replacement)\b"
        r"|\byou(?:'ll|\s+will)\s+(?:get|receive)\s+(?:\w+\s+){0,2}?(?:money\s+back|refund"
        r"|credit|voucher)\b"
        r"|\b(?:your|the|a|an)\s+(?:[\w£$€.,-]+\s+){0,5}?(?:has|have)\s+(?:now\s+|already\s+"
        r"|just\s+)?been\s+(?:posted|couriered|re-?applied|applied|activated|blocked|added"
        r"|topped\s+up|cleared|ordered|re-?sent|reshipped|refunded\s+in\s+full|pushed\s+through"
        r"|re-?issued|re-?booked|re-?scheduled|chased|replaced\s+free)"
        r"\b"
    ),
)
POLICY = (
    *POLICY,
    rx(
        r"\bas\s+(?:clearly\s+)?(?:stated|set\s+out|outlined|explained|described|detailed"
        r"|specified|written)\s+in\s+(?:our|the|your)\s+(?:[\w-]+\s+){0,2}?(?:terms|policy"
        r"|warranty|guarantee|conditions|agreement|contract|T&Cs)\b"
    ),
    rx(
        r"\b(?:refunds?|returns?|exchanges?|cancellations?|credits?|replacements?)\s+(?:are|is"
        r"|aren't|isn't|can't\s+be|cannot\s+be|can\s+only\s+be|are\s+only|is\s+only)\s+(?:not\s+)?"
        r"(?:available|possible|accepted|allowed|permitted|given|offered|issued|made|refunded"
        r"|processed)\s+(?:once|after|if|when|unless|within|beyond|before|until|on\s+\w+\s+that"
        r"|(?:on|for)\s+(?:\w+\s+){0,2}?(?:items?|products?|orders?|tickets?|goods|purchases?"
        r"|bookings?))\b"
    ),
)
NEXT = (
    *NEXT,
    rx(
        r"(?:^|(?<=[.!?;:]\s)|(?<=\n)|(?<=,\s)(?:then|and)\s+|\bplease\s+)(?:please\s+)?"
        r"(?:pop|put|book|pick|choose|select|use|enter|wait|restart|unplug|direct"
        r"|remove|turn|switch|head|complete|tap|download|install|reply|make\s+sure|leave|pack"
        r"|fill|ring|email|text|call)\b(?!\s+(?:care|a\s+look|your\s+time))"
        r"|\bplease\s+(?:do\s+not|don't)\s+(?!hesitate|take|get|be\b|shout|swear|worry)\w+"
    ),
    rx(
        r"\b(?:should|will|'ll)\s+(?:then\s+)?(?:be\s+with\s+you|go\s+out)\b"
        r"|\b(?:someone|a\s+member\s+of\s+(?:our|the)\s+\w+(?:\s+team)?|our\s+\w+(?:\s+team)?"
        r"|the\s+\w+\s+team|they|he|she)\s+(?:will|'ll|should)\s+(?:then\s+|also\s+)?be\s+in"
        r"\s+touch\b"
    ),
)
FOLLOW = (
    *FOLLOW,
    rx(
        r"\b(?:I|we)(?:'ll|\s+will|\s+shall|'m\s+going\s+to|\s+am\s+going\s+to)\s+(?:(?:personally"
        r"|also|then|definitely)\s+)?(?:be\s+back\s+in\s+touch|drop\s+you\s+(?:a|an)\s+(?:line"
        r"|message|note|email|e-mail|text)|confirm\s+(?:by|via|over|on)\s+(?:email|e-mail|text"
        r"|phone)|confirm\s+(?:with|to)\s+you|report\s+back|circle\s+back|send\s+you\s+(?:a"
        r"|an)\s+(?:quick\s+)?(?:note|message|line|email|e-mail|text|update)|reach\s+out\s+to\s+you"
        r"|follow\s+(?:this\s+)?up\s+with\s+you|be\s+in\s+touch|check\s+back)"
    ),
    rx(
        r"\b(?:I|we)(?:'ll|\s+will)\b[^.!?]{0,60}?\b(?:and|then)\s+(?:then\s+)?(?:come\s+back\s+to"
        r"\s+you|get\s+back\s+to\s+you|update\s+you|call\s+you|ring\s+you|e-?mail\s+you"
        r"|let\s+you\s+know|write\s+to\s+you|check\s+in)\b"
    ),
)
GENERIC_CLAUSE = rx(
    r"\bdue\s+course\b|\b(?:appropriate|relevant|responsible)\s+(?:department|team|people)\b"
    r"|\bstandard\s+procedures?\b"
)
TIMELINE = (
    *TIMELINE,
    rx(
        r"\ballow\s+(?:up\s+to\s+|around\s+|about\s+)?" + NUM + r"\s*" + UNIT + r"\b"
        r"|\btomorrow's\b|\bbe\s+with\s+you\s+(?:on\s+|by\s+)?" + WEEKDAY + r"\b"
    ),
    rx(TIMELINE_TAKES),
)
