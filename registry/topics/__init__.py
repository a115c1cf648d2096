"""The managed topic list."""
