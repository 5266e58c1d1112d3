"""Demo data of the calendar: the year-end call for dossiers (cut-off 10/12, as in Bắc Ninh QĐ 86 Đ6.2,
law.md §4.4), a school-year call already closed, and one province day off. Rows are marked as demo data
(DEMO_MARK) so wipe_demo removes exactly them."""

import datetime

from django.db.models import ProtectedError

from tdkt.dossiers.models import DossierCall
from tdkt.lib import workdays
from tdkt.workcalendar.enums import ProvinceDayKind
from tdkt.workcalendar.models import ProvinceDay

DEMO_MARK = "Dữ liệu mẫu"


def _first_national_working_friday_after(day: datetime.date) -> datetime.date:
    while day.weekday() != 4 or not workdays.is_working_day(day):
        day += datetime.timedelta(days=1)
    return day


def load_demo(year: int) -> str:
    DossierCall.objects.get_or_create(
        name=f"Tổng kết công tác thi đua, khen thưởng năm {year}", year=year, kind="year_end",
        defaults={"cut_off": datetime.date(year, 12, 10), "note": f"{DEMO_MARK}. Hồ sơ gửi Sở Nội vụ (Ban Thi đua - "
                  "Khen thưởng) chậm nhất ngày 10/12; hồ sơ nộp muộn phải kèm văn bản giải trình."})
    DossierCall.objects.get_or_create(
        name=f"Tổng kết năm học {year - 1}-{year}", year=year, kind="school_year",
        defaults={"cut_off": datetime.date(year, 7, 10), "is_open": False, "note": DEMO_MARK})
    day_off = _first_national_working_friday_after(datetime.date(year, 9, 3))
    if not ProvinceDay.objects.filter(date=day_off).exists():
        ProvinceDay.objects.create(date=day_off, kind=ProvinceDayKind.DAY_OFF,
                                   name="Nghỉ thêm sau Lễ Quốc khánh (mẫu)", decided_by=f"{DEMO_MARK}: thông báo của "
                                   "UBND tỉnh")
    return f"Lịch và đợt nhận hồ sơ: 2 đợt nhận hồ sơ, ngày nghỉ thêm của tỉnh {day_off:%d/%m/%Y}."


def wipe_demo() -> int:
    deleted = ProvinceDay.objects.filter(decided_by__startswith=DEMO_MARK).delete()[0]
    for call in DossierCall.objects.filter(note__startswith=DEMO_MARK):
        try:
            deleted += call.delete()[0]
        except ProtectedError:  # a dossier still points at it: kept, with that dossier
            continue
    return deleted
