"""The layers of docs/architecture.md hold: each part of claims/ imports only the parts below it, and the text
logic imports nothing from Django."""

import ast
from pathlib import Path

CLAIMS = Path(__file__).resolve().parent.parent / "claims"
BELOW = {  # a part: the parts of claims/ it may import
    "text": set(),
    "models": {"text"},
    "sql": {"models"},
    "representations": {"models", "text"},
    "search": {"models", "text"},
    "selectors": {"models", "representations", "search", "sql", "text"},
    "services": {"models", "search", "sql", "text"},
    "filtersets": {"models", "search", "sql", "text"},
    "reviews": {"models", "sql", "text"},
    "curation": {"models", "text"},
    "synthetic": {"models", "text"},
    "db": set(),
    "migrations": set(),
    "api": {"models", "representations", "selectors", "search", "services", "filtersets", "reviews", "text"},
    "public": {"models", "filtersets", "reviews", "text"},
    "admin": {"models", "search", "selectors", "services", "text"},
    "management": {"models", "services", "selectors", "sql", "synthetic", "curation", "text", "claims"},
}


def part(module: str) -> str:
    """claims.text.figures -> text; claims.selectors -> selectors; claims -> claims."""
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 else pieces[0]


def imports(path: Path, root: Path = CLAIMS) -> set[str]:
    """The modules a file imports, relative imports resolved."""
    module = ".".join(path.relative_to(root.parent).with_suffix("").parts)
    package = module.split(".") if path.name == "__init__.py" else module.split(".")[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            found.add(".".join(base + ([node.module] if node.module else [])) if node.level else node.module)
    return found


def violations(root: Path) -> list[str]:
    """Every import in the package at `root` of a part that is not below the importing part."""
    wrong = []
    for path in sorted(root.rglob("*.py")):
        here = part(".".join(path.relative_to(root.parent).with_suffix("").parts))
        if here in ("claims", "__init__", "apps"):
            continue
        allowed = BELOW[here] | {here}
        wrong += [f"{path.relative_to(root.parent)} imports {name}" for name in sorted(imports(path, root))
                  if name.startswith("claims") and part(name) not in allowed]
    return wrong


def test_each_part_imports_only_the_parts_below_it():
    assert violations(CLAIMS) == []


def test_the_text_logic_imports_nothing_from_django():
    wrong = [f"{path.name} imports {name}" for path in (CLAIMS / "text").glob("*.py") for name in imports(path)
             if name.split(".")[0] in ("django", "rest_framework", "django_filters")]
    assert not wrong, "\n".join(wrong)


def test_an_import_from_a_layer_above_is_found(tmp_path):
    services = tmp_path / "claims" / "services"
    services.mkdir(parents=True)
    (services / "bad.py").write_text("from claims.api import views\nfrom ..admin import writes\nfrom . import rows\n")
    assert violations(tmp_path / "claims") == ["claims/services/bad.py imports claims.admin",
                                               "claims/services/bad.py imports claims.api"]
