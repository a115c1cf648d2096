"""Account administration: the admins' pages and the ``users`` commands."""
