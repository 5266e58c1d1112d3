"""Issue 20 "done means", in real Chromium: the province as a member of its inter-provincial cluster — the
specialist records the cluster, opens the year, enters the cluster's criteria, scores the province with evidence,
sends the sheet, records the cluster's result and exports the province's self-score sheet (Excel)."""

import io

import openpyxl
from playwright.sync_api import expect

from tdkt.movements.scoring.models_province import ClusterCriterion, ClusterYear
from tests.factories import PASSWORD
from tests.scoring.support import PDF


def test_the_province_scores_itself_in_its_inter_provincial_cluster(live_server, page, artifacts_dir, world,
                                                                     tmp_path):
    base = live_server.url
    page.set_default_timeout(45_000)
    expect.set_options(timeout=30_000)
    evidence = tmp_path / "bao-cao-kinh-te-xa-hoi.pdf"
    evidence.write_bytes(PDF)
    page.goto(base + "/login/")
    page.fill("#id_username", "chuyenvien")
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(base + "/")

    page.goto(base + "/scoring/province-clusters/")
    page.fill("#id_name", "Cụm thi đua các tỉnh miền núi, biên giới phía Bắc")
    page.fill("#id_code", "MNBG")
    page.fill("#id_member_provinces", "Lào Cai\nLai Châu\nĐiện Biên\nHà Giang")
    page.click("button.primary")
    expect(page.locator("ul.messages")).to_contain_text("Đã ghi nhận cụm thi đua các tỉnh.")
    page.fill("input[name=year]", "2026")
    page.click("text=Mở năm")
    cluster_year = ClusterYear.objects.get()
    for code, title, top in (("1", "Thực hiện nhiệm vụ chính trị, chỉ tiêu kinh tế - xã hội", "60"),
                             ("2", "Tổ chức các phong trào thi đua", "40")):
        page.fill("#id_code", code)
        page.fill("#id_title", title)
        page.fill("#id_max_points", top)
        page.click("form:has(#id_code) button")
        expect(page.locator("ul.messages")).to_contain_text("Đã thêm tiêu chí.")
    first, second = ClusterCriterion.objects.filter(cluster_year=cluster_year).order_by("order")
    page.fill(f"#points-{second.pk}", "41")
    page.click(f"#pc-{second.pk} button")
    expect(page.locator("ul.messages")).to_contain_text("Tiêu chí 2: 41 điểm vượt quá điểm tối đa 40.")
    page.fill(f"#points-{first.pk}", "55,5")
    page.fill(f"#expl-{first.pk}", "Đạt 18/20 chỉ tiêu")
    page.set_input_files(f"#ev-{first.pk}", evidence)
    page.click(f"#pc-{first.pk} button")
    expect(page.locator("ul.messages")).to_contain_text("Đã lưu tiêu chí 1.")
    page.fill(f"#points-{second.pk}", "36")
    page.click(f"#pc-{second.pk} button")
    expect(page.locator("#province-total")).to_have_text("91,5")
    page.screenshot(path=artifacts_dir / "province-cluster-1-sheet.png", full_page=True)
    page.click("text=Gửi bảng điểm cho cụm")
    expect(page.locator("ul.messages")).to_contain_text("Đã gửi bảng tự chấm điểm của tỉnh cho cụm.")
    page.fill("#id_result_rank", "1")
    page.fill("#id_result_members", "4")
    page.fill("#id_result_total", "93,5")
    page.fill("#id_result_award", "Cờ thi đua của Chính phủ")
    page.click("form[action$='/result/'] button")
    expect(page.locator("#province-result")).to_contain_text("1/4")
    page.screenshot(path=artifacts_dir / "province-cluster-2-result.png", full_page=True)
    with page.expect_download() as download:
        page.click("#province-export")
    rows = list(openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()))["Tự chấm điểm"]
                .iter_rows(values_only=True))
    assert rows[2][:5] == ("1", "Thực hiện nhiệm vụ chính trị, chỉ tiêu kinh tế - xã hội", "Tiêu chí", 60, 55.5)
    assert rows[4][1] == "Tổng điểm" and rows[4][4] == 91.5
