"""The package's layout (tools/check_layout.py): no import cycle, a short top level, families in folders."""
import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("check_layout", ROOT / "tools" / "check_layout.py")
check_layout = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(check_layout)


def test_the_package_has_no_import_cycle():
    files = check_layout.modules(ROOT)
    graph = {name: check_layout.imports_of(name, files) for name in files}
    assert check_layout.cycles(graph) == []


def test_the_top_level_holds_at_most_ten_modules():
    top = sorted(p.name for p in (ROOT / "lianhuan_extract").glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "api.py", "entity.py", "numbers.py", "pipeline.py"]


def test_no_family_is_spread_over_prefix_named_files():
    assert check_layout.prefix_families(ROOT) == []


def test_nothing_is_imported_by_a_string():
    assert check_layout.string_imports(ROOT) == []


def test_an_import_by_string_is_reported(tmp_path):
    _write(tmp_path, {"__init__.py": "", "x.py": "import importlib\n\ndef f():\n    return importlib.import_module('os')\n"})
    assert check_layout.string_imports(tmp_path) == ["lianhuan_extract/x.py:4"]


def test_the_extractor_families_are_subpackages_exporting_extract():
    from lianhuan_extract import extractors

    assert [e.name for e in extractors.REGISTRY] == ["contacts", "dates", "quantities", "orgs", "people", "targets"]
    for family in ("dates", "orgs", "targets"):
        module = getattr(extractors, family)
        assert module.__file__.endswith(f"{family}/__init__.py")
        assert callable(module.extract)


def _write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / "lianhuan_extract" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


def test_a_cycle_through_an_import_inside_a_function_is_found(tmp_path):
    _write(tmp_path, {
        "__init__.py": "",
        "run/__init__.py": "",
        "run/batch.py": "def run():\n    from .dask_runner import go\n",
        "run/dask_runner.py": "from .batch import run\n",
        "a.py": "from . import b\n",
        "b.py": "x = 1\n",
    })
    files = check_layout.modules(tmp_path)
    graph = {name: check_layout.imports_of(name, files) for name in files}
    assert check_layout.cycles(graph) == [["lianhuan_extract.run.batch", "lianhuan_extract.run.dask_runner"]]
    assert graph["lianhuan_extract.a"] == {"lianhuan_extract.b"}


def test_prefix_named_files_are_reported(tmp_path):
    _write(tmp_path, {
        "__init__.py": "",
        "extractors/__init__.py": "",
        "extractors/dates.py": "",
        "extractors/dates_tokens.py": "",
        "extractors/orgs_find.py": "",
        "extractors/orgs_link.py": "",
        "extractors/dask_runner.py": "",
    })
    assert check_layout.prefix_families(tmp_path) == [
        "lianhuan_extract/extractors: dates_tokens",
        "lianhuan_extract/extractors: orgs_find, orgs_link",
    ]
