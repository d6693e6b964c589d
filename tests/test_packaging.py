"""The default install carries every library the package imports (a fresh `pip install .` runs)."""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import PackageNotFoundError, packages_distributions, requires
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Imported only where an optional extra is installed, and guarded there.
OPTIONAL = {"psycopg"}


def _name(requirement: str) -> str:
    """The normalised distribution name of a requirement string."""
    found = re.match(r"[A-Za-z0-9][A-Za-z0-9._-]*", requirement)
    assert found is not None, requirement
    return re.sub(r"[-_.]+", "-", found.group()).lower()


def _runtime_closure() -> set[str]:
    """The runtime dependencies of pyproject.toml and, installed, everything they require."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    todo = [_name(r) for r in project["dependencies"]]
    seen: set[str] = set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        try:
            needs = requires(name) or []
        except PackageNotFoundError:
            continue  # a requirement for another platform (e.g. colorama on Windows)
        seen.add(name)
        for requirement in needs:
            if "extra ==" not in requirement:
                todo.append(_name(requirement))
    return seen


def _imported_top_level_modules() -> set[str]:
    """Every top-level module named by an import statement in the package."""
    modules: set[str] = set()
    for path in (ROOT / "disputedesk").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                modules.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules.add(node.module.split(".")[0])
    return modules


def test_every_imported_library_is_a_runtime_dependency() -> None:
    distributions = packages_distributions()
    closure = _runtime_closure()
    third_party = {
        module
        for module in _imported_top_level_modules()
        if module not in sys.stdlib_module_names and module not in {"disputedesk"} | OPTIONAL
    }
    missing = {
        module: distributions.get(module, ["?"])
        for module in third_party
        if not any(_name(d) in closure for d in distributions.get(module, []))
    }
    assert not missing, f"imported but not installed by `pip install .`: {missing}"


def test_the_check_sees_a_dev_only_library() -> None:
    """pytest is installed here but only by the dev extra: the closure must not contain it."""
    assert "pytest" not in _runtime_closure()
    assert "fastapi" in _runtime_closure()
