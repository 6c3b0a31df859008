"""Find user-facing text that does not go through Flask-Babel.

Templates: text between tags, the ``title``/``aria-label``/``placeholder``/``alt`` attributes and
Jinja string literals must come from ``_()`` / ``gettext`` / ``ngettext`` or a ``{% trans %}``
block. Python: a string literal with Vietnamese letters must be an argument of ``_``, ``_l``,
``gettext``, ``lazy_gettext``, ``ngettext`` or ``lazy_ngettext``, unless its module holds
documents or data rather than UI (``EXEMPT_PY``) or it sits in a module-level UPPER_CASE constant
(header aliases and the like; UI text there is wrapped in ``_l`` by hand).

Run ``python tests/i18n_check.py [paths...]`` to list what is left; ``tests/test_i18n.py`` asserts
nothing is.
"""

from __future__ import annotations

import ast
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

from jinja2 import Environment

ROOT = Path(__file__).resolve().parent.parent
VI_LETTERS = re.compile(
    "[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE
)
WORD = re.compile(r"[^\W\d_]{2,}")
# ``N_`` marks a name for the catalogue, translated later (contest.vocabulary).
GETTEXT_NAMES = {"_", "_l", "N_", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext",
                 "pgettext"}
TEXT_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}
# Words that are the same in both languages or deliberately untranslated (a language's own name).
# "CCHC" is the brand mark (aria-hidden), the same in both languages.
ALLOWED_WORDS = {"English", "Tiếng", "Việt", "CCHC"}
MARK = "\x00"

# Modules whose Vietnamese is data or official documents, not UI: demo content, command-line
# output, the spreadsheets and PDFs handed to the authorities, and the import template.
EXEMPT_PY = (
    "contest/demo/",
    "contest/exports/builders.py",
    "contest/exports/writers.py",
    "contest/certificates/pdf.py",
    "contest/printing/sheets.py",  # the invitation sheets units print
    "question_bank/exporting.py",
)


def _is_exempt(path: Path) -> bool:
    rel = path.relative_to(ROOT).as_posix()
    return rel.endswith("cli.py") or any(rel.startswith(prefix) for prefix in EXEMPT_PY)


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if name in TEXT_ATTRIBUTES and value:
                self._check(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self._check(data)

    def _check(self, text: str) -> None:
        for part in text.split(MARK):
            words = [w for w in WORD.findall(part) if w not in ALLOWED_WORDS]
            if words:
                self.found.append((self.getpos()[0], part.strip()))


def _allowed(text: str) -> bool:
    return all(word in ALLOWED_WORDS for word in WORD.findall(text))


def check_template(path: Path, env: Environment | None = None) -> list[str]:
    env = env or Environment(extensions=["jinja2.ext.i18n"])
    source = path.read_text(encoding="utf-8")
    problems: list[str] = []
    html: list[str] = []
    depth = 0  # parentheses inside a gettext call
    expect_paren = False
    in_trans = False
    after_block_begin = False
    for lineno, kind, value in env.lex(source):
        if kind == "data":
            # Jinja's line numbers are kept by padding the reconstructed HTML with newlines.
            html.append(value if not in_trans else MARK + "\n" * value.count("\n"))
            continue
        if kind in ("variable_begin", "block_begin"):
            html.append(MARK)
            after_block_begin = kind == "block_begin"
            continue
        if after_block_begin and kind == "name":
            if value == "trans":
                in_trans = True
            elif value == "endtrans":
                in_trans = False
            after_block_begin = False
            continue
        after_block_begin = False
        if kind == "name" and value in GETTEXT_NAMES:
            expect_paren = True
            continue
        if kind == "operator" and value == "(":
            if expect_paren or depth:
                depth += 1
            expect_paren = False
            continue
        expect_paren = False
        if kind == "operator" and value == ")" and depth:
            depth -= 1
            continue
        if kind == "string" and not depth and VI_LETTERS.search(value) and not _allowed(value):
            problems.append(f"{path.relative_to(ROOT)}:{lineno}: string {value!r}")
    collector = _TextCollector()
    collector.feed("".join(html))
    for line, text in collector.found:
        problems.append(f"{path.relative_to(ROOT)}:~{line}: text {text[:60]!r}")
    return problems


def _docstring_nodes(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


def check_python(path: Path) -> list[str]:
    if _is_exempt(path):
        return []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    allowed = _docstring_nodes(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in GETTEXT_NAMES:
                for arg in node.args:
                    allowed.update(id(n) for n in ast.walk(arg))
    for stmt in tree.body if isinstance(tree, ast.Module) else []:
        targets = []
        if isinstance(stmt, ast.Assign):
            targets = stmt.targets
        elif isinstance(stmt, ast.AnnAssign):
            targets = [stmt.target]
        if targets and all(isinstance(t, ast.Name) and t.id.isupper() for t in targets):
            allowed.update(id(n) for n in ast.walk(stmt))
    problems = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in allowed
            and VI_LETTERS.search(node.value)
            and WORD.search(node.value)
        ):
            problems.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
    return problems


def find_problems(paths: list[Path] | None = None) -> list[str]:
    paths = paths or [ROOT / "templates", ROOT / "contest", ROOT / "question_bank"]
    problems: list[str] = []
    env = Environment(extensions=["jinja2.ext.i18n"])
    for base in paths:
        files = [base] if base.is_file() else sorted(base.rglob("*"))
        for file in files:
            if file.suffix == ".html":
                problems += check_template(file, env)
            elif file.suffix == ".py":
                problems += check_python(file)
    return problems


if __name__ == "__main__":
    args = [Path(a).resolve() for a in sys.argv[1:]]
    found = find_problems(args or None)
    print("\n".join(found))
    print(f"{len(found)} untranslated", file=sys.stderr)
    sys.exit(1 if found else 0)
