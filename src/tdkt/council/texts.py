"""Vietnamese wording of council documents (the minutes and papers are official Vietnamese texts)."""

_ORDINALS = {1: "nhất", 2: "hai", 3: "ba", 4: "tư", 5: "năm", 6: "sáu", 7: "bảy", 8: "tám", 9: "chín", 10: "mười"}


def ordinal(number: int) -> str:
    """"thứ nhất", "thứ tư", "thứ 11": the number written out up to ten, as meetings are named."""
    return f"thứ {_ORDINALS.get(number, number)}"


def meeting_title(meeting) -> str:
    """"Phiên họp lần thứ nhất năm 2026" — the council's name is shown next to it where needed."""
    return f"Phiên họp lần {ordinal(meeting.number)} năm {meeting.date.year}"


def percent_text(part: int, whole: int) -> str:
    """"93,33%": two decimals with a decimal comma, as Vietnamese documents write them."""
    if not whole:
        return "0%"
    value = f"{part * 100 / whole:.2f}".rstrip("0").rstrip(".")
    return f"{value.replace('.', ',')}%"
