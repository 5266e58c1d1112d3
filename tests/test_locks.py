"""The lock files (requirements/*.lock, `make lock`) are in step with pyproject.toml: every dependency and
test extra is pinned, with hashes, at a version its specifier allows, and nothing pyproject.toml dropped is
still pinned for it. `make venv` and CI install from the locks with --require-hashes."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s\\;]+)")


def pins(lock: str) -> dict[str, tuple[str, int, set[str]]]:
    """name → (version, number of hashes, what it is there for)."""
    found, current, via = {}, None, False
    for line in (ROOT / "requirements" / lock).read_text().splitlines():
        if match := PIN.match(line):
            current = canonicalize_name(match.group(1))
            found[current] = (match.group(2), 0, set())
            via = False
        elif current and "--hash=sha256:" in line:
            version, hashes, reasons = found[current]
            found[current] = (version, hashes + 1, reasons)
        elif current and line.strip().startswith("# via"):
            via = True
            if rest := line.strip()[len("# via"):].strip():
                found[current][2].add(rest)
        elif current and via and line.strip().startswith("#   "):
            found[current][2].add(line.strip()[4:])
    return found


def direct(requirements: list[str]) -> dict[str, Requirement]:
    return {canonicalize_name(req.name): req for req in map(Requirement, requirements)}


CASES = [
    ("production.lock", direct(PYPROJECT["dependencies"])),
    ("test.lock", direct(PYPROJECT["optional-dependencies"]["test"])),
]


@pytest.mark.parametrize(("lock", "wanted"), CASES, ids=[lock for lock, _ in CASES])
def test_every_dependency_is_pinned_with_hashes_within_its_specifier(lock, wanted):
    locked = pins(lock)
    problems = []
    for name, requirement in sorted(wanted.items()):
        if name not in locked:
            problems.append(f"{name}: not in requirements/{lock}")
            continue
        version, hashes, _why = locked[name]
        if not requirement.specifier.contains(version, prereleases=True):
            problems.append(f"{name}=={version} does not satisfy {requirement.specifier}")
    problems += [f"{name}=={version}: no hash" for name, (version, hashes, _why) in locked.items() if not hashes]
    assert problems == [], "run `make lock`:\n" + "\n".join(problems)


@pytest.mark.parametrize(("lock", "wanted"), CASES, ids=[lock for lock, _ in CASES])
def test_nothing_is_pinned_for_a_dependency_pyproject_no_longer_has(lock, wanted):
    stale = sorted(name for name, (_version, _hashes, why) in pins(lock).items()
                   if "tdkt (pyproject.toml)" in why and name not in direct(PYPROJECT["dependencies"])
                   and name not in wanted)
    assert stale == [], "run `make lock`: pinned for tdkt but not in pyproject.toml: " + ", ".join(stale)


def test_the_test_lock_pins_the_production_versions():
    """The test lock is compiled with the production lock as constraint: tests run what production runs."""
    production, test = pins("production.lock"), pins("test.lock")
    differ = {name: (version, test[name][0]) for name, (version, _h, _w) in production.items()
              if name in test and test[name][0] != version}
    assert differ == {}
    assert set(production) <= set(test)


def test_the_makefile_installs_from_the_locks_with_hashes():
    makefile = (ROOT / "Makefile").read_text()
    assert "pip install --quiet --require-hashes $(addprefix -r ,$(LOCKS))" in makefile
    assert "pip install --quiet --no-deps --no-build-isolation -e ." in makefile
    assert "-e '.[test]'" not in makefile
