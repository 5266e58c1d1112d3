"""The Vietnamese guide inside the application: every help mapping points at an existing page and heading, raw
HTML is not rendered, links between guide pages work, a missing page is a 404."""

import pytest
from django.urls import reverse

from tdkt.core import guide
from tests.conftest import client_for
from tests.test_access_map import MATRIX_URLS


@pytest.mark.parametrize(("key", "target"), sorted(guide.HELP.items()))
def test_every_help_mapping_points_at_an_existing_page_and_heading(key, target):
    page, anchor = target
    assert guide.page_path(page) is not None, key
    assert anchor in guide.anchors_of(page), key


def test_every_mapped_namespace_exists():
    names = {name for name, _key in MATRIX_URLS}
    namespaces = {name.split(":")[0] for name in names}
    assert [key for key in guide.HELP if key not in names and key not in namespaces] == []


def test_headings_get_stable_ids_and_guide_links_stay_in_the_app(world):
    html = client_for(world, "clerk_a").get(reverse("core:guide_index")).content.decode()
    assert '<h2 id="1-dang-nhap">1. Đăng nhập</h2>' in html
    assert '<a href="/huong-dan/ho-so-de-nghi/">Hồ sơ đề nghị khen thưởng</a>' in html
    page = client_for(world, "clerk_a").get(reverse("core:guide_page", kwargs={"page": "ho-so-de-nghi"}))
    assert page.status_code == 200
    assert '<h2 id="don-vi-van-thu-lanh-dao-don-vi">' in page.content.decode()


def test_raw_html_is_shown_as_text_and_outside_links_are_unlinked(tmp_path, settings, world):
    (tmp_path / "huong-dan").mkdir()
    (tmp_path / "huong-dan-su-dung.md").write_text("# Mục lục\n\n[Trang A](huong-dan/trang-a.md#buoc-1)\n",
                                                   encoding="utf-8")
    (tmp_path / "huong-dan" / "trang-a.md").write_text(
        "# Trang A\n\n## Bước 1\n\n<script>alert(1)</script>\n\n## Bước 1\n\n"
        "[tài liệu kỹ thuật](../plans.md) và [mục lục](../huong-dan-su-dung.md)\n", encoding="utf-8")
    settings.GUIDE_DIR = tmp_path
    client = client_for(world, "anonymous")
    index = client.get(reverse("core:guide_index")).content.decode()
    assert '<a href="/huong-dan/trang-a/#buoc-1">Trang A</a>' in index
    html = client.get(reverse("core:guide_page", kwargs={"page": "trang-a"})).content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert '<h2 id="buoc-1">' in html and '<h2 id="buoc-1-2">' in html
    assert "<span>tài liệu kỹ thuật</span>" in html and '<a href="/huong-dan/">mục lục</a>' in html


@pytest.mark.parametrize("page", ["khong-co-trang-nay", "huong-dan-su-dung"])
def test_a_missing_guide_page_is_a_404(world, page):
    assert client_for(world, "clerk_a").get(reverse("core:guide_page", kwargs={"page": page})).status_code == 404


def test_the_about_page_shows_version_province_support_and_licence(world, settings):
    settings.SUPPORT_NAME = "Phòng Thi đua - Khen thưởng, Sở Nội vụ"
    settings.SUPPORT_PHONE = "0214 3840 123"
    settings.SUPPORT_EMAIL = "tdkt@laocai.gov.vn"
    html = client_for(world, "anonymous").get(reverse("core:about")).content.decode()
    assert '<dd id="about-province">Lào Cai</dd>' in html and '<dd id="about-version">0.1.0</dd>' in html
    assert '<a href="tel:02143840123">0214 3840 123</a>' in html and "mailto:tdkt@laocai.gov.vn" in html
    assert "Phòng Thi đua - Khen thưởng, Sở Nội vụ" in html and "AGPL-3.0-or-later" in html
    settings.SUPPORT_NAME = settings.SUPPORT_PHONE = settings.SUPPORT_EMAIL = ""
    bare = client_for(world, "anonymous").get(reverse("core:about")).content.decode()
    assert "Tỉnh chưa khai báo đầu mối hỗ trợ" in bare
