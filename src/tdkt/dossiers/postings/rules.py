"""Who may do what in công khai: the standing body publishes and handles comments; the public reads and
comments without signing in."""

from tdkt.accounts.enums import Role

STAFF = (Role.PROVINCE_SPECIALIST, Role.SYSTEM_ADMIN)
