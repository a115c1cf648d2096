"""The partner map: the Zona Metropolitana and the partners outside it, drawn from the registry."""
