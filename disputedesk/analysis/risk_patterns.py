"""Generalising regex families for each risk kind (verb + object families)."""

from __future__ import annotations

# Shared word families ---------------------------------------------------------------
PROVIDER = (
    r"(?:(?:my|our|the)\s+)?(?:(?:credit\s+|debit\s+)?card\s+(?:issuer|provider|company)|"
    r"credit\s+card\s+(?:company|provider|issuer)|bank(?!\s+(?:holiday|account|details|transfer|"
    r"statement|card))|building\s+society|credit\s+union|issuer|visa|master\s?card|amex|"
    r"american\s+express|discover|paypal|klarna|afterpay|clearpay|affirm|apple\s+pay|google\s+pay|"
    r"barclaycard|barclays|monzo|revolut|starling|chase|citi(?:bank)?|capital\s+one|hsbc|lloyds|"
    r"natwest|santander|halifax|nationwide|wells\s+fargo|bank\s+of\s+america|payment\s+provider)\b"
)
PLATFORM = (
    r"(?:trustpilot|yelp|tripadvisor|google(?:\s+(?:reviews?|maps))?|facebook|instagram|insta|"
    r"twitter|tik\s?tok|youtube|reddit|linkedin|threads|(?-i:X)|social\s+media|social|the\s+(?:press|"
    r"media|papers|news)|newspapers?|journalists?|reporters?|watchdog|(?-i:BBC)|forums?|"
    r"every\s+(?:site|platform|forum|group|review\s+site)|(?:parents'?|local|community|mums'?|"
    r"neighbourhood|neighborhood|facebook)\s+groups?|online|the\s+internet|blog|followers|"
    r"mumsnet|review\s+sites?|everyone|everybody|the\s+world)"
)
REVIEW = (
    r"(?:(?:\d|one|zero|two|1|0)[- ]star(?:\s+\w+)?\s+reviews?|(?:bad|negative|terrible|honest|"
    r"scathing|detailed|awful|poor|damning|brutal|angry|long)\s+(?:\w+\s+)?reviews?|reviews?)"
)
REGULATOR = (
    r"(?:better\s+business\s+bureau|(?-i:BBB|FTC|CFPB|ICO|TIO|ACCC|OMIC|FCA|CMA|FCC|CAA|PUC|"
    r"Ofcom|Ofgem|Ofwat|Ofsted|AG)|OFCOM|federal\s+trade\s+commission|consumer\s+financial\s+"
    r"protection\s+bureau|attorneys?[- ]general|trading\s+standards|ombudsm[ae]n|ombudsperson|"
    r"ombudsman\s+service|consumer\s+(?:protection|affairs|rights)\s+(?:agency|bureau|office|"
    r"department|division|section|authority|commission|board)|consumer\s+(?:office|council|"
    r"agency|commission)|information\s+commissioner|financial\s+conduct\s+authority|"
    r"fair\s+trading|public\s+utilit(?:y|ies)\s+commission|(?:state|industry|the|energy|"
    r"telecoms?|financial)\s+regulator|regulators?|citizens\s+advice|competition\s+authority)"
)
ORDINAL = (
    r"(?:second|2nd|third|3rd|fourth|4th|fifth|5th|sixth|6th|seventh|7th|eighth|ninth|tenth|"
    r"umpteenth|nth|\d+(?:st|nd|rd|th))"
)
COUNT = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|numerous|countless|\d+)"
)
CONTACT_NOUN = (
    r"(?:message|email|e-mail|letter|call|phone\s+call|chat|request|complaint|attempt|ticket|"
    r"follow[- ]?up|reminder|enquiry|inquiry|voicemail)s?"
)
CONTACT_VERB = (
    r"(?:contact(?:ed|ing)?|wr(?:ote|itten|ite|iting)(?:\s+to)?|e-?mail(?:ed|ing)?|call(?:ed|ing)?|"
    r"rang|ring(?:ing)?|phon(?:ed|ing)|messag(?:ed|ing)|chatt(?:ed|ing)|complain(?:ed|ing)|"
    r"been\s+in\s+touch|got\s+in\s+touch|reached\s+out|ask(?:ed|ing)|rais(?:ed|ing)\s+(?:this|it)|"
    r"chas(?:ed|ing)|spoke(?:n)?\s+to)"
)
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|march|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
)
INSULT_N = (
    r"(?:idiots?|morons?|imbeciles?|cretins?|clowns?|muppets?|liars?|thieves|crooks?|scammers?|"
    r"con\s+artists?|cowboys?|parasites?|jobsworths?|incompetents?|losers?|bastards?|a[s$]{2}holes?|"
    r"arseholes?|dickheads?|dicks?|pricks?|twats?|wankers?|bitch(?:es)?|scum(?:bags?)?|pigs?|"
    r"fools?|numpties?|halfwits?|dimwits?|dumbasses?|jerks?|shysters?|leeches|vultures|"
    r"frauds?(?:ters)?|criminals?|cunts?|retards?|donkeys|monkeys|amateurs|sheep|robots|"
    r"liar|nazis?|trolls?|hypocrites?|cowards?|pillocks?|prats?|tossers?|gits?|douche(?:bag)?s?|"
    r"asswipes?|dipshits?|motherfuckers?|whores?|sluts?|freaks?|fag(?:got)?s?|shitheads?)"
)
INSULT_ADJ = (
    r"(?:useless|incompetent|stupid|dumb|brain-?dead|pathetic|clueless|worthless|thick|moronic|"
    r"idiotic|lying|thieving|crooked|rude|patronising|patronizing|smirking|spineless|disgusting|"
    r"f[*u]+c?k?(?:ing|in['’]?)|f\*+ing|bloody|damn(?:ed)?|shit(?:ty)?|crap(?:py)?|little|"
    r"total|complete|absolute|utter|arrogant|ignorant|lazy|greedy|dishonest|bunch\s+of|pack\s+of)"
)

# Patterns per risk kind -------------------------------------------------------------
LEGAL = (
    r"\b(?:sue|suing|sued)\b",
    r"\btak(?:e|ing)\s+(?:you|this|it|them|the\s+(?:company|matter|store|shop|firm)|your\s+\w+)"
    r"(?:\s+\w+){0,3}?\s+to\s+(?:(?:small[- ]claims|the)\s+)?(?:court|tribunal|small\s+claims)\b",
    r"\b(?:see|meet)\s+you\s+in\s+(?:small[- ]claims\s+)?court\b",
    r"\bsmall[- ]claims\b",
    r"\b(?:court\s+(?:action|proceedings|claim|case)|legal\s+(?:action|proceedings|steps|route|"
    r"claim|advice|team|counsel|representation|representative)|lawsuit|class[- ]action|"
    r"litigation|letter\s+before\s+(?:action|claim))\b",
    r"\b(?:lawyer|solicitor|barrister|attorney)s?\b(?![- ]general|'s\s+general)"
    r"(?!\s+(?:friend|mate|brother|sister|cousin|neighbou?r|colleague|dad|mum|mom|mother|"
    r"father|wife|husband|partner|son|daughter)s?\b)",
    r"\blawyer(?:ed|ing)?\s+up\b",
)
CHARGEBACK = (
    r"\bcharge[- ]?backs?\b|\bcharg(?:e|ing)\s+(?:it|this|them)\s+back\b",
    r"\b(?:disput(?:e|ed|ing)|revers(?:e|ed|ing)|claw(?:ing|ed)?\s+back|challeng(?:e|ed|ing)|"
    r"reclaim(?:ed|ing)?|recall(?:ed|ing)?)\b[^.!?;]{0,60}?\b(?:with|through|via)\s+" + PROVIDER,
    r"\b(?:open(?:ed|ing)?|rais(?:e|ed|ing)|fil(?:e|ed|ing)|start(?:ed|ing)?|lodg(?:e|ed|ing)|"
    r"submit(?:ted|ting)?)\s+(?:a\s+)?(?:payment\s+)?(?:dispute|claim)\s+(?:with|through|via|on)\s+"
    + PROVIDER,
    r"\b"
    + PROVIDER
    + r"[^.!?;]{0,40}?\b(?:to|and|will|would)\s+(?:\w+\s+)?(?:revers|disput|refund\s+me|"
    r"claw|stop\s+(?:the\s+)?payment|block|recall|charge\s+(?:it\s+)?back|cancel\s+the\s+"
    r"(?:payment|charge|transaction))",
    r"\b" + PROVIDER + r"\s+(?:has|have|had|is|are|['’]ve|['’]s)\s+(?:already\s+|now\s+|just\s+)?"
    r"(?:reversed|refunded|opened\s+a\s+(?:dispute|claim|case)|charged\s+(?:it\s+)?back|"
    r"disputing|investigating|blocked|raised\s+a\s+dispute)",
    r"\b(?:report(?:ed|ing)?|flagg?(?:ed|ing)?)\s+(?:the|this|these|those|it|them|all|\d+|two|"
    r"three|both)\b[^.!?;]{0,40}?\bto\s+" + PROVIDER,
    r"\b(?:stop(?:ping|ped)?|block(?:ing|ed)?|cancel(?:l?ing|l?ed)?)\s+(?:the|this|that|my|all)\s+"
    r"(?:\w+\s+)?(?:payments?|transactions?|cheque|check)\b",
    r"\bsection\s+75\b",
    r"\brevers(?:e|ing)\s+(?:the|this|these|that|all|my)\s+(?:\w+\s+)?(?:payments?|charges?|"
    r"transactions?)\b",
    r"\b(?:call|contact|ring|phone|involve|get|go\s+to|speak\s+to|talk\s+to|notify|inform|tell)"
    r"(?:ing|ed)?\s+(?:my|our)\s+" + PROVIDER.replace(r"(?:(?:my|our|the)\s+)?", "", 1),
)
PUBLIC = (
    r"\b(?:post(?:ing|ed)?|put(?:ting)?|shar(?:e|ing|ed)|tell(?:ing)?|told|writ(?:e|ing)|wrote|"
    r"written|leav(?:e|ing)|left|go(?:ing)?\s+(?:to|on)|went\s+(?:to|on)|contact(?:ing)?|"
    r"expos(?:e|ing)|warn(?:ing)?|screenshott?(?:ing|ed)?|upload(?:ing|ed)?|tweet(?:ing|ed)?|"
    r"blog(?:ging)?|let\s+(?:everyone|everybody|people)\s+know|make\s+sure\s+(?:everyone|people)|"
    r"go(?:es)?\s+up|going\s+up|rat(?:e|ing)\s+you|record(?:ing)?|film(?:ing)?|"
    r"name\s+and\s+shame|plaster(?:ing)?|spread(?:ing)?\s+the\s+word)\b[^.!?;]{0,80}?\b"
    r"(?:" + PLATFORM + r"|" + REVIEW + r"|video|photos\s+(?:up|online))\b",
    r"\b(?:\d|one|zero|1|0)[- ]star\s+(?:\w+\s+)?reviews?\b",
    r"\b"
    + REVIEW
    + r"\s+(?:I['’]m|I\s+am|I\s+will|I['’]ll|is\s+going)\s+(?:\w+\s+)?(?:writ|post|leav|go)",
)
REGULATOR_P = (
    r"\b(?:report(?:ed|ing|s)?|complain(?:ed|ing|t|ts)?|fil(?:e|ed|ing)|submit(?:ted|ting)?|"
    r"lodg(?:e|ed|ing)|contact(?:ed|ing)?|wr(?:ite|ote|iting|itten)\s+to|go(?:ing)?\s+to|went\s+to|"
    r"escalat(?:e|ed|ing)|tak(?:e|ing)\s+(?:this|it)\s+(?:up\s+)?(?:to|with)|inform(?:ed|ing)?|"
    r"notif(?:y|ied|ying)|reclamation|rais(?:e|ed|ing)|refer(?:red|ring)?|involv(?:e|ed|ing)|"
    r"get(?:ting)?\s+\w+\s+involved|mak(?:e|ing)\s+(?:a\s+)?complaint|made\s+(?:a\s+)?complaint|"
    r"(?:speak(?:ing)?|spoke(?:n)?|talk(?:ing|ed)?)\s+(?:to|with))"
    r"\b[^.!?;]{0,80}?\b" + REGULATOR + r"\b",
    r"\b" + REGULATOR + r"\b[^.!?;]{0,30}?\b(?:complaint|case|report)\s+(?:has\s+been\s+|is\s+)?"
    r"(?:filed|lodged|submitted|opened|made)\b",
)
CANCEL_OBJ = (
    r"(?:subscriptions?|account|membership|contract|plan|policy|service|orders?|direct\s+debit|"
    r"booking|renewal|package|lines?|broadband|insurance|sub|agreement|tenancy|licen[cs]e)"
)
CANCELLATION = (
    r"\bcancel(?:l?ing|l?ed|s)?\s+(?:my|our|the|this|your|all\s+(?:my|our)|it\s+all)\s+"
    r"(?:\w+\s+){0,2}?" + CANCEL_OBJ + r"\b",
    r"\b(?:clos(?:e|ing)|terminat(?:e|ing)|end(?:ing)?|finish(?:ing)?|quit(?:ting)?)\s+"
    r"(?:my|our|the|this)\s+(?:\w+\s+){0,2}?" + CANCEL_OBJ + r"\b",
    r"\b(?:want|need|would\s+like)\s+(?:my|the|this|our)\s+(?:\w+\s+)?"
    + CANCEL_OBJ
    + r"\s+(?:ended|cancell?ed|terminated|closed)\b",
    r"\b(?:tak(?:e|ing)|mov(?:e|ing))\s+(?:my|our)\s+(?:\w+\s+)?(?:business|custom|money|"
    r"account)\s+(?:elsewhere|somewhere\s+else)\b",
    r"\b(?:switch(?:ing)?|mov(?:e|ing)|go(?:ing)?|chang(?:e|ing)|tak(?:e|ing)\s+my\s+business)\s+"
    r"(?:over\s+)?to\s+(?:a\s+|your\s+|another\s+|the\s+)?(?:competitor|rival|other\s+(?:provider|"
    r"company|supplier)|another\s+(?:provider|company|supplier|bank|store|shop|retailer|carrier|"
    r"network|brand|airline|hotel|gym|courier)|(?-i:[A-Z][A-Za-z&]+))\b",
    r"\b(?:won['’]?t|will\s+not|never|not\s+going\s+to)\s+(?:be\s+)?(?:ever\s+)?(?:shop|buy|order|"
    r"use|book|fly|stay|come\s+back|deal|renew|recommend|purchase|return)\w*\s+(?:\w+\s+){0,4}?"
    r"(?:again|anymore|any\s+more|ever\s+again)\b",
    r"\b(?:not|won['’]?t\s+be|will\s+not\s+be)\s+renew(?:ing)?\b",
    r"\bno\s+longer\s+(?:be\s+)?(?:us(?:e|ing)|shop(?:ping)?|buy(?:ing)?|need|want|requir(?:e|ing)|"
    r"a\s+customer)\b",
    r"\b(?:I['’]m|I\s+am|we['’]re|we\s+are)\s+(?:so\s+|completely\s+|totally\s+)?done\s+with\s+"
    r"(?:you|this|your)",
    r"\b(?:I['’]ll|I\s+will|we['’]ll|we\s+will|I['’]m|I\s+am|we['’]re)\s+(?:be\s+)?(?:leaving|"
    r"going\s+elsewhere|shopping\s+elsewhere|taking\s+my)\b(?!\s+(?:a|an|the|my)\s+(?:\w+\s+)?"
    r"(?:review|comment|note|message|feedback|voicemail))",
    r"\bstop\s+(?:buying|using|shopping|ordering)\b",
    r"\b(?:last|final)\s+(?:time|order|purchase)\s+(?:I|we)\s+(?:ever\s+)?(?:buy|order|use|shop)",
    r"\bunsubscrib(?:e|ing)\s+(?:me\s+)?from\s+(?:the\s+|your\s+)?(?:service|membership|plan)",
)
MANAGER_ROLE = (
    r"(?:(?<!account\s)(?<!practice\s)(?<!property\s)(?<!project\s)(?<!office\s)(?<!his\s)"
    r"(?<!her\s)(?<!their\s)(?<!store\s)(?<!branch\s)(?<!general\s)manager|supervisor|superior|"
    r"team\s+lead(?:er)?|boss|someone\s+(?:more\s+)?senior|somebody\s+(?:more\s+)?senior|"
    r"senior\s+(?:staff|member|person|manager|agent)|(?:someone|somebody|a\s+person)\s+(?:higher"
    r"\s+up|in\s+charge|with\s+(?:more\s+|actual\s+|real\s+|some\s+)?authority|who\s+can\s+"
    r"(?:actually\s+)?(?:help|decide|authori[sz]e|make\s+decisions))|higher[- ]ups?|"
    r"person\s+in\s+charge|whoever\s+(?:actually\s+)?(?:runs|is\s+in\s+charge|manages|is\s+"
    r"responsible)|head\s+of\s+\w+|director|(?-i:CEO)|complaints\s+(?:team|department))"
)
MANAGER = (
    r"\b(?:speak|talk|put|pass|transfer|escalat(?:e|ed|ing)|forward|connect|get|want|need|demand|"
    r"request|ask\s+for|refer|send|give)\b[^.!?;]{0,60}?\b" + MANAGER_ROLE + r"s?\b",
    r"\b(?:escalate\s+(?:this|it|my|the|me)|(?:be|been|get|this|it|case)\s+escalated|"
    r"escalation\s+(?:please|now|to))\b",
    r"\b" + MANAGER_ROLE + r"s?\s+(?:on\s+the\s+(?:phone|line)|now|please|immediately)\b",
)
ABUSE = (
    r"\byou(?:\s+(?:people|lot|guys|all|two|clowns|folks))?\s*(?:are|r|['’]re|is|must\s+be|"
    r"seem\s+to\s+be|sound\s+like|look\s+like|act\s+like)\s+(?:all\s+|just\s+|such\s+|a\s+|"
    r"an\s+|so\s+|very\s+|really\s+|nothing\s+but\s+)*(?:"
    + INSULT_ADJ
    + r"\s+)*(?:"
    + INSULT_N
    + r"|useless|incompetent|stupid|brain-?dead|pathetic|clueless|worthless|a\s+joke|"
    r"morons|dishonest|crooks|a\s+disgrace|a\s+shambles|an\s+embarrassment)\b",
    r"\byou\s+(?:" + INSULT_ADJ + r"\s+){0,3}" + INSULT_N + r"\b",
    r"\byour\s+(?:\w+\s+){1,5}?(?:is|are|was|were)\s+(?:a\s+|an\s+|all\s+|just\s+|such\s+|"
    r"nothing\s+but\s+)*(?:" + INSULT_ADJ + r"\s+)*" + INSULT_N + r"\b",
    r"\b(?:what\s+a|bunch\s+of|pack\s+of|load\s+of|band\s+of|nest\s+of|gang\s+of|shower\s+of)\s+"
    r"(?:" + INSULT_ADJ + r"\s+)*" + INSULT_N + r"\b",
    r"\bare\s+(?:you|they)\s+(?:all\s+|people\s+|guys\s+|lot\s+)?(?:\w+\s+)?(?:stupid|brain-?dead|"
    r"thick|idiots|morons|incompetent|retarded|deaf|blind|dumb)\b",
    r"\b(?:fuck|f\*+k|f\*+|screw|sod|piss)\s+(?:you|off|your\s+\w+|u)\b|\bgo\s+to\s+hell\b|"
    r"\bshut\s+(?:the\s+\w+\s+)?up\b|\bstick\s+it\s+up\b|\bshove\s+it\b|\bget\s+stuffed\b|"
    r"\bkiss\s+my\s+\w+\b|\bup\s+yours\b",
    r"\b(?:I['’]ll|I\s+will|I['’]m\s+going\s+to|gonna|I\s+shall|I['’]d)\s+(?:\w+\s+){0,8}?"
    r"(?:kill|hurt|punch|smash\s+(?:your|you|his|her|the\s+\w+['’]s)|beat\s+(?:you|the|him)|"
    r"batter|stab|shoot|drag\s+(?:\w+(?:['’]\w*)?\s+){0,3}out|strangle|burn\s+(?:\w+\s+)?down|"
    r"wring|knock\s+your|break\s+your|find\s+(?:you|where\s+you))\b",
    r"\byou['’]ll\s+regret\s+(?:it|this)\b|\bwatch\s+your\s+back\b|\bor\s+else\s*(?:[.!]|$)",
    r"\byou(?:['’]re|\s+are|\s+r)\s+(?:a|an|such\s+an?|the\s+biggest)\s+(?:\w+\s+){0,3}?"
    + INSULT_N
    + r"\b",
    r"\byou\s+(?:really\s+|totally\s+|all\s+|guys\s+|people\s+)?suck\b|\bstfu\b|\bgtfo\b|"
    r"\b(?:go\s+)?(?:fuck|f\*+k)\s+yourself\b|\bkill\s+yourself\b|\bkys\b|"
    r"\bhope\s+you\s+(?:die|rot|burn)\b|\beat\s+shit\b|\bsuck\s+my\b|\bf-off\b|"
    r"\byou\s+(?:" + INSULT_ADJ + r"\s+){0,2}(?:dick|prick|twat|bitch|cunt|wanker)\b|"
    r"\bpiece\s+of\s+(?:shit|crap|garbage|trash)\b|"
    r"\b(?:fuck|screw)\s+(?:this|that|your)\s+(?:company|shop|store|place|business|service)\b",
    r"(?<![^\s,.!?])(?<![A-Za-z0-9'’]\s)(?:you\s+)?(?:"
    + INSULT_ADJ
    + r"\s+)*(?:idiots?|morons?|imbeciles?|"
    r"cretins?|muppets?|bastards?|a[s$]{2}holes?|arseholes?|dickheads?|pricks?|twats?|wankers?|"
    r"dumbasses?|jerks?|losers?|cunts?|tossers?|pillocks?|scumbags?)\s*(?=[.!?,]|$)",
)
SAFETY = (
    r"\b(?:caught|catch(?:es|ing)?|set\s+(?:\w+\s+){0,3}?on)\s+fire\b|\bon\s+fire\b|"
    r"\bburst\s+into\s+flames\b|\bflames?\b|\bfire\s+(?:hazard|risk)\b|\bstarted\s+a\s+fire\b",
    r"\b(?:start(?:ed|s)?\s+smoking|smok(?:ing|ed)\s+(?:from|out|badly)|smoke\s+(?:came|coming|"
    r"pouring|billowing|started|everywhere|from))\b|\bfull\s+of\s+smoke\b",
    r"\bspark(?:s|ing|ed)\b|\bshatter(?:ed|s|ing)\b|\bexplod(?:ed|es|ing)\b|\bexplosion\b|\bblew\s+up\b",
    r"\belectric(?:al)?\s+shocks?\b|\belectrocut\w*|\b(?:gave|giving|gives)\s+(?:me|him|her|us|"
    r"my\s+\w+)\s+(?:a|an)\s+(?:\w+\s+)?shock\b|\bshocked\s+(?:me|him|her|my)\b",
    r"\b(?:burn(?:ed|t|s)?|scald(?:ed|s)?|blister(?:ed|s)?)\s+(?:(?:my|his|her|their|our|the)\s+)?"
    r"(?:\w+['’]s\s+)?(?:\w+\s+)?(?:hands?|fingers?|skin|arms?|legs?|face|mouth|tongue|palms?|"
    r"thumbs?|child|son|daughter|baby|kid|wrists?|foot|feet|lips?)\b|\b(?:severe|bad|nasty|"
    r"painful|serious)\s+burns?\b|\bgot\s+(?:badly\s+)?burn(?:ed|t)\b|\bburns?\s+(?:on|to)\s+"
    r"(?:my|his|her|their)\b",
    r"\bchok(?:e|ed|es|ing)\b|\bswallow(?:ed|ing)?\b",
    r"\ballergic\s+reaction|\banaphyla\w+|\bfood\s+poisoning\b|\b(?:made|making)\s+(?:me|us|him|"
    r"her|them|my\s+\w+)\s+(?:really\s+|very\s+)?(?:sick|ill|vomit)|\bvomit\w*|\bhospital\w*|"
    r"\b(?-i:A&E)|\bemergency\s+room\b",
    r"\b(?:smelled|smells|smelt|tasted|tastes|gone|went)\s+off\b|\bpast\s+(?:its|the|their)\s+"
    r"use[- ]by|\bmou?ldy?\b|\bmould\b|\brotten\b|\b(?:insects?|maggots?|glass|metal|plastic)\s+"
    r"(?:in|inside)\s+(?:the|my)\s+(?:food|meal|box|pack|sandwich|salad|drink)",
    r"\b(?:cut|sliced|gashed)\s+(?:my|his|her|their)\s+(?:\w+\s+)?(?:hands?|fingers?|thumbs?|arms?|"
    r"legs?|foot|feet|palms?)\b|\bsharp\s+edges?\b|\bshards?\b",
    r"\binjur(?:y|ies|ed|ing)\b|\bhurt\s+(?:myself|himself|herself|themselves|my|his|her)\b|"
    r"\b(?:someone|somebody|anyone|a\s+child|a\s+kid|my\s+\w+)\s+(?:gets?|got|could\s+get|will\s+get|"
    r"getting)\s+(?:\w+\s+)?(?:hurt|injured|killed)\b|\bcould\s+have\s+(?:been\s+)?(?:killed|hurt|"
    r"injured)\b|\bnearly\s+(?:killed|died|lost)\b|\bbleeding\b|\bstitches\b",
    r"\b(?:dangerous|unsafe|hazard(?:ous)?|safety\s+(?:issue|risk|hazard|concern|problem|recall)|"
    r"death\s+trap|risk\s+of\s+(?:fire|injury|shock|electrocution))\b",
    r"\boverheat\w*|\btoo\s+hot\s+to\s+(?:touch|hold)\b|\b(?:gets?|got|getting|became|becomes|"
    r"is|was)\s+(?:extremely\s+|really\s+|very\s+|so\s+|dangerously\s+|scorching\s+|incredibly\s+|"
    r"burning\s+)hot\b|\bmelt(?:ed|ing|s)\b",
    r"\b(?:gas|carbon\s+monoxide)\s+leak\w*|\bsmell\s+of\s+gas\b|\bleaking\s+gas\b",
    r"\b(?:battery|batteries)\b[^.!?]{0,40}?\b(?:swell\w*|swollen|bulg\w*|leak\w*|hiss\w*|"
    r"puff\w*)|\b(?:swollen|bulging|puffed[- ]up)\s+batter(?:y|ies)\b",
    r"\b(?:railings?|balcony|banisters?|stairs?|ladder|bunk|cot|crib|car\s+seat|brakes?|"
    r"high\s+chair)\b[^.!?]{0,60}?\b(?:wobbl\w*|gave\s+way|collaps\w*|snapped|failed|came\s+loose)"
    r"|\bcollaps(?:ed|ing)\s+(?:on|under)\b|\bfell\s+(?:on|onto)\s+(?:me|my|him|her)\b|"
    r"\b(?:tipped|toppled)\s+over\b",
)
REPEAT = (
    r"\b(?:the|my|our|this\s+is\s+the)\s+"
    + ORDINAL
    + r"\s+(?:\w+\s+)?"
    + CONTACT_NOUN
    + r"\b(?!\s+(?:address|account))",
    r"(?<![^\s.!?:])(?<![A-Za-z0-9,;]\s)"
    + ORDINAL
    + r"\s+(?:\w+\s+)?"
    + CONTACT_NOUN
    + r"\b(?!\s+(?:address|account))",
    r"\b" + ORDINAL + r"\s+time\s+(?:\w+\s+){0,3}?(?:I|we)(?:['’]m|['’]ve|\s+am|\s+have)?\s+"
    r"(?:\w+\s+)?" + CONTACT_VERB,
    r"\b" + CONTACT_VERB + r"\s+(?:\w+\s+){0,6}?(?:" + COUNT + r"\s+(?:separate\s+)?times|twice|"
    r"again|repeatedly|already|previously|last\s+(?:week|month|time)|earlier)\b",
    r"\b" + ORDINAL + r"\s+(?:time|attempt)\s+(?:writing|asking|calling|emailing|chasing|"
    r"contacting|trying|complaining|messaging)\b",
    r"\balready\s+(?:" + CONTACT_VERB + r"|told|explained|sent|reported|provided|given)",
    r"\bfollow(?:ing)?[- ]up\s+(?:on|about|regarding|re|with|again)\b|\bjust\s+following\s+up\b|"
    r"\bchasing\s+(?:this|my|up|again|you)\b|\bchase\s+(?:this\s+)?up\b",
    r"\bstill\s+(?:no|not|haven['’]?t|hasn['’]?t|waiting\s+for|waiting\s+on)\s+(?:\w+\s+){0,3}?"
    r"(?:answer|reply|response|call\s*back|word|heard)",
    r"\b(?:my|our|the)\s+(?:last|previous|earlier|prior|original|first)\s+(?:\w+\s+)?"
    + CONTACT_NOUN
    + r"\b",
    r"\b(?:no\s+one|nobody|none\s+of\s+you|you)\s+(?:has|have|had|ever)?\s*(?:yet\s+)?(?:answered|"
    r"replied|responded|got\s+back|gotten\s+back|called\s+(?:me\s+)?back|returned\s+my)",
    r"\b(?:emails|messages|letters|calls|complaints|requests|tickets|voicemails)\s+"
    r"(?:have\s+|has\s+)?(?:all\s+)?(?:gone|went|remain|been\s+left|been)\s+(?:\w+\s+)?unanswered"
    r"|\bunanswered\s+(?:emails|messages|calls|letters)\b",
    r"\b(?:have|has|had|['’]ve)\s+(?:had\s+|received\s+|got(?:ten)?\s+)?(?:no|not\s+(?:had|"
    r"received|got(?:ten)?)\s+a(?:ny)?)\s+(?:\w+\s+)?(?:reply|response|answer|call\s*back|word)",
    r"\bas\s+I\s+(?:\w+\s+)?(?:explained|said|mentioned|told|stated|wrote|noted|pointed\s+out)\b",
    r"\b(?:each|every)\s+time\s+(?:I|we)\s+(?:call|ring|phone|write|email|contact|chat|ask)",
    r"\b(?:both|all\s+\w+|several|many)\s+times\s+(?:I|we)\s+(?:asked|called|wrote|rang|emailed)",
    r"\byou\s+(?:said|promised|told\s+me)\s+(?:\w+\s+){0,3}?(?:would|will|['’]d)\s+(?:call|ring|"
    r"get\s+back|email|contact|reply|respond|phone)|\bpromised\s+(?:me\s+)?(?:a\s+)?call\s*back\b",
    r"\bonce\s+again\s+(?:I|we)\b|\bnot\s+the\s+first\s+time\s+(?:I|we)\b|\bwriting\s+again\b",
    r"\b(?:I|we)\s+(?:asked|requested|wrote|emailed|called|rang|phoned|contacted|complained|"
    r"raised|reported)\b[^.!?;]{0,60}?\b(?:(?:on|since)\s+(?:the\s+)?(?:\d{1,2}(?:st|nd|rd|th)?\s+"
    + MONTH
    + r"|"
    + MONTH
    + r"\s+\d|\d{1,2}/\d)|\d+\s+(?:days|weeks|months)\s+ago|(?:two|three|"
    r"four|five|six|a\s+few|several)\s+(?:days|weeks|months)\s+ago)",
    r"\b(?:I|we)\s+(?:reported|raised|mentioned|complained\s+about|flagged)\s+(?:it|this|the\s+\w+)"
    r"\s+(?:\w+\s+){0,2}?to\s+(?:reception|the\s+(?:staff|front\s+desk|driver|engineer|shop|"
    r"store|branch|technician|agent|team)|your|customer\s+service|support)",
)
