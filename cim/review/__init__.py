"""Review of a project by commune planners and appraisers: roles, comment threads, BCF exchange.

Comments are anchored to GIS features, IFC GlobalIds, map locations or check issues; adding,
replying and resolving are commands of category ``"review"``, which reviewers may push.
"""

from cim.review.model import Anchor, Comment, ReviewBook, Thread, Viewpoint, review_book

__all__ = ["Anchor", "Comment", "ReviewBook", "Thread", "Viewpoint", "review_book"]
