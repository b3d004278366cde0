"""Imports point down the stack: marketplace <- sellers <- orders <- payouts <- campaigns <- mailings <- analytics.

Every import statement of every module counts, those inside functions included (a lazy import is
still a dependency). The core's URL wiring is the one place that names the apps above it.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STACK = ["marketplace", "sellers", "orders", "payouts", "campaigns", "mailings", "analytics"]
URL_WIRING = {"marketplace/urls.py", "marketplace/api_urls.py", "marketplace/page_urls.py"}


def _modules():
    for app in STACK:
        for path in sorted((ROOT / app).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "/migrations/" not in relative and relative not in URL_WIRING:
                yield app, relative


def _imported_apps(source: str) -> set[tuple[str, int]]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        found.update((name.split(".")[0], node.lineno) for name in names if name.split(".")[0] in STACK)
    return found


def upward_imports(app: str, source: str) -> list[str]:
    rank = STACK.index(app)
    return [f"{target} (line {line})" for target, line in _imported_apps(source) if STACK.index(target) > rank]


@pytest.mark.parametrize(("app", "module"), list(_modules()), ids=lambda value: value)
def test_no_module_imports_an_app_above_its_own(app, module):
    assert upward_imports(app, (ROOT / module).read_text()) == []


def test_the_check_sees_imports_inside_functions():
    lazy = "def price():\n    from campaigns.models import Campaign\n    return Campaign\n"
    assert upward_imports("orders", lazy) == ["campaigns (line 2)"]
    assert upward_imports("analytics", lazy) == []


def test_no_file_of_application_code_is_over_400_lines():
    """Small modules whose names say what they hold; data tables and migrations are the exceptions."""
    long = [
        module
        for _, module in _modules()
        if not module.endswith("_data.py") and len((ROOT / module).read_text().splitlines()) > 400
    ]
    assert long == []
