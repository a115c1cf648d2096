"""The administration landing page; each section lives with its own domain."""
