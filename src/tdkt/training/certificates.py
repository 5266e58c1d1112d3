"""The attendance certificate (giấy chứng nhận) of one trainee, as a Word document in the Decree-30 layout
(tdkt.lib.nd30): issued by the organising unit, with the certificate's number, the trainee, the class and the
result. The province prints and signs it; the file is built on demand from the register."""

from django.conf import settings

from tdkt.lib import nd30
from tdkt.people.enums import Gender
from tdkt.training.enums import TraineeResult

# The document is in Vietnamese whatever the reader's language.
RESULT_TEXT = {TraineeResult.PASSED: "Đạt", TraineeResult.NOT_PASSED: "Không đạt"}


def _honorific(person) -> str:
    return {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}.get(person.gender, "Ông/Bà")


def filename(trainee) -> str:
    return f"giay-chung-nhan-{trainee.certificate_seq or 0:03d}-{trainee.certificate_year or ''}.docx"


def build(trainee):
    """The python-docx Document of `trainee`'s certificate (it must have a number)."""
    training, person, organiser = trainee.training, trainee.person, trainee.training.organiser
    document = nd30.new_document()
    nd30.add_heading_block(document, nd30.Heading(
        issuer=organiser.name, parent=organiser.parent.name if organiser.parent_id else None,
        place=settings.PROVINCE_NAME, date=training.ends_on, number=trainee.certificate_number, symbol="GCN",
        doc_type="GIẤY CHỨNG NHẬN", title="Hoàn thành lớp tập huấn, bồi dưỡng nghiệp vụ"))
    nd30.add_paragraph(document, f"Chứng nhận: {_honorific(person)} {person.full_name}", bold=True,
                       first_line_mm=10)
    if person.birth_date:
        nd30.add_paragraph(document, f"Ngày sinh: {person.birth_date:%d/%m/%Y}", first_line_mm=10)
    if person.position:
        nd30.add_paragraph(document, f"Chức vụ: {person.position}", first_line_mm=10)
    nd30.add_paragraph(document, f"Đơn vị công tác: {trainee.unit.name}", first_line_mm=10)
    place = f" tại {training.place}" if training.place else ""
    nd30.add_paragraph(document, f"Đã tham dự lớp {training.topic} do {organiser.name} tổ chức từ ngày "
                                 f"{training.starts_on:%d/%m/%Y} đến ngày {training.ends_on:%d/%m/%Y}{place}.",
                       first_line_mm=10)
    score = f", điểm {trainee.score.normalize():f}".replace(".", ",") if trainee.score is not None else ""
    nd30.add_paragraph(document, f"Kết quả: {RESULT_TEXT.get(trainee.result, '')}{score}.", first_line_mm=10)
    nd30.signature_block(document, recipients=[f"- {person.full_name};", "- Lưu: VT."],
                         signature=["THỦ TRƯỞNG ĐƠN VỊ"], signer_name="")
    return document
