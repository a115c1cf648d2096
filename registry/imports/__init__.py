"""Spreadsheet import: the unit's Excel logs of agreements and meetings (docs/import-workbook.md).

``services.run_import`` does the work for both the pages (``views``: upload, preview with every
error, confirm) and the command line (``cli``: ``flask --app registry import FILE.xlsx
[--dry-run]``).
"""
