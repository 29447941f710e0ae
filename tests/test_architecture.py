"""The floor plan holds: layers in pipeline order, a core without Textual, imports at the top."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "compare"


def test_the_import_contracts_in_pyproject_are_kept():
    # the contracts of [tool.importlinter]: layers, a core without textual/rich/tui, no commands
    run = subprocess.run(
        [sys.executable, "-c", "from importlinter.cli import lint_imports; raise SystemExit(lint_imports())"],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-2000:]
    assert "4 kept, 0 broken" in run.stdout


def test_the_core_type_checks():
    # [tool.mypy] in pyproject: everything but the app and the commands; kinds are types
    run = subprocess.run([sys.executable, "-m", "mypy"], cwd=ROOT, capture_output=True, text=True,
                         timeout=600)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]


def test_importing_the_core_loads_no_textual_or_rich():
    code = (
        "import sys\n"
        "import compare, compare.comparison.diff, compare.batch, compare.batch.pipeline\n"
        "import compare.boilerplate, compare.annotations, compare.presentation.html\n"
        "print(sorted(m for m in sys.modules\n"
        "             if m.split('.')[0] in ('textual', 'rich') or m.startswith('compare.tui')))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "[]"


def _function_level_imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, module, commented) of every import inside a function or class of the module."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    tree = ast.parse(source)
    found = []
    for top in tree.body:
        if isinstance(top, (ast.Import, ast.ImportFrom, ast.If, ast.Try)):
            continue  # module level (an `if`/`try` around imports is still module level)
        for node in ast.walk(top):
            if isinstance(node, ast.Import):
                module = node.names[0].name
            elif isinstance(node, ast.ImportFrom):
                module = ("." * node.level) + (node.module or "")
            else:
                continue
            here = lines[node.lineno - 1]
            above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
            found.append((node.lineno, module, "#" in here or above.startswith("#")))
    return found


def test_project_imports_sit_at_the_top_and_deferred_imports_say_why():
    problems = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for line, module, commented in _function_level_imports(path):
            where = f"{path.relative_to(ROOT)}:{line} {module}"
            if module.startswith(("compare", ".")):
                problems.append(f"{where}: a project import inside a function")
            elif not commented:
                problems.append(f"{where}: a deferred import without a comment saying why")
    assert problems == []
