"""PDF copies of the Word documents, made by LibreOffice in headless mode when it is installed.

The .docx is always the document of record; a PDF is a convenience. Conversion runs ``soffice`` on a
private temporary profile (so concurrent conversions and the server's own LibreOffice settings never
interfere), with a timeout, and never touches the network.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

#: Seconds allowed for one conversion (LibreOffice's first start on a new profile takes a few).
DEFAULT_TIMEOUT = 120


class DocumentConversionError(RuntimeError):
    """LibreOffice is missing, failed, timed out, or produced no PDF."""


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def libreoffice_available() -> bool:
    return _soffice() is not None


def convert_to_pdf(docx_bytes: bytes, *, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """The PDF of a .docx, converted by LibreOffice. Raises :class:`DocumentConversionError`."""
    soffice = _soffice()
    if soffice is None:
        raise DocumentConversionError("LibreOffice is not installed (no soffice or libreoffice on the PATH)")
    with tempfile.TemporaryDirectory(prefix="govapp-pdf-") as scratch:
        work = Path(scratch)
        source = work / "document.docx"
        source.write_bytes(docx_bytes)
        profile = work / "profile"
        command = [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        returncode, output = _run(command, timeout)
        target = work / "document.pdf"
        if returncode != 0 or not target.is_file():
            message = f"LibreOffice could not convert the document (exit status {returncode}): {output or 'no output'}"
            raise DocumentConversionError(message)
        pdf = target.read_bytes()
    if not pdf.startswith(b"%PDF"):
        raise DocumentConversionError("LibreOffice produced a file that is not a PDF")
    return pdf


def _run(command: list[str], timeout: float) -> tuple[int, str]:
    """Run LibreOffice in a session of its own, so that on a timeout the whole process group (the
    launcher and ``soffice.bin``) is killed, not just the launcher."""
    try:
        process = subprocess.Popen(  # noqa: S603 - fixed arguments, our own temporary files
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    except OSError as error:
        raise DocumentConversionError(f"LibreOffice could not be started: {error}") from error
    with process:
        try:
            output, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as error:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            message = f"LibreOffice did not convert the document within {timeout:g} seconds"
            raise DocumentConversionError(message) from error
    return process.returncode, output.decode("utf-8", "replace").strip()
