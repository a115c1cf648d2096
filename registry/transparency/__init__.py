"""The transparency export (SIPOT, Art. 70 fr. XXXIII) and its admin-adjustable column layout."""
