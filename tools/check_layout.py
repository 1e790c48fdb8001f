#!/usr/bin/env python3
"""Checks the package's layout: no import cycle, a short top level, no prefix-named families.

    python3 tools/check_layout.py          (from the project root; exit 1 when a check fails)

- Import cycles among the package's own modules, counting every import statement wherever it
  stands (inside functions too), found with Tarjan's strongly connected components. `from . import
  x` counts as importing the submodule x when there is one; the implicit import of a parent
  package that Python performs for `a.b.c` is not counted, as import linters do not count it.
- At most 10 modules directly in lianhuan_extract/.
- No import by string (`importlib.import_module`, `__import__`): an import a reader and this
  script cannot follow would hide a cycle.
- No extractor family spread over prefix-named files: no two modules of one folder share the part
  of their names before an underscore (dates_tokens.py beside dates_grammar.py), and no module is
  named after a sibling module or subpackage plus a suffix (dates_tokens.py beside dates.py).
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = "lianhuan_extract"
MAX_TOP_LEVEL = 10


def modules(root: Path) -> dict[str, Path]:
    """Dotted module name -> file, for every .py file of the package."""
    found = {}
    for path in sorted((root / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _is_package(name: str, files: dict[str, Path]) -> bool:
    return files[name].name == "__init__.py"


def imports_of(name: str, files: dict[str, Path]) -> set[str]:
    """The package's modules that `name` imports, anywhere in its code."""
    tree = ast.parse(files[name].read_text("utf-8"), str(files[name]))
    here = name if _is_package(name, files) else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = here.split(".")
                base_parts = base_parts[:len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            # `from pkg import sub` imports the submodule; `from mod import name` imports mod
            subs = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in files]
            targets = subs if subs and len(subs) == len(node.names) else [base] + subs
        else:
            continue
        out.update(t for t in targets if t in files and t != name)
    return out


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def string_imports(root: Path) -> list[str]:
    """Calls of importlib.import_module or __import__ in the package, as file:line."""
    found = []
    for path in sorted((root / PACKAGE).rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            if isinstance(node, ast.Call):
                func = node.func
                name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if name in ("import_module", "__import__"):
                    found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def prefix_families(root: Path) -> list[str]:
    """Folders in which modules are grouped by a shared name prefix instead of a subpackage."""
    problems = []
    for folder in sorted({p.parent for p in (root / PACKAGE).rglob("*.py")}):
        names = {p.stem for p in folder.glob("*.py")} - {"__init__", "__main__"}
        subpackages = {p.parent.name for p in folder.glob("*/__init__.py")}
        by_prefix: dict[str, list[str]] = {}
        for stem in names:
            if "_" in stem.strip("_"):
                by_prefix.setdefault(stem.strip("_").split("_")[0], []).append(stem)
        for prefix, members in sorted(by_prefix.items()):
            if len(members) > 1 or prefix in names or prefix in subpackages:
                problems.append(f"{folder.relative_to(root)}: {', '.join(sorted(members))}")
    return problems


def main(root: Path) -> int:
    files = modules(root)
    graph = {name: imports_of(name, files) for name in files}
    edges = sum(len(v) for v in graph.values())
    top = sorted(p.name for p in (root / PACKAGE).glob("*.py"))
    found_cycles = cycles(graph)
    families = prefix_families(root)
    by_string = string_imports(root)
    print(f"modules: {len(files)}, imports among them: {edges} (function-level imports included)")
    print(f"import cycles: {len(found_cycles)}")
    for component in found_cycles:
        print("  " + " <-> ".join(component))
    print(f"top-level modules: {len(top)} (at most {MAX_TOP_LEVEL}): {', '.join(top)}")
    print(f"prefix-named families: {len(families)}")
    for problem in families:
        print("  " + problem)
    print(f"imports by string: {len(by_string)}")
    for place in by_string:
        print("  " + place)
    ok = not found_cycles and len(top) <= MAX_TOP_LEVEL and not families and not by_string
    print("layout: ok" if ok else "layout: FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(__file__).resolve().parent.parent))
