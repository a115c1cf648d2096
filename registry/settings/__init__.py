"""Settings an administrator keeps: who signs the reports, the unit's name."""
