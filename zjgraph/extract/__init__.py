"""``zjgraph extract``: propose entities and facts from the text of a new report, for a person to review."""
