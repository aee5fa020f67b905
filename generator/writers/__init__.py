"""Writers turn the one HTML document into DOCX and PDF."""
