"""Loading policy YAML: valid packs, and malformed texts with the exact error a user sees."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from disputedesk.policies import (
    PolicyError,
    PolicySet,
    load_default_policy,
    load_policy_dir,
    load_policy_file,
    load_policy_text,
    load_upgrade,
    policy_fingerprint,
)

PACK = Path(__file__).parents[2] / "disputedesk" / "policies" / "packs" / "demo_shop.yaml"

HEADER = """\
name: demo-shop
version: 2
currency: USD
clauses:
"""

GOOD_CLAUSE = """\
  - id: goodwill
    title: Goodwill
    text: A small credit as an apology.
    remedy: goodwill_credit
    limits: {agent: 1000, supervisor: 5000}
"""


def _errors(text: str, source: str = "shop.yaml") -> list[str]:
    with pytest.raises(PolicyError) as caught:
        load_policy_text(textwrap.dedent(text), source=source)
    return [str(issue) for issue in caught.value.issues]


MALFORMED: list[tuple[str, str, list[str]]] = [
    (
        "syntax-error",
        HEADER + "  - id: a\n    title: A\n     text: oops\n",
        ["shop.yaml:7: YAML syntax error: mapping values are not allowed here"],
    ),
    (
        "unclosed-flow-mapping",
        HEADER + "  - id: a\n    limits: {agent: 100\n",
        ["shop.yaml:7: YAML syntax error: expected ',' or '}', but got '<stream end>'"],
    ),
    (
        "wrong-type-days",
        HEADER + GOOD_CLAUSE + "    conditions:\n      max_days_since_delivery: thirty\n",
        [
            "shop.yaml:11: clauses[0].conditions.max_days_since_delivery: "
            "must be a non-negative whole number of days"
        ],
    ),
    (
        "wrong-type-bool",
        HEADER + GOOD_CLAUSE + "    conditions:\n      within_warranty: sometimes\n",
        ["shop.yaml:11: clauses[0].conditions.within_warranty: must be true or false"],
    ),
    (
        "unknown-remedy",
        HEADER + GOOD_CLAUSE.replace("goodwill_credit", "cash_bonus"),
        [
            "shop.yaml:8: clauses[0].remedy: unknown remedy 'cash_bonus'; expected one of: "
            "refund_full, refund_partial, replacement, repair, store_credit, goodwill_credit, "
            "explanation"
        ],
    ),
    (
        "duplicate-clause-id",
        HEADER + GOOD_CLAUSE + GOOD_CLAUSE,
        [
            "shop.yaml:10: clauses[1].id: duplicate clause id 'goodwill' "
            "(first defined at shop.yaml:5)"
        ],
    ),
    (
        "negative-limit",
        HEADER + GOOD_CLAUSE.replace("agent: 1000", "agent: -5"),
        [
            "shop.yaml:9: clauses[0].limits.agent: must be a non-negative integer (minor units) "
            'or "unlimited"'
        ],
    ),
    (
        "decimal-limit",
        HEADER + GOOD_CLAUSE.replace("supervisor: 5000", "supervisor: 50.00"),
        [
            "shop.yaml:9: clauses[0].limits.supervisor: must be a non-negative integer (minor "
            'units) or "unlimited"'
        ],
    ),
    (
        "unknown-role",
        HEADER + GOOD_CLAUSE.replace("supervisor: 5000", "director: 5000"),
        [
            "shop.yaml:9: clauses[0].limits.director: unknown role or limit 'director'; roles are "
            "agent, supervisor, manager, admin and limits are max_amount_minor, "
            "max_percent_of_order"
        ],
    ),
    (
        "higher-role-smaller-limit",
        HEADER + GOOD_CLAUSE.replace("supervisor: 5000", "supervisor: 500"),
        [
            "shop.yaml:9: clauses[0].limits.supervisor: must be at least the agent limit (1000); "
            "a higher role never has less authority"
        ],
    ),
    (
        "misspelt-condition",
        HEADER + GOOD_CLAUSE + "    conditions:\n      max_days_since_delivry: 30\n",
        [
            "shop.yaml:11: clauses[0].conditions.max_days_since_delivry: unknown field; did you "
            "mean 'max_days_since_delivery'?"
        ],
    ),
    (
        "missing-text",
        HEADER + "  - id: a\n    title: A\n    remedy: explanation\n",
        ["shop.yaml:5: clauses[0].text: is required"],
    ),
    (
        "no-limits-for-money",
        HEADER + "  - id: a\n    title: A\n    text: T\n    remedy: refund_full\n",
        [
            "shop.yaml:5: clauses[0].limits: must give at least one role (agent, supervisor, "
            "manager, admin) a limit"
        ],
    ),
    (
        "goodwill-without-ceiling",
        HEADER + GOOD_CLAUSE.replace("supervisor: 5000", "supervisor: unlimited"),
        [
            "shop.yaml:9: clauses[0].limits: goodwill_credit needs a ceiling: set "
            "max_amount_minor or max_percent_of_order, or give the highest role a number"
        ],
    ),
    (
        "float-version-and-bad-currency",
        HEADER.replace("version: 2", "version: 2.1").replace("USD", "usd") + GOOD_CLAUSE,
        [
            'shop.yaml:2: version: must be a string or a whole number; quote it, e.g. "2026.1"',
            "shop.yaml:3: currency: must be a three-letter ISO code such as USD",
        ],
    ),
    (
        "no-clauses",
        HEADER + "  []\n",
        ["shop.yaml:4: clauses: must list at least one clause"],
    ),
    (
        "duplicate-yaml-key",
        HEADER + GOOD_CLAUSE.replace("supervisor: 5000", "agent: 2000"),
        ["shop.yaml:9: duplicate key 'agent'"],
    ),
    (
        "not-a-mapping",
        "- just\n- a list\n",
        [
            "shop.yaml:1: a policy document must be a mapping with name, version, currency and "
            "clauses"
        ],
    ),
    ("empty", "# nothing here\n", ["shop.yaml:1: no policy document found"]),
    (
        "python-tag-rejected",
        HEADER + "  - !!python/object:os.system {}\n",
        [
            "shop.yaml:5: YAML syntax error: could not determine a constructor for the tag "
            "'tag:yaml.org,2002:python/object:os.system'"
        ],
    ),
    (
        "expiry-before-start",
        HEADER.replace("clauses:", "effective_from: 2026-02-01\nexpires_at: 2026-01-01\nclauses:")
        + GOOD_CLAUSE,
        ["shop.yaml:5: expires_at: must be after effective_from"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), [pytest.param(t, e, id=i) for i, t, e in MALFORMED])
def test_malformed_policy_reports_file_line_and_field(text: str, expected: list[str]) -> None:
    assert _errors(text) == expected


def test_error_string_joins_every_issue() -> None:
    text = HEADER.replace("USD", "usd") + GOOD_CLAUSE.replace("agent: 1000", "agent: -1")
    with pytest.raises(PolicyError) as caught:
        load_policy_text(text, source="shop.yaml")
    assert str(caught.value).splitlines() == [
        "shop.yaml:3: currency: must be a three-letter ISO code such as USD",
        "shop.yaml:9: clauses[0].limits.agent: must be a non-negative integer (minor units) or "
        '"unlimited"',
    ]


def test_default_pack_loads_with_name_version_and_fingerprint() -> None:
    policy = load_default_policy()
    text = PACK.read_text(encoding="utf-8")
    assert policy.label == "demo-shop v1"
    assert policy.fingerprint == policy_fingerprint(text)
    assert len(policy.fingerprint) == 64
    assert policy.sources == ("demo_shop.yaml",)
    assert load_policy_file(PACK) == policy


def test_fingerprint_changes_with_any_edit() -> None:
    text = PACK.read_text(encoding="utf-8")
    assert policy_fingerprint(text) != policy_fingerprint(text + "\n")


def test_multi_document_text_merges_into_one_policy() -> None:
    second = HEADER + GOOD_CLAUSE.replace("id: goodwill", "id: goodwill-2")
    policy = load_policy_text(HEADER + GOOD_CLAUSE + "---\n" + second, source="two.yaml")
    assert [clause.id for clause in policy.clauses] == ["goodwill", "goodwill-2"]


def test_documents_of_one_policy_must_share_its_version(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(HEADER + GOOD_CLAUSE)
    (tmp_path / "b.yaml").write_text(
        HEADER.replace("version: 2", "version: 3") + GOOD_CLAUSE.replace("id: goodwill", "id: gw-b")
    )
    with pytest.raises(PolicyError) as caught:
        load_policy_dir(tmp_path)
    assert [str(i) for i in caught.value.issues] == [
        "b.yaml:2: version: must match the first document of the policy (2)"
    ]


def test_policy_dir_merges_files_and_finds_duplicates_across_them(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(HEADER + GOOD_CLAUSE)
    (tmp_path / "b.yml").write_text(HEADER + GOOD_CLAUSE.replace("id: goodwill", "id: other"))
    policy = load_policy_dir(tmp_path)
    assert [clause.id for clause in policy.clauses] == ["goodwill", "other"]
    assert policy.sources == ("a.yaml", "b.yml")
    (tmp_path / "c.yaml").write_text(HEADER + GOOD_CLAUSE)
    with pytest.raises(PolicyError, match=r"c\.yaml:5: clauses\[0\]\.id: duplicate clause id "):
        load_policy_dir(tmp_path)


def test_empty_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match=r"no \.yaml or \.yml files found"):
        load_policy_dir(tmp_path)


def test_yaml_anchors_and_merge_keys_are_supported() -> None:
    text = HEADER + textwrap.indent(
        textwrap.dedent(
            """\
            - id: a
              title: A
              text: T
              remedy: goodwill_credit
              limits: &caps {agent: 100, manager: 900}
            - id: b
              title: B
              text: T
              remedy: store_credit
              limits:
                <<: *caps
                supervisor: 500
            """
        ),
        "  ",
    )
    policy = load_policy_text(text, source="anchors.yaml")
    assert policy.clause("b").limits.supervisor == 500
    assert policy.clause("b").limits.manager == 900


def test_invalid_upload_never_replaces_the_valid_policy() -> None:
    current = load_default_policy()
    active: PolicySet = current
    bad = PACK.read_text(encoding="utf-8").replace("agent: 1000", "agent: lots")
    with pytest.raises(PolicyError, match=r"demo_shop_v2\.yaml:\d+: clauses\[6\]\.limits\.agent"):
        active = load_upgrade(current, bad, source="demo_shop_v2.yaml")
    assert active is current


def test_upgrade_needs_a_new_version_for_new_content() -> None:
    current = load_default_policy()
    edited = PACK.read_text(encoding="utf-8").replace("agent: 1000", "agent: 1500")
    with pytest.raises(PolicyError, match="version 1 already exists with different content"):
        load_upgrade(current, edited, source="demo_shop.yaml")
    bumped = load_upgrade(current, edited.replace("version: 1", "version: 2"), source="v2.yaml")
    assert bumped.version == "2"
    assert bumped.clause("goodwill-credit").limits.agent == 1500
    assert current.clause("goodwill-credit").limits.agent == 1000


def test_upgrade_must_keep_the_policy_name() -> None:
    current = load_default_policy()
    other = PACK.read_text(encoding="utf-8").replace("name: demo-shop", "name: other-shop")
    with pytest.raises(PolicyError, match="name: must be 'demo-shop'"):
        load_upgrade(current, other, source="x.yaml")
