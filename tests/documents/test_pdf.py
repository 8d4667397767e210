"""PDF copies by LibreOffice (headless). Skipped, with the reason, only where LibreOffice is missing."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from govapp.documents import build_minutes
from govapp.documents.examples import COMMITTEE
from govapp.documents.examples import example_minutes
from govapp.documents.pdf import DocumentConversionError
from govapp.documents.pdf import convert_to_pdf
from govapp.documents.pdf import libreoffice_available

needs_libreoffice = pytest.mark.skipif(
    not libreoffice_available(),
    reason="LibreOffice is not installed (apt-get install libreoffice-writer-nogui); PDF copies are optional",
)


def _pdf_text(pdf: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


@needs_libreoffice
def test_draft_minutes_convert_to_a_pdf_with_their_markings_and_page_numbers() -> None:
    pdf = convert_to_pdf(build_minutes(example_minutes()))
    assert pdf.startswith(b"%PDF")
    pages = _pdf_text(pdf)
    assert len(pages) >= 2
    for number, text in enumerate(pages, start=1):
        assert "OFFICIAL-SENSITIVE – DRAFT" in text
        assert f"Page {number} of {len(pages)}" in text  # the fields, computed by LibreOffice
        assert COMMITTEE in text
    everything = " ".join(pages)
    assert "Version 2, circulated on Monday 14 December 2026." in everything
    assert "The Chair used the casting vote: for." in everything


@needs_libreoffice
def test_a_conversion_that_runs_out_of_time_is_reported_clearly() -> None:
    with pytest.raises(DocumentConversionError, match="did not convert the document within"):
        convert_to_pdf(build_minutes(example_minutes()), timeout=0.01)


def test_conversion_without_libreoffice_is_reported_clearly(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    assert not libreoffice_available()
    with pytest.raises(DocumentConversionError, match="LibreOffice is not installed"):
        convert_to_pdf(b"not used")
