"""Who may do what in hiệp y."""

from tdkt.accounts.enums import Role

# The standing body sends requests, records paper answers and follows the due dates.
STAFF = (Role.PROVINCE_SPECIALIST, Role.SYSTEM_ADMIN)
# A consulted agency answers through the users of its linked unit (queries.agency_ids_for_user).
AGENCY_USERS = (Role.UNIT_CLERK, Role.UNIT_LEADER)

# Requests other bodies send the province (hiệp y đến): the standing body's specialists record, assign, answer
# and send them; the province's leaders (signers) read them. Everyone else gets a 404 (inbound_queries).
INBOUND_HANDLERS = (Role.PROVINCE_SPECIALIST, Role.SYSTEM_ADMIN)
INBOUND_READERS = (*INBOUND_HANDLERS, Role.SIGNER)
