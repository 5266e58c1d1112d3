"""Builders for the TĐKT register tests."""

import datetime

from tdkt.reports.models import TdktOffice, TdktStaffMember


def make_office(unit, name="Phòng Thi đua - Khen thưởng", structure="home_affairs_division", **extra):
    extra.setdefault("established_on", datetime.date(2015, 1, 1))
    return TdktOffice.objects.create(unit=unit, name=name, structure=structure, **extra)


def make_post(person, *, unit=None, office=None, training="university", **extra):
    extra.setdefault("tdkt_work_since", datetime.date(2016, 3, 1))
    extra.setdefault("started_on", datetime.date(2020, 1, 1))
    return TdktStaffMember.objects.create(person=person, unit=unit or person.unit, office=office, training=training,
                                          **extra)
