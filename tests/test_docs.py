"""The generated reference pages match the code (house rule 2: docs come from the rules).

`docs/rules/` and `docs/packs/` are written by `scripts/gen_docs.py` from the rule registry,
the rules' docstrings and the built-in packs. A rule added, a docstring or a pack changed
without regenerating them fails here, and so does a page left behind for a rule that no
longer exists.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from mailwarden.rules.base import DOC_SECTIONS
from mailwarden.rules.registry import all_rules

ROOT = Path(__file__).resolve().parent.parent
FIX = "run `.venv/bin/python scripts/gen_docs.py` and commit the result"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_docs", ROOT / "scripts" / "gen_docs.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("gen_docs", module)
    spec.loader.exec_module(module)
    return module


gen_docs = _load_generator()


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return gen_docs.generate()


def test_generated_docs_are_up_to_date(generated: dict[str, str]) -> None:
    differing = [
        path
        for path, content in generated.items()
        if not (ROOT / path).is_file() or (ROOT / path).read_text(encoding="utf-8") != content
    ]
    assert not differing, f"generated docs are stale: {', '.join(differing)}; {FIX}"


def test_no_page_for_a_rule_that_no_longer_exists() -> None:
    pages = {p.stem for p in (ROOT / "docs" / "rules").glob("*.md") if p.name != "README.md"}
    gone = sorted(pages - set(all_rules()))
    assert not gone, f"docs/rules has pages for rules that do not exist: {gone}; {FIX}"


def test_no_stray_files_in_the_generated_folders(generated: dict[str, str]) -> None:
    stray = sorted(set(gen_docs.stale(ROOT, generated)) - set(generated))
    assert not stray, f"files the generator does not write: {stray}; {FIX}"


def test_every_rule_has_a_page_with_every_docstring_section(generated: dict[str, str]) -> None:
    for name in all_rules():
        page = generated.get(f"docs/rules/{name}.md")
        assert page is not None, f"{name}: no page generated"
        missing = [s for s in DOC_SECTIONS if f"\n## {s}\n" not in page]
        assert not missing, f"{name}: page lacks sections {missing}"
        assert f"]({name}.md)" in generated["docs/rules/README.md"], f"{name}: not in the index"


def test_output_is_deterministic(generated: dict[str, str]) -> None:
    assert gen_docs.generate() == generated


def test_stale_names_changed_and_left_over_files_and_write_fixes_them(tmp_path: Path) -> None:
    files = {"docs/rules/README.md": "new\n", "docs/packs/README.md": "same\n"}
    (tmp_path / "docs" / "packs").mkdir(parents=True)
    (tmp_path / "docs" / "packs" / "README.md").write_text("same\n", encoding="utf-8")
    (tmp_path / "docs" / "rules").mkdir(parents=True)
    (tmp_path / "docs" / "rules" / "old-rule.md").write_text("gone\n", encoding="utf-8")
    assert gen_docs.stale(tmp_path, files) == ["docs/rules/README.md", "docs/rules/old-rule.md"]
    assert not (tmp_path / "docs" / "rules" / "README.md").exists()
    assert gen_docs.write(tmp_path, files) == ["docs/rules/README.md", "docs/rules/old-rule.md"]
    assert (tmp_path / "docs" / "rules" / "README.md").read_text(encoding="utf-8") == "new\n"
    assert not (tmp_path / "docs" / "rules" / "old-rule.md").exists()
    assert gen_docs.stale(tmp_path, files) == []
