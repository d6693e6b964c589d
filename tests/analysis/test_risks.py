"""Table-driven risk cases written for this project (not taken from the dev set)."""

from __future__ import annotations

import pytest

from disputedesk.analysis import analyze

L, C, P, R = "legal_threat", "chargeback_threat", "public_review_threat", "regulator_complaint"
X, M, A = "cancellation_threat", "manager_request", "abusive_language"
S, T = "safety_issue", "repeat_contact"

CASES: list[tuple[str, set[str]]] = [
    # legal
    ("I am going to sue you for every penny.", {L}),
    ("Expect to hear from my solicitor next week.", {L}),
    ("We have instructed a lawyer and will be filing a lawsuit.", {L}),
    ("I'll take you to the small claims court if this isn't sorted.", {L}),
    ("I'm not going to sue anyone, I just want the part.", set()),
    ("Do I need a lawyer to get my deposit back?", set()),
    ("My brother said I should get a lawyer involved.", set()),
    ("I was thinking about legal action but honestly I can't be bothered.", set()),
    ("The court date for my hearing is on the 9th, can you deliver on the 10th?", set()),
    ("I complained to the attorney general.", {R}),
    # chargeback
    ("I'm going to ask my bank to reverse the charge.", {C}),
    ("Fine. I'll file a chargeback with Amex tomorrow.", {C}),
    ("I have raised a dispute with Klarna for the unpaid balance.", {C}),
    ("Refund me by Monday or I'm disputing the transaction with my card issuer.", {C}),
    ("I don't want to involve my bank, I'd rather sort it with you.", set()),
    ("Is a chargeback possible if the seller never responds?", set()),
    ("If I dispute it with PayPal, will my account be frozen?", set()),
    ("My bank holiday plans are ruined because the parcel didn't come.", set()),
    ("I will be stopping the payment on this invoice.", {C}),
    # public review
    ("I'm writing a one-star review on Google as we speak.", {P}),
    ("Everyone on my Facebook page is going to hear about this.", set()),
    ("I'll be sharing this on Twitter and tagging you.", {P}),
    ("Going to the local newspaper with this story.", {P}),
    ("I won't be posting anything online, I just want a fix.", set()),
    ("My friend said I should post a review about it.", set()),
    ("I read your reviews on Trustpilot before I ordered.", set()),
    ("Should I leave a review once it's fixed?", set()),
    # regulator
    ("I've lodged a complaint with the Financial Ombudsman.", {R}),
    ("I'll be reporting you to Trading Standards this afternoon.", {R}),
    ("Next step is a complaint to the CFPB.", {R}),
    ("I contacted the Better Business Bureau yesterday.", {R}),
    ("I'm not going to bother with the ombudsman.", set()),
    ("Would the BBB be able to help with this?", set()),
    ("My neighbour reckons I should report you to Ofcom.", set()),
    # cancellation
    ("Close my account today please.", {X}),
    ("I'm cancelling my membership effective immediately.", {X}),
    ("We are taking our business elsewhere.", {X}),
    ("I will never order from you again.", {X}),
    ("I'm switching to a competitor as soon as my contract allows.", {X}),
    ("I cancelled my plan in March but you billed me again in April.", set()),
    ("I don't want to cancel, I just want the fault fixed.", set()),
    ("How do I change my plan to the annual one?", set()),
    ("Please don't close my account, I need it for work.", set()),
    # manager
    ("Put me through to your supervisor, please.", {M}),
    ("Can I speak to a manager?", {M}),
    ("I'd like this escalated to someone senior.", {M}),
    ("I need to talk to whoever is in charge.", {M}),
    ("My account manager is on holiday, who else can approve the order?", set()),
    ("I don't need a manager, you've been very helpful.", set()),
    ("The store manager told me to email you.", set()),
    # abusive
    ("You are a bunch of clueless clowns.", {A}),
    ("Your staff are liars and thieves.", {A}),
    ("Shut up and fix it.", {A}),
    ("Are you people stupid or just lazy?", {A}),
    ("This stupid box won't open.", set()),
    ("This bloody kettle has broken again.", set()),
    ("I know you're doing your best and I'm not blaming you.", set()),
    ("I'll come round and smash your windows.", {A}),
    # safety
    ("The toaster burst into flames on the counter.", {S}),
    ("My daughter had an allergic reaction after eating it, nuts weren't on the label.", {S}),
    ("The extension lead gave me an electric shock.", {S}),
    ("The glass shelf shattered and there are shards everywhere.", {S}),
    ("The battery is burning through its charge too fast.", set()),
    ("The fire pit arrived in perfect condition.", set()),
    ("It is not dangerous, just annoying.", set()),
    ("The kettle overheats and trips the fuse.", {S}),
    # repeat contact
    ("This is my fifth email about this.", {T}),
    ("I already called twice last week.", {T}),
    ("Still no reply to my message from Monday.", {T}),
    ("I'm following up on ticket 88213.", {T}),
    ("As I said in my previous email, the size is wrong.", {T}),
    ("Nobody has replied to any of my messages.", {T}),
    ("This is the first time I've contacted you.", set()),
    ("Second parcel in a row that arrived late.", set()),
    # combinations and clean text
    (
        "Third time writing. If it isn't refunded by Friday I'm contacting my lawyer "
        "and leaving a review on Trustpilot.",
        {T, L, P},
    ),
    ("Hi, could you tell me when my order will ship? Thanks.", set()),
    ("Thank you, the replacement arrived and works perfectly.", set()),
    ("I love the new design, great work!", set()),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_risk_cases(text: str, expected: set[str]) -> None:
    a = analyze(text)
    assert a.risk_kinds == expected
    for r in a.risks:
        assert a.pii_masked_text[r.start : r.end] == r.evidence


def test_case_table_is_large_enough() -> None:
    assert len(CASES) + len(MORE_CASES) >= 80


MORE_CASES: list[tuple[str, set[str]]] = [
    ("I've reported this to the consumer protection agency.", {R}),
    ("Unless I hear back by noon, this is going up on Reddit.", {P}),
    ("I'd like to speak with your team leader please.", {M}),
    ("You absolute muppets, how hard can it be?", {A}),
    ("The chair collapsed under my dad and he hurt his back.", {S}),
    ("I emailed you on 3 May and nobody answered.", {T}),
    ("Shall I contact my bank or can you refund it directly?", set()),
    ("I might cancel, I haven't decided yet.", set()),
    ("Third email! Where is my refund?", {T}),
    ("My second email address is on the account.", set()),
    ("My solicitor friend reckons I have a case but I'd rather sort it out.", set()),
    ("I will be speaking to Trading Standards tomorrow.", {R}),
    ("The battery swelled up and the case popped open.", {S}),
    ("You lot are a disgrace.", {A}),
]


@pytest.mark.parametrize(("text", "expected"), MORE_CASES, ids=[c[0][:40] for c in MORE_CASES])
def test_more_risk_cases(text: str, expected: set[str]) -> None:
    assert analyze(text).risk_kinds == expected
