"""The written appraisal opinion (ý kiến thẩm định bằng văn bản, seed 000): drafted from a verified
appraisal package, edited by the appraiser (each finding accepted or rejected with a reason), exported
as DOCX and PDF in the administrative format of provincial departments, and signed by the appraiser.

- :mod:`cim.appraisal.opinion`  the opinion document (JSON), decisions on findings
- :mod:`cim.appraisal.draft`    draft an opinion from a verified package
- :mod:`cim.appraisal.render`   HTML and PDF (WeasyPrint)
- :mod:`cim.appraisal.docx_out` DOCX (python-docx)
- :mod:`cim.appraisal.signing`  the appraiser's detached signature over the exported files
"""
