from django.db import models
from django.utils.translation import gettext_lazy as _


class OfficeStructure(models.TextChoices):
    """Rows of the form 0604.N: where an organisation doing TĐKT work sits (reporting.md)."""

    MINISTRY_DEPARTMENT = "ministry_department", _("Department-level unit of a ministry or central body")
    MINISTRY_DIVISION = "ministry_division", _("Division under such a unit")
    HOME_AFFAIRS_BOARD = "home_affairs_board", _("Board under the provincial Department of Home Affairs")
    HOME_AFFAIRS_DIVISION = "home_affairs_division", _("Division under the Department of Home Affairs")


class TrainingLevel(models.TextChoices):
    """Training of a civil servant doing TĐKT work (form 0605.N)."""

    ELEMENTARY = "elementary", _("Elementary")
    INTERMEDIATE = "intermediate", _("Intermediate")
    COLLEGE = "college", _("College")
    UNIVERSITY = "university", _("University")
    POSTGRADUATE = "postgraduate", _("Postgraduate")


class ReportKind(models.TextChoices):
    """The work reports every seed plan asks for (báo cáo sơ kết 6 tháng, tổng kết năm công tác TĐKT)."""

    HALF_YEAR = "half_year", _("Half-year review report")
    YEAR_END = "year_end", _("Year-end report")


class EquityMeasure(models.TextChoices):
    """The shares the Law and the seed plans ask to show in figures (Luật TĐKT 2022; reporting.md): awards to
    people who work directly, to women, to ethnic minorities, to remote, border and especially difficult
    areas, and the share of ad-hoc awards. Each province sets its own target for each (EquityTarget)."""

    DIRECT_WORKER = "direct_worker", _("Awards to people who work directly")
    WOMEN = "women", _("Awards to women")
    ETHNIC_MINORITY = "ethnic_minority", _("Awards to ethnic minority people")
    DIFFICULT_AREA = "difficult_area", _("Awards in remote, border and especially difficult areas")
    ADHOC = "adhoc", _("Ad-hoc awards")
