"""Dashboards with charts (issue 18, item 6): the province's for the standing body and each unit's own.

- awards.py: awards by year, level and form; the equity shares against the province's targets;
- workflow.py: dossiers by state and overdue steps; processing time per step; cluster and block scoring;
- page.py: the sections of one dashboard (chart, table) built from those figures, shared by the page and
  the Excel export (export.py)."""
