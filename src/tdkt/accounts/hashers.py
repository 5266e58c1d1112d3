"""The password hasher: argon2id with parameters chosen for sign-in under load, at current guidance.

Django's default Argon2 parameters (memory 100 MiB, time 2, parallelism 8) made 50 simultaneous sign-ins take
6–18 s on a 2-core server (issue 23): every sign-in fills 100 MiB twice, and eight lanes per hash only queue on
two cores. OWASP's Password Storage Cheat Sheet lists argon2id with m = 19 MiB, t = 2, p = 1 as a minimum
configuration; these are that, not weaker. Raise them (never lower) by changing the settings below: stored hashes
are upgraded the next time their owner signs in, because Django compares each hash's parameters with the
hasher's (`must_update`) and re-hashes on a successful check.

ARGON2_MEMORY_KIB, ARGON2_TIME_COST and ARGON2_PARALLELISM are settings (environment-tunable), not constants of
the law: the floor they must not go under is guidance that changes with hardware.
"""

from django.conf import settings
from django.contrib.auth.hashers import Argon2PasswordHasher

# OWASP Password Storage Cheat Sheet (argon2id, "m=19456 (19 MiB), t=2, p=1"): the floor the settings may not go under.
GUIDANCE_FLOOR = {"memory_cost": 19 * 1024, "time_cost": 2, "parallelism": 1}


class TunedArgon2PasswordHasher(Argon2PasswordHasher):
    """argon2id with the parameters from the settings; same algorithm name, so hashes stay interchangeable."""

    @property
    def memory_cost(self) -> int:  # KiB
        return max(settings.ARGON2_MEMORY_KIB, GUIDANCE_FLOOR["memory_cost"])

    @property
    def time_cost(self) -> int:
        return max(settings.ARGON2_TIME_COST, GUIDANCE_FLOOR["time_cost"])

    @property
    def parallelism(self) -> int:
        return max(settings.ARGON2_PARALLELISM, GUIDANCE_FLOOR["parallelism"])
