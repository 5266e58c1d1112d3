"""docs/performance.md's results section, written from benchmark runs (`bench/run.py --write-doc`, `--doc-from`).

Only the text between the two markers below is replaced; the notes around it are kept as they are.
"""

from __future__ import annotations

from pathlib import Path

START = "<!-- bench:results:start (written by bench/run.py --write-doc; edit the notes outside) -->"
END = "<!-- bench:results:end -->"


def _dataset(result: dict) -> str:
    return str(result.get("dataset", "")).replace("|", "/")


def _details(result: dict) -> str:
    from common import details

    return details(result).replace("|", "/")


def section(runs: list[dict]) -> str:
    lines = [START, "", "## Results (generated)", ""]
    for run in runs:
        m = run["machine"]
        databases = ", ".join(run.get("databases", {}).values()) or "no database"
        command = " ".join(["bench/run.py", *run.get("argv", [])])
        lines += [
            f"Run of {run['at']} to {run['finished']} (`{command}`): "
            f"{m['cores']} cores ({m['cpu'] or 'unknown CPU'}), {m['memory_gib']} GiB, {m['system']}, "
            f"Python {m['python']}, Django {m['django']}, {databases}. "
            f"**Load average at start {run['load_start']}, at the end {run['load_end']}** (1 / 5 / 15 min; "
            "the machine is shared, so figures under load are upper bounds).",
            "",
        ]
        if run.get("search_scale") and float(run["search_scale"]) < 500:
            persons = round(float(run["search_scale"]) * 2000)
            lines += [f"**Person search ran on {persons:,} persons (`seed_demo --scale {run['search_scale']:g}`), "
                      "not the 1,000,000 of its target dataset.**", ""]
        summary = run["summary"]
        lines += [f"Summary: **{summary['PASS']} PASS, {summary['FAIL']} FAIL**, {summary['INFO']} for information, "
                  f"{summary['CRASH']} crashed.", ""]
        if summary["misses"]:
            lines += ["Missed targets:", ""] + [f"- {miss}" for miss in summary["misses"]] + [""]
        if run.get("crashes"):
            lines += ["Crashed:", ""] + [f"- {c['label']} (`{c['script']}`): "
                                         f"{c['error'].splitlines()[-1] if c['error'] else ''}" for c in run["crashes"]]
            lines.append("")
        lines += ["| Benchmark | Database | Figure | Target | Result | Details |", "|---|---|---|---|---|---|"]
        for result in run["results"]:
            for verdict in result["verdicts"]:
                lines.append(f"| `{result['name']}` | {result['database']} | {verdict['figure']} **{verdict['value']}** "
                             f"| {verdict['target']} | {verdict['status']} | {_details(result)} |")
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def write_doc(runs: list[dict], path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    new = section(runs)
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1]
        text = before + new + after
    else:  # first time: right after the introduction, before the first "## " heading
        head, sep, tail = text.partition("\n## ")
        text = head.rstrip() + "\n\n" + new + "\n\n" + (sep.lstrip("\n") + tail if sep else "")
    path.write_text(text, encoding="utf-8")
