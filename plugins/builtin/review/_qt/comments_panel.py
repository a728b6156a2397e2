"""The comments dock: the project's review threads (filter by status, author, text), a new comment on
the selected feature or a clicked point, replies, resolve/reopen, a click zooms to the anchor, BCF
exchange with BIM tools. Every change is an undoable core command of category ``review``, so reviewers
(read-only for the plan itself) may comment and the undo stack shows their comments like other edits.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from plugins import gui
from plugins.builtin.review._qt.anchors import (
    anchor_bounds,
    anchor_from_selection,
    anchor_geometry,
    anchor_layer_name,
    describe_anchor,
)
from plugins.builtin.review._qt.bcf_actions import export_bcf, import_bcf
from plugins.builtin.review._qt.common import STATUS_COLOUR, local_date, png_bytes, status_text
from plugins.gui import tr as _t

OVERLAY = "review.anchor"
ID_ROLE = Qt.UserRole


def _columns() -> list[str]:
    return [_t("ReviewPanel", "Comment"), _t("ReviewPanel", "Status")]


class CommentsPanel(QWidget):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("review_comments_panel")
        self.window, self.session = window, window.session
        self.dialog = None                   # the open "New comment" dialog (tests reach it here)
        self._build()
        s = self.session
        for sig in (s.undo_changed, s.project_replaced, s.role_changed, s.layers_changed):
            sig.connect(self.refresh)
        s.selection_changed.connect(self._update_buttons)
        s.project_replaced.connect(lambda: self.window.canvas.overlays.clear(OVERLAY))
        self.refresh()

    # layout ---------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.role_note = gui.status_label(name="review_role_note")
        self.new_button = gui.button(_t("ReviewPanel", "New comment…"), self.new_comment_on_selection,
                                     name="review_new")
        self.point_button = gui.button(_t("ReviewPanel", "At a point…"), self.new_comment_at_point,
                                       name="review_new_at_point")
        self.point_button.setToolTip(_t("ReviewPanel", "Click a place on the map to comment on it"))
        self.import_button = gui.button(_t("ReviewPanel", "Import BCF…"), lambda: import_bcf(self))
        self.export_button = gui.button(_t("ReviewPanel", "Export BCF…"), lambda: export_bcf(self))
        top = gui.button_grid((self.new_button, self.point_button, self.import_button, self.export_button))

        self.search = gui.line_edit(name="review_search", placeholder=_t("ReviewPanel", "Search title, text, author…"))
        self.search.setClearButtonEnabled(True)
        self.status_filter = QComboBox()
        self.status_filter.setObjectName("review_status_filter")
        self.status_filter.addItem(_t("ReviewPanel", "All statuses"), None)
        for st in ("open", "resolved", "wont_fix"):
            self.status_filter.addItem(status_text(st), st)
        self.author_filter = QComboBox()
        self.author_filter.setObjectName("review_author_filter")
        self.author_filter.setSizeAdjustPolicy(QComboBox.AdjustToContents)
        filters = QGridLayout()
        filters.addWidget(self.search, 0, 0, 1, 2)
        filters.addWidget(self.status_filter, 1, 0)
        filters.addWidget(self.author_filter, 1, 1)
        self.search.textChanged.connect(self.apply_filter)
        self.status_filter.currentIndexChanged.connect(self.apply_filter)
        self.author_filter.currentIndexChanged.connect(self.apply_filter)

        self.tree = QTreeWidget()
        self.tree.setObjectName("review_threads")
        self.tree.setHeaderLabels(_columns())
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setUniformRowHeights(False)        # two lines: the title, then about · author · date
        self.tree.setWordWrap(False)
        self.tree.setTextElideMode(Qt.ElideRight)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setStretchLastSection(False)
        self.tree.currentItemChanged.connect(lambda *_: self._show_current())
        self.tree.itemClicked.connect(lambda item, _col: self.zoom_to_thread(item.data(0, ID_ROLE)))
        self.tree.itemActivated.connect(lambda item, _col: self.zoom_to_thread(item.data(0, ID_ROLE)))
        self.empty = gui.status_label(name="review_empty")
        self.empty.setAlignment(Qt.AlignCenter)
        self.empty.setStyleSheet("color: palette(mid); padding: 12px;")

        self.detail = QTextBrowser()
        self.detail.setObjectName("review_detail")
        self.detail.setOpenLinks(False)
        self.reply_text = gui.text_box(name="review_reply_text", placeholder=_t("ReviewPanel", "Write a reply…"))
        self.reply_text.setFixedHeight(60)
        self.reply_button = gui.button(_t("ReviewPanel", "Reply"), lambda: self.reply(), name="review_reply")
        self.status_button = gui.button(_t("ReviewPanel", "Resolve"), lambda: self.toggle_resolved(),
                                        name="review_resolve")
        actions = QHBoxLayout()
        actions.addStretch(1)
        actions.addWidget(self.status_button)
        actions.addWidget(self.reply_button)

        upper = QWidget()
        ul = QVBoxLayout(upper)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.addWidget(self.tree)
        ul.addWidget(self.empty)
        lower = QWidget()
        ll = QVBoxLayout(lower)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addWidget(self.detail, 1)
        ll.addWidget(self.reply_text)
        ll.addLayout(actions)
        split = QSplitter(Qt.Vertical)
        split.addWidget(upper)
        split.addWidget(lower)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.role_note)
        lay.addLayout(top)
        lay.addLayout(filters)
        lay.addWidget(split, 1)

    # data -------------------------------------------------------------------------------------------
    def book(self):
        from cim.review import review_book

        return review_book(self.session.project)

    def current_id(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item is not None and not item.isHidden() else None

    def current_thread(self):
        tid = self.current_id()
        return self.book().threads.get(tid) if tid else None

    def refresh(self, *_args) -> None:
        keep = self.current_id()
        project, book = self.session.project, self.book()
        authors = sorted({t.author for t in book} | {c.author for t in book for c in t.comments})
        chosen = self.author_filter.currentData()
        self.author_filter.blockSignals(True)
        self.author_filter.clear()
        self.author_filter.addItem(_t("ReviewPanel", "All authors"), None)
        for a in authors:
            self.author_filter.addItem(a, a)
        self.author_filter.setCurrentIndex(max(0, self.author_filter.findData(chosen)) if chosen else 0)
        self.author_filter.blockSignals(False)
        self.tree.blockSignals(True)
        self.tree.clear()
        for t in book:
            about = describe_anchor(project, t.anchor)
            replies = len(t.comments)
            title = t.title if not replies else f"{t.title}  ({replies})"
            line2 = " · ".join([about, t.author, local_date(t.modified or t.created)])
            item = QTreeWidgetItem([f"{title}\n{line2}", status_text(t.status)])
            item.setData(0, ID_ROLE, t.id)
            item.setForeground(1, QBrush(QColor(STATUS_COLOUR.get(t.status, "#000000"))))
            layer = anchor_layer_name(project, t.anchor)
            item.setToolTip(0, "\n".join(x for x in (t.title, line2, layer, t.description) if x))
            self.tree.addTopLevelItem(item)
            if t.id == keep:
                self.tree.setCurrentItem(item)
        self.tree.blockSignals(False)
        self.apply_filter()
        reviewer = not self.session.editable
        self.role_note.setText(_t("ReviewPanel", "Reviewer mode: the plan is read-only; you can comment, reply and "
                                  "resolve.") if reviewer else "")
        self.role_note.setVisible(reviewer)
        self._show_current()

    def matches(self, t, text: str, status, author) -> bool:
        if status is not None and t.status != status:
            return False
        if author is not None and t.author != author and all(c.author != author for c in t.comments):
            return False
        if not text:
            return True
        hay = " ".join([t.title, t.description, t.author, describe_anchor(self.session.project, t.anchor),
                        *(c.text for c in t.comments), *(c.author for c in t.comments)]).casefold()
        return text.casefold() in hay

    def apply_filter(self, *_args) -> None:
        text, status, author = self.search.text().strip(), self.status_filter.currentData(), \
            self.author_filter.currentData()
        book = self.book()
        shown = 0
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            t = book.threads.get(item.data(0, ID_ROLE))
            hide = t is None or not self.matches(t, text, status, author)
            item.setHidden(hide)
            shown += not hide
        if not len(book):
            self.empty.setText(_t("ReviewPanel", "No comments yet. Select a feature on the map and press "
                                  "“New comment…”, or comment on a place with “At a point…”."))
        else:
            self.empty.setText(_t("ReviewPanel", "No comment matches the filter (%1 in the project).")
                               .replace("%1", str(len(book))))
        self.empty.setVisible(shown == 0)
        self.tree.setVisible(shown > 0)
        self._show_current()

    def visible_ids(self) -> list[str]:
        return [self.tree.topLevelItem(i).data(0, ID_ROLE) for i in range(self.tree.topLevelItemCount())
                if not self.tree.topLevelItem(i).isHidden()]

    def select_thread(self, thread_id: str) -> None:
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            if item.data(0, ID_ROLE) == thread_id:
                self.tree.setCurrentItem(item)
                return

    def _show_current(self) -> None:
        t = self.current_thread()
        self.reply_text.setEnabled(t is not None)
        self.reply_button.setEnabled(t is not None)
        self.status_button.setEnabled(t is not None)
        if t is None:
            self.detail.setHtml("<p style='color:gray'>" + html.escape(_t(
                "ReviewPanel", "Choose a comment to read it, reply or resolve it; a click shows it on the map."))
                + "</p>")
            return
        self.status_button.setText(_t("ReviewPanel", "Reopen") if t.status != "open" else _t("ReviewPanel", "Resolve"))
        e = html.escape
        about_label, status_label = _t("ReviewPanel", "About:"), _t("ReviewPanel", "Status:")
        parts = [f"<h3>{e(t.title)}</h3>",
                 f"<p><b>{e(about_label)}</b> {e(describe_anchor(self.session.project, t.anchor))}"
                 f" &nbsp; <b>{e(status_label)}</b> "
                 f"<span style='color:{STATUS_COLOUR.get(t.status, '#000')}'>{e(status_text(t.status))}</span></p>",
                 f"<p><b>{e(t.author)}</b> · {e(local_date(t.created))}</p>"]
        if t.description:
            parts.append("<p>" + e(t.description).replace("\n", "<br>") + "</p>")
        for c in t.comments:
            parts.append(f"<hr><p><b>{e(c.author)}</b> · {e(local_date(c.date))}<br>"
                         + e(c.text).replace("\n", "<br>") + "</p>")
        self.detail.setHtml("".join(parts))

    def _update_buttons(self) -> None:
        n = self.session.selection_count()
        self.new_button.setToolTip(_t("ReviewPanel", "Comment on the selected feature") if n else
                                   _t("ReviewPanel", "Nothing is selected: the comment is about the whole project"))

    # actions --------------------------------------------------------------------------------------
    def _viewpoint(self):
        from cim.review import Viewpoint

        ext = getattr(self.window.canvas.vp, "extent", None)
        return Viewpoint(kind="map", extent=tuple(float(v) for v in ext)) if ext is not None else None

    def new_comment_on_selection(self, _checked=False):
        from cim.review import Anchor

        return self.new_comment(anchor_from_selection(self.session) or Anchor())

    def new_comment_at_point(self, _checked=False) -> None:
        from cim.review import Anchor

        self.window.pick_point(_t("ReviewPanel", "Click the place to comment on (Esc cancels)"),
                               lambda x, y: self.new_comment(Anchor.location(x, y)))

    def new_comment(self, anchor):
        """Open the comment dialog (not blocking); OK adds the thread."""
        from plugins.builtin.review._qt.comment_dialog import CommentDialog

        snapshot = png_bytes(self.window.canvas.grab())
        viewpoint = self._viewpoint()
        self.dialog = CommentDialog(self.window, describe_anchor(self.session.project, anchor))
        self.dialog.accepted.connect(lambda d=self.dialog: self.add_comment(*d.values(), anchor=anchor,
                                                                          viewpoint=viewpoint, snapshot=snapshot))
        self.dialog.open()
        return self.dialog

    def add_comment(self, title: str, text: str = "", *, anchor=None, viewpoint=None, snapshot=None):
        from cim.review.commands import AddThread
        from cim.review.model import Anchor, Thread

        if not title.strip():
            return None
        p = self.session.project
        thread = Thread(title=title.strip(), author=p.user, anchor=anchor or Anchor(), description=text,
                        viewpoint=viewpoint, snapshot=snapshot)
        if not self.session.push(AddThread(p, thread)):
            return None
        self.select_thread(thread.id)
        self.session.message.emit("info", _t("ReviewPanel", "Comment added: %1").replace("%1", thread.title))
        return thread

    def reply(self, text: str | None = None) -> bool:
        from cim.review.commands import AddReply
        from cim.review.model import Comment

        t = self.current_thread()
        text = (self.reply_text.toPlainText() if text is None else text).strip()
        if t is None or not text:
            return False
        p = self.session.project
        if self.session.push(AddReply(p, t.id, Comment(author=p.user, text=text))):
            self.reply_text.clear()
            return True
        return False

    def toggle_resolved(self) -> bool:
        from cim.review.commands import SetThreadStatus

        t = self.current_thread()
        if t is None:
            return False
        p = self.session.project
        return self.session.push(SetThreadStatus(p, t.id, "open" if t.status != "open" else "resolved", p.user))

    def zoom_to_thread(self, thread_id: str | None) -> None:
        """Show the thread's anchor on the map: zoom to it, select the anchored feature, outline it."""
        t = self.book().threads.get(thread_id) if thread_id else None
        if t is None:
            return
        p = self.session.project
        bounds = anchor_bounds(p, t)
        if bounds is None:
            self.window.report(_t("ReviewPanel", "This comment is about the whole project: it has no place on the map"))
            return
        self.window.zoom_to_bounds(bounds, 0.2)
        geom = anchor_geometry(p, t.anchor)
        if geom is not None:
            self.window.canvas.overlays.set(OVERLAY, [geom.buffer(3.0) if geom.geom_type == "Point" else geom],
                                            "#ff6f00", width=3.0, fill_alpha=40, labels=[
                                                (geom.centroid.x, geom.centroid.y, t.title)])
        if t.anchor.kind == "feature" and geom is not None:
            self.session.set_current_layer(t.anchor.layer_id)
            self.session.select(t.anchor.layer_id, [t.anchor.fid])
