"""docs/eligibility.md stays true: its example output is what the command prints, and it lists every
finding code and every parameter."""

import dataclasses
import io
import re
from pathlib import Path

from tdkt.eligibility.cli import main
from tdkt.eligibility.codes import FindingCode
from tdkt.eligibility.params import DEFAULT_PARAMETERS, UNVERIFIED

DOC = (Path(__file__).resolve().parents[2] / "docs" / "eligibility.md").read_text(encoding="utf-8")


def json_blocks() -> list[str]:
    return re.findall(r"```json\n(.*?)\n```", DOC, flags=re.DOTALL)


def test_the_documented_example_output_is_exactly_what_the_command_prints(tmp_path):
    example_input, example_output = json_blocks()
    path = tmp_path / "INPUT.json"
    path.write_text(example_input, encoding="utf-8")
    out = io.StringIO()
    assert main([str(path)], out, io.StringIO()) == 0
    assert out.getvalue() == example_output + "\n"


def test_every_finding_code_is_documented():
    for code in FindingCode:
        assert f"| `{code.value}` |" in DOC, code


def test_every_parameter_is_documented_and_unverified_ones_are_marked():
    for field in dataclasses.fields(DEFAULT_PARAMETERS):
        row = next((line for line in DOC.splitlines() if line.startswith(f"| `{field.name}` |")), None)
        assert row is not None, field.name
        assert ("**[U]**" in row) == (field.name in UNVERIFIED), row
