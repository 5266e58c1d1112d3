"""The archive digitisation wizard (/awards/archive/, issue 17): upload decisions (texts, Word files, scans),
read them in the background (tdkt.lib.awarddoc, OCR for scans), review each document beside its page
images, and commit its lines as award records that keep the searchable scan."""
