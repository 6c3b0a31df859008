"""Run the vendored axe-core (tests/browser/vendor/axe.min.js) on a Playwright page."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.1 A/AA plus axe's best practices (landmarks, headings, region).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}


def axe_results(page) -> dict:
    """Inject axe and analyse the whole document.

    The app's CSP allows only script-src 'self', and add_script_tag injects the file inline,
    so the context running this must be made with bypass_csp=True (axe runs only there).
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})", TAGS)


def describe(violations: list[dict]) -> str:
    """One line per violating node: impact, rule, target and axe's summary."""
    lines = []
    for v in violations:
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())[:220]
            lines.append(f"[{v['impact']}] {v['id']} {node['target']}: {summary}")
        if len(v["nodes"]) > 5:
            lines.append(f"  ... and {len(v['nodes']) - 5} more {v['id']} nodes")
    return "\n".join(lines)


def blocking(results: dict) -> list[dict]:
    return [v for v in results["violations"] if v["impact"] in BLOCKING]
