"""The import contracts of pyproject.toml ([tool.importlinter]: layers, no cycles between apps, sub-apps above
their parent) hold, and src/tdkt keeps at most 10 imports inside functions, each saying why on its line
(docs/architecture.md, "Layers and import contracts")."""

import ast
from pathlib import Path

from importlinter import api  # noqa: F401 - configures import-linter (as the lint-imports command does)
from importlinter.application import use_cases

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "tdkt"
MAX_FUNCTION_IMPORTS = 10


def test_import_contracts_are_kept(capsys):
    kept = use_cases.lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_logo=True, cache_dir=None)
    assert kept, capsys.readouterr().out


def function_imports(path: Path) -> list[tuple[int, str]]:
    """(line number, line) of each import statement inside a function (or lambda) of the file."""
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []

    def visit(node, in_function):
        for child in ast.iter_child_nodes(node):
            if in_function and isinstance(child, ast.Import | ast.ImportFrom):
                found.append((child.lineno, lines[child.lineno - 1]))
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    visit(ast.parse(source, filename=str(path)), False)
    return found


def all_function_imports() -> list[str]:
    return [f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
            for path in sorted(SRC.rglob("*.py")) if "migrations" not in path.parts
            for number, line in function_imports(path)]


def test_few_imports_inside_functions_each_with_its_reason():
    imports = all_function_imports()
    assert len(imports) <= MAX_FUNCTION_IMPORTS, "\n".join(imports)
    assert [line for line in imports if "#" not in line] == []


def test_the_walk_finds_imports_inside_functions(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\n\ndef f():\n    import json  # why\n    return lambda: __import__('x')\n"
                      "\nclass C:\n    def g(self):\n        from os import path\n")
    assert function_imports(module) == [(4, "    import json  # why"), (9, "        from os import path")]
