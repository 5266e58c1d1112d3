from tdkt.lib import portal_sections as module
from tdkt.lib.portal_sections import PortalHit, Section, register_section, sections


def test_sections_are_listed_by_order_and_replaced_by_key(monkeypatch):
    monkeypatch.setattr("tdkt.lib.portal_sections.SECTIONS", {})
    register_section(Section("news", "Tin tức", "news:public_list", order=30))
    register_section(Section("exemplars", "Điển hình tiên tiến", "exemplars:public_list", order=20))
    register_section(Section("news", "Tin tức", "news:public_list", order=10,
                             search=lambda text, limit: [PortalHit("Tin " + text, "/tin/1/")][:limit]))
    assert [section.key for section in sections()] == ["news", "exemplars"]
    assert sections()[0].search("an", 5) == [PortalHit("Tin an", "/tin/1/")]

def test_contributions_sum_every_registered_kind_per_unit(monkeypatch):

    monkeypatch.setattr(module, "CONTRIBUTIONS", {})
    module.register_contribution(module.ContributionKind("news", "Tin", lambda year, quarter: {7: 2, 8: 1}))
    module.register_contribution(module.ContributionKind("exemplars", "Điển hình", lambda year, quarter: {8: 1}))
    assert module.contributions(2026, 3) == {7: {"news": 2}, 8: {"news": 1, "exemplars": 1}}
