"""History import (digitising the archive): awards, yearly ratings and initiatives from Excel or CSV.

upload (`services.create_batch`) → map columns (`services.save_mapping`) → validate every row and match
persons (`services.validate_batch`; doubtful matches wait in a review queue, `services.resolve_row`) →
commit all or nothing (`services.commit_batch`) → per-row report (`report.write_report`).
Kept light: nothing is imported here, so `tdkt.awards.models` can import `imports.models`.
"""
