"""The parsers are framework-free: importing and running them loads no Django module."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_docparse_and_the_importer_do_not_import_django():
    code = ("import sys; import tdkt.lib.docparse, tdkt.plans.importer, tdkt.plans.importer.cli; "
            "from tdkt.plans.importer import import_plan_bytes; "
            "import_plan_bytes('KẾ HOẠCH\\nCông tác năm 2026\\nTT\\tNội dung\\tChủ trì\\n1\\tMột\\tSở Nội vụ\\n'.encode(), 'x.txt'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          env={"PYTHONPATH": str(REPO / "src"), "PATH": ""})
    assert done.stdout.strip() == "[]"
