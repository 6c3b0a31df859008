"""The seams between features, checked on the real app and the source (no database).

- One blueprint per feature, registered in ``create_app``: ``bp`` in ``<feature>/views.py``
  (the attempts JSON API's ``bp`` in ``attempts/api.py``), named after the feature.
- Every route lives in a module of its blueprint's feature: no feature adds routes to
  another's blueprint.
- No module imports another feature's route modules (views, api, ... : every module that
  defines a view function or a blueprint); only ``create_app`` (``contest/__init__.py``) does.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

from contest import create_app

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("contest", "question_bank")
BLUEPRINT_MODULES = {"views", "api"}  # where a feature declares its blueprint
WIRING = "contest"  # contest/__init__.py: create_app registers every feature's blueprint


@pytest.fixture(scope="module")
def app():
    return create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def feature_of(module: str) -> str | None:
    """``contest.judging.views`` -> ``contest.judging``; ``question_bank.x`` -> ``question_bank``;
    ``contest`` itself and its top-level modules (``contest.navigation``) belong to no feature."""
    parts = module.split(".")
    if parts[0] == "question_bank":
        return "question_bank"
    if parts[0] == "contest" and len(parts) >= 3:
        return ".".join(parts[:2])
    return None


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


def imported(source: str) -> set[str]:
    """Every module an import statement anywhere in ``source`` may name (lazy ones too):
    ``from a.b import c`` names ``a.b`` and ``a.b.c``."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def route_modules(app) -> set[str]:
    """Modules defining a view function or declaring a blueprint."""
    found = {view.__module__ for view in app.view_functions.values()}
    found.update(bp.import_name for bp in app.blueprints.values())
    found.discard("flask.app")  # the static route
    return found


def foreign_view_imports(module: str, source: str, views: set[str]) -> list[str]:
    """Route modules of other features that ``module`` imports."""
    if module == WIRING:
        return []
    own = feature_of(module)
    return sorted(name for name in imported(source)
                  if name in views and feature_of(name) != own)


def test_every_blueprint_belongs_to_one_feature(app):
    by_feature: dict[str, list[str]] = defaultdict(list)
    for name, bp in app.blueprints.items():
        feature = feature_of(bp.import_name)
        assert feature is not None, f"blueprint {name} is declared outside a feature"
        assert bp.import_name.rsplit(".", 1)[1] in BLUEPRINT_MODULES, bp.import_name
        assert name in (feature.rsplit(".", 1)[-1], feature.rsplit(".", 1)[-1] + "_api"), (
            f"blueprint {name} of {feature} is not named after its feature")
        by_feature[feature].append(name)
    html = {feature: [n for n in names if not n.endswith("_api")]
            for feature, names in by_feature.items()}
    assert all(len(names) == 1 for names in html.values()), html
    assert by_feature["contest.exports"] == ["exports"]


def test_blueprints_are_declared_only_where_create_app_finds_them(app):
    """A Blueprint(...) anywhere else would be a second way to attach routes."""
    declared = set()
    for module, path in modules().items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Blueprint"
               for node in ast.walk(tree)):
            declared.add(module)
    assert declared == {bp.import_name for bp in app.blueprints.values()}


def test_no_feature_adds_routes_to_another_features_blueprint(app):
    wrong = []
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static":
            continue
        bp = app.blueprints[rule.endpoint.rsplit(".", 1)[0]]
        module = app.view_functions[rule.endpoint].__module__
        if feature_of(module) != feature_of(bp.import_name):
            wrong.append(f"{rule.rule} ({module}) on {bp.name}")
    assert not wrong, wrong


def test_no_feature_imports_another_features_views(app):
    views = route_modules(app)
    assert {"contest.judging.views", "contest.exports.views", "contest.attempts.api",
            "contest.attempts.organiser", "question_bank.import_views"} <= views
    wrong = {module: found for module, path in modules().items()
             if (found := foreign_view_imports(module, path.read_text(encoding="utf-8"),
                                               views))}
    assert not wrong, wrong


@pytest.mark.parametrize(("module", "source"), [
    ("contest.exports.views", "from contest.judging.views import bp\n"),
    ("contest.judging.views", "from contest.exports import views as export_views\n"),
    ("contest.contests.manage",
     "def page():\n    from contest.attempts.organiser import prepared_summary\n"),
    ("contest.navigation", "import contest.reports.unit_views\n"),
])
def test_the_import_rule_catches_a_foreign_views_import(app, module, source):
    assert foreign_view_imports(module, source, route_modules(app))


def test_the_import_rule_allows_own_views_and_other_features_services(app):
    source = ("from contest.judging.views import bp\nfrom contest.judging import views_audit\n"
              "from contest.results import services\nfrom contest.audit.queries import x\n")
    assert not foreign_view_imports("contest.judging.views_audit", source, route_modules(app))
