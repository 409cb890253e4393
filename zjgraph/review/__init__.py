"""Reviewing a new report: the extractor's proposal, candidates for its new entities, and a reviewer's decisions
saved into a data folder as one validated change. The web workbench (:mod:`zjgraph.web.review`, ``zjgraph
review``) is a thin layer over these.

>>> from zjgraph.review import open_report, save
>>> draft = open_report("report.txt", "my-data", "doc:bishan-brief")
>>> outcome = save("my-data", draft, {"facts": {"1": {"action": "accept"}}})
>>> outcome.saved, [str(p.problem) for p in outcome.problems]
"""

from zjgraph.review.draft import Draft, open_report
from zjgraph.review.layout import Refused
from zjgraph.review.save import Outcome, plan, save

__all__ = ["Draft", "Outcome", "Refused", "open_report", "plan", "save"]
