"""Our own areas: the municipality's secretarías, institutos and órganos auxiliares.

They are never counterparts: a meeting among them alone is not metropolitan work
(docs/records.md, "Our own areas")."""
