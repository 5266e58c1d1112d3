"""The load test's plan (bench/load.py): who is signed in, which URLs each page kind opens, what each page is.

Runs in a Django child process (`load_seed.py --plan PATH`) on the load dataset (bench/load_seed.py). Each of the
50 users gets a session as a browser does after signing in (force_login: the session row in the database; the
sign-in itself, Argon2 included, is the sign-in benchmark's business) and an API token. Every URL of the plan is
fetched once here through Django's test Client as the user who will open it, and the page's <title> is kept as
the mark of the right page: under load, a 200 with another title (the sign-in page, an error page) is an error.
A page kind a persona cannot open (a commune clerk and the council meeting) is replaced by the persona's own
page (its inbox, its dashboard) and the substitution is written in the plan, to be printed with the figures.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urlencode

TITLE = re.compile(rb"<title>(.*?)</title>", re.S)
PERSON_PAGES = 20
TOKEN_NAME = "Tải thử (bench/load.py)"


def page_mark(body: bytes, content_type: str) -> str:
    """What identifies a page: its <title> (HTML) or "json:<type>" (the API)."""
    if content_type.startswith("application/json"):
        return "json:" + type(json.loads(body)).__name__
    found = TITLE.search(body)
    return html.unescape(found.group(1).decode().strip()) if found else ""


def persona_of(username: str) -> str:
    return username.split(".")[1]  # tai.chuyenvien.NN / tai.uyvien.NN / tai.vanthu.NN


def candidate_urls(user, persona: str, ids: dict) -> dict[str, list[str]]:
    """Per page kind, the URLs this user opens (before the check that each answers)."""
    from django.urls import reverse
    from person_search import QUERIES

    from tdkt.dossiers.models import Dossier
    from tdkt.movements.scoring.models import ScoreSheet
    from tdkt.people.models import Person

    unit_id = user.memberships.values_list("unit_id", flat=True).first()
    if persona == "vanthu":
        persons = list(Person.objects.filter(unit_id=unit_id).order_by("id").values_list("id", flat=True)[:PERSON_PAGES])
        own = Dossier.objects.filter(unit_id=unit_id).order_by("-id").values_list("id", flat=True).first()
        dossier = [reverse("dossiers:detail", args=[own])] if own else [reverse("dossiers:inbox")]
        queue = [reverse("dossiers:inbox")]
        sheet = ScoreSheet.objects.filter(unit_id=unit_id, round_id=ids["round"]).exists()
        scoring = [reverse("scoring:sheet", args=[ids["round"], unit_id])] if sheet else []
    else:
        persons = ids["persons"]
        dossier = [reverse("dossiers:detail", args=[ids["big_dossier"]])]
        queue = [reverse("dossiers:queue" if persona == "chuyenvien" else "dossiers:inbox")]
        scoring = [reverse("scoring:sheet", args=[ids["round"], ids["sheet_unit"]])] if ids["round"] else []
    base = reverse("people:list")
    return {
        "dashboard": [reverse("core:dashboard")],
        "person_search": [f"{base}?{urlencode({'q': q})}" for q in QUERIES],
        "person_page": [reverse("people:detail", args=[pk]) for pk in persons],
        "queue": queue,
        "unit_list": [reverse("orgs:tree")],
        "dossier_300": dossier,
        "council": [reverse("council:meeting", args=[ids["meeting"]])] if ids["meeting"] else [],
        "decisions": [reverse("decisions:list")],
        "plan_board": [reverse("plans:board", args=[ids["plan"]])],
        "scoring_sheet": scoring,
        "portal_verification": [reverse("portal:verify_code", args=[code]) for code in ids["codes"]],
        "api": ["/api/v1/dossiers"],
    }


FALLBACK = {"queue": "dashboard", "dossier_300": "queue", "council": "dashboard", "scoring_sheet": "dashboard",
            "api": "dashboard", "plan_board": "dashboard", "person_page": "dashboard"}


def shared_ids() -> dict:
    from load_seed import BIG_DOSSIER_TITLE

    from tdkt.council.models import Meeting
    from tdkt.decisions.certificates.models import Certificate
    from tdkt.dossiers.models import Dossier
    from tdkt.movements.scoring.models import ScoreSheet
    from tdkt.people.models import Person
    from tdkt.plans.models import Plan

    total = Person.objects.count()
    stride = max(1, total // PERSON_PAGES)
    persons = list(Person.objects.order_by("id").values_list("id", flat=True)[::stride][:PERSON_PAGES])
    sheet = ScoreSheet.objects.order_by("id").values("round_id", "unit_id").first()
    return {"persons": persons, "big_dossier": Dossier.objects.get(title=BIG_DOSSIER_TITLE).pk,
            "meeting": Meeting.objects.order_by("id").values_list("id", flat=True).first(),
            "plan": Plan.objects.order_by("id").values_list("id", flat=True).first(),
            "round": sheet["round_id"] if sheet else None, "sheet_unit": sheet["unit_id"] if sheet else None,
            "codes": list(Certificate.objects.order_by("id").values_list("code", flat=True)[:10])}


def write_plan(path: Path) -> None:
    from common import plain_static
    from django.core.exceptions import ValidationError
    from django.test import Client

    from tdkt.accounts.models import User
    from tdkt.api.models import ApiToken
    from tdkt.api.tokens import issue_token

    plain_static()
    ApiToken.objects.filter(name=TOKEN_NAME).delete()  # last run's tokens: this database is the benchmark's own
    ids = shared_ids()
    checked: dict[tuple, tuple[dict, list]] = {}  # (persona, unit) -> (pages with marks, substitutions)
    users = []
    for user in User.objects.filter(username__startswith="tai.").order_by("username"):
        persona = persona_of(user.username)
        client = Client()
        client.force_login(user)
        cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
        try:
            _token, raw = issue_token(user, TOKEN_NAME, by=user, rate_limit=1_000_000)
        except ValidationError:
            raw = None  # the roles allow no API scope: the API kind falls back
        key = (persona, user.memberships.values_list("unit_id", flat=True).first())
        if key not in checked:
            checked[key] = _checked_pages(client, raw, candidate_urls(user, persona, ids))
        pages, substitutions = checked[key]
        users.append({"username": user.username, "persona": persona, "cookie": cookie,
                      "authorization": f"Bearer {raw}" if raw else None, "pages": pages,
                      "substitutions": substitutions})
    if not users:
        raise SystemExit("no load-test users (tai.*): build the dataset first (load_seed.py --build)")
    path.write_text(json.dumps({"users": users, "ids": ids}, ensure_ascii=False, indent=1))


def _checked_pages(client, token: str | None, candidates: dict[str, list[str]]) -> tuple[dict, list]:
    """Each URL fetched once: kept with its page mark when it answers 200, else the kind falls back."""
    pages, substitutions = {}, []
    for kind, urls in candidates.items():
        kept = []
        for url in urls:
            headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if kind == "api" and token else {}
            if kind == "api" and not token:
                break
            response = client.get(url, **headers)
            if response.status_code == 200:
                kept.append([url, page_mark(response.content, response.get("Content-Type", ""))])
        if kept:
            pages[kind] = kept
        else:
            substitutions.append(kind)
    for kind in substitutions:
        fallback = FALLBACK.get(kind, "dashboard")
        while fallback not in pages:
            if fallback == "dashboard":
                raise SystemExit(f"the dashboard does not answer 200 for this user: {candidates['dashboard']}")
            fallback = FALLBACK.get(fallback, "dashboard")
        pages[kind] = pages[fallback]
    return pages, [f"{kind} → {_fallback_name(kind, pages)}" for kind in substitutions]


def _fallback_name(kind: str, pages: dict) -> str:
    for other, urls in pages.items():
        if other != kind and urls is pages[kind]:
            return other
    return "dashboard"
