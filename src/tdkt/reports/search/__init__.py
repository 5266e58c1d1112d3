"""Tra cứu khen thưởng (issue 18, item 5): the award history search over the register, its Excel export and
a person's or a collective's full history laid out for printing."""
