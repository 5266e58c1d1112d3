"""Framework-free helpers (no Django imports in these modules unless stated)."""
