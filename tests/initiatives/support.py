"""Builders of the initiatives tests: a work registered, evaluated and recognised through the services."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from tdkt.initiatives import services

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name="minh-chung.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def registered(world, *, by="clerk_a", unit=None, authors=None, title="Số hóa hồ sơ bệnh án điện tử", **extra):
    authors = authors if authors is not None else [(world.person_a, 60), (world.person_a_child, 40)]
    return services.register_work(by=world.users[by], unit=unit or world.unit_a, authors=authors, title=title,
                                  field=extra.pop("field", "Y tế"), **extra)


def evaluated(world, work, *, by="clerk_a", passed=True):
    return services.evaluate_work(work, by=world.users[by], meeting_date=datetime.date(2025, 5, 20), passed=passed,
                                  members=[(world.person_a_child, 85, "for"), (world.person_b, None, "for")],
                                  council_name="Hội đồng sáng kiến Sở Y tế")


def recognised(world, work=None, *, by="specialist", scope="TINH", day=datetime.date(2025, 6, 10)):
    work = work or evaluated(world, registered(world))
    return services.recognise_work(work, by=world.users[by], scope=scope, decision_number="125/QĐ-UBND",
                                   decision_date=day, recognised_by="Chủ tịch UBND tỉnh")
