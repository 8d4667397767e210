"""Word (.docx) builders for the Panel's documents: plain data in (:mod:`govapp.documents.data`),
bytes out. No Flask, no database; PDF copies via :mod:`govapp.documents.pdf` when LibreOffice is
installed.

Every document is A4 with the Board's header, the OFFICIAL-SENSITIVE marking at the top and bottom of
every page, and "Page X of Y" in the footer.
"""

from govapp.documents.action_log import build_action_log
from govapp.documents.agenda_pack import build_agenda_pack
from govapp.documents.attendance import build_attendance_register
from govapp.documents.minutes import build_minutes
from govapp.documents.notice import build_notice

__all__ = ["build_action_log", "build_agenda_pack", "build_attendance_register", "build_minutes", "build_notice"]
