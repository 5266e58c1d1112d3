"""The officers' pages and the portal's: writing with a photo through the form, the approve page with a
publication time, scheduled publishing by the clock, escaped bodies, search without diacritics, fixed queries."""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tdkt.lib.portal_sections import SECTIONS
from tdkt.lib.vntext import fold
from tdkt.news import clock, queries
from tdkt.news.enums import ArticleState
from tdkt.news.models import Article
from tdkt.news.transitions import ARTICLE_MACHINE
from tdkt.workflow.agenda import machine_agenda
from tests.conftest import client_for
from tests.news.support import confirmed_article, jpeg, leader_of, make_article, published_article


def _upload(data=None, name="anh.jpg"):
    return SimpleUploadedFile(name, data or jpeg(), content_type="image/jpeg")


def test_a_clerk_writes_an_article_with_a_photo_through_the_form(world):
    client = client_for(world, "clerk_a")
    response = client.post(reverse("news:new"), {
        "title": "Tin mới", "summary": "Tóm tắt", "body": "Nội dung", "unit": world.unit_a.pk,
        "photo": _upload(), "photo_description": "Ảnh hội nghị"})
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    assert (article.title, article.unit, article.images.count()) == ("Tin mới", world.unit_a, 1)


def test_a_file_that_is_not_a_photo_is_refused_on_the_form_in_vietnamese(world):
    client = client_for(world, "clerk_a")
    response = client.post(reverse("news:new"), {
        "title": "Tin mới", "summary": "Tóm tắt", "body": "Nội dung", "unit": world.unit_a.pk,
        "photo": SimpleUploadedFile("anh.jpg", b"MZ\x90\x00 an executable", content_type="image/jpeg"),
        "photo_description": "Ảnh"})
    assert response.status_code == 200
    assert response.context["form"].errors["photo"] == [
        "Ảnh: tệp không phải là ảnh. Chỉ nhận ảnh JPEG hoặc PNG."]
    assert Article.objects.count() == 0


def test_the_unit_b_clerk_cannot_choose_unit_a_on_the_form(world):
    client = client_for(world, "clerk_b")
    response = client.post(reverse("news:new"), {
        "title": "Tin", "summary": "S", "body": "B", "unit": world.unit_a.pk, "photo": _upload(),
        "photo_description": "Ảnh"})
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert Article.objects.count() == 0


def test_a_script_in_the_body_is_shown_as_text_on_the_portal_and_the_officers_page(world):
    leader = leader_of(world)
    article = published_article(world, leader, body="<script>alert('x')</script>\n\nĐoạn <b>hai</b>")
    for client, url in ((client_for(world, "anonymous"), article.get_public_url()),
                        (client_for(world, "clerk_a"), article.get_absolute_url())):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html and "<b>hai</b>" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
        assert "<p>Đoạn &lt;b&gt;hai&lt;/b&gt;</p>" in html


def test_the_approve_page_sets_the_publication_time_and_a_future_one_is_not_public_until_it_comes(world, monkeypatch):
    leader = leader_of(world)
    article = confirmed_article(world, leader)
    client = client_for(world, "specialist")
    page = client.get(reverse("news:approve", args=[article.pk]))
    assert page.status_code == 200
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(reverse("news:approve", args=[article.pk]),
                           {"publish_on": tomorrow.strftime("%d/%m/%Y"), "publish_time": "08:30"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.state == ArticleState.APPROVED
    assert timezone.localtime(article.publish_at).strftime("%d/%m/%Y %H:%M") == f"{tomorrow:%d/%m/%Y} 08:30"
    anonymous = client_for(world, "anonymous")
    assert anonymous.get(article.get_public_url()).status_code == 404
    assert article.title not in anonymous.get(reverse("news:public_list")).content.decode()
    photo_url = reverse("news:photo", args=[article.images.get().pk])
    assert anonymous.get(photo_url).status_code == 404
    monkeypatch.setattr(clock, "now", lambda: article.publish_at + datetime.timedelta(minutes=1))
    assert anonymous.get(article.get_public_url()).status_code == 200
    assert article.title in anonymous.get(reverse("news:public_list")).content.decode()
    response = anonymous.get(photo_url)
    assert (response.status_code, response["Content-Type"]) == (200, "image/jpeg")


def test_the_approve_page_refuses_a_unit_draft_not_yet_confirmed(world):
    article = make_article(world)
    assert client_for(world, "specialist").get(reverse("news:approve", args=[article.pk])).status_code == 403


def test_the_edit_page_of_a_sent_article_says_why_it_cannot_be_changed(world):
    article = make_article(world)
    ARTICLE_MACHINE.perform(article, "send", by=world.users["clerk_a"])
    response = client_for(world, "clerk_a").get(reverse("news:edit", args=[article.pk]), follow=True)
    assert [str(m) for m in response.context["messages"]] == [
        "Tin, bài đang ở trạng thái “Chờ lãnh đạo đơn vị xác nhận”: không sửa được nữa."]


def test_the_leader_sees_the_article_waiting_on_his_home(world):
    leader = leader_of(world)
    article = make_article(world)
    assert machine_agenda(ARTICLE_MACHINE, leader) == []  # a draft in progress waits for nobody
    ARTICLE_MACHINE.perform(article, "send", by=world.users["clerk_a"])
    items = machine_agenda(ARTICLE_MACHINE, leader)
    assert [(i.title, i.transition) for i in items] == [(article.title, "confirm")]
    assert machine_agenda(ARTICLE_MACHINE, world.users["clerk_b"]) == []


# --- the portal's section and search -----------------------------------------------------------------------

def test_the_news_section_is_registered_for_the_portal():
    section = SECTIONS["news"]
    assert (str(section.label), section.url_name, section.order) == ("Tin tức", "news:public_list", 50)


def test_the_search_finds_a_title_typed_without_diacritics_published_only(world, monkeypatch):
    leader = leader_of(world)
    published = published_article(world, leader, title="Gương người tốt việc tốt ở Bát Xát")
    scheduled = published_article(world, leader, title="Người tốt ở Sa Pa",
                                  publish_at=timezone.now() + datetime.timedelta(days=3))
    make_article(world, title="Người tốt chưa gửi")
    search = SECTIONS["news"].search
    hits = search(fold("nguoi tot"), 10)
    assert [(hit.title, hit.url) for hit in hits] == [(published.title, published.get_public_url())]
    assert search(fold("BAT XAT"), 10)[0].title == published.title
    assert search(fold("sa pa"), 10) == []
    monkeypatch.setattr(clock, "now", lambda: scheduled.publish_at)
    assert [hit.title for hit in search(fold("nguoi tot"), 10)] == [scheduled.title, published.title]


def test_the_portal_home_lists_the_newest_published_articles_only(world, django_assert_num_queries):
    leader = leader_of(world)
    older = published_article(world, leader, title="Tin cũ", publish_at=timezone.now() - datetime.timedelta(days=2))
    newer = published_article(world, leader, title="Tin mới")
    published_article(world, leader, title="Tin hẹn giờ", publish_at=timezone.now() + datetime.timedelta(days=1))
    make_article(world, title="Tin chưa gửi")
    with django_assert_num_queries(1):
        hits = SECTIONS["news"].latest(5)
    assert [(hit.title, hit.url) for hit in hits] == [(newer.title, newer.get_public_url()),
                                                      (older.title, older.get_public_url())]
    assert [hit.title for hit in SECTIONS["news"].latest(1)] == ["Tin mới"]
    html = client_for(world, "anonymous").get(reverse("portal:index")).content.decode()
    section = html[html.index('id="home-news"'):]
    assert section.index("Tin mới") < section.index("Tin cũ") and "Tin hẹn giờ" not in html


def test_the_search_costs_one_query_whatever_the_hits(world, django_assert_num_queries):
    leader = leader_of(world)
    published_article(world, leader, title="Người tốt 1")
    with django_assert_num_queries(1):
        assert len(queries.search(fold("nguoi tot"), 10)) == 1
    for n in range(2, 5):
        published_article(world, leader, title=f"Người tốt {n}")
    with django_assert_num_queries(1):
        assert len(queries.search(fold("nguoi tot"), 10)) == 4


def _queries_of(client, url) -> int:
    client.get(url)  # warm the session and the caches
    with CaptureQueriesContext(connection) as run:
        assert client.get(url).status_code == 200
    return len(run)


def test_the_public_list_costs_the_same_for_1_or_3_articles(world):
    leader = leader_of(world)
    client, url = client_for(world, "anonymous"), reverse("news:public_list")
    published_article(world, leader, title="Tin 0")
    one = _queries_of(client, url)
    for n in (1, 2):
        published_article(world, leader, title=f"Tin {n}")
    assert _queries_of(client, url) == one
    assert [a.title for a in client.get(url).context["page"].items] == ["Tin 2", "Tin 1", "Tin 0"]  # newest first


def test_the_officers_list_costs_the_same_for_1_or_3_articles(world):
    client, url = client_for(world, "clerk_a"), reverse("news:list")
    make_article(world, title="Tin 0")
    one = _queries_of(client, url)
    for n in (1, 2):
        make_article(world, title=f"Tin {n}")
    assert _queries_of(client, url) == one
    assert [a.title for a in client.get(url).context["page"].items] == ["Tin 2", "Tin 1", "Tin 0"]


def test_the_photo_is_served_as_the_re_encoded_jpeg(world):
    article = make_article(world)
    response = client_for(world, "clerk_a").get(reverse("news:photo", args=[article.images.get().pk]))
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xff\xd8\xff") and response["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(data)).size == (64, 48)
